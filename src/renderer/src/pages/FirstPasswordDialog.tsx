import { Alert, Button, Modal } from 'antd';
import type { Actor } from '../../../shared/domain/accounts';
import { api } from '../api/client';
import { ChangePasswordForm } from './settings/PasswordPanel';

/**
 * An account an administrator created or reset: nothing else opens until the user has replaced
 * the password the administrator chose (or signs out). The dialog cannot be closed otherwise.
 */
export function FirstPasswordDialog({
  actor,
  onChanged,
  onLogout,
}: {
  actor: Actor;
  onChanged: () => void;
  onLogout: () => void;
}) {
  return (
    <Modal open title="请设置新密码" closable={false} maskClosable={false} keyboard={false} footer={null}>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        message={`${actor.displayName}，您的密码由管理员设置。为保证账号安全，请先设置只有您知道的新密码再开始使用。`}
      />
      <ChangePasswordForm onChanged={onChanged} submitText="设置新密码并进入" />
      <Button
        type="link"
        style={{ paddingLeft: 0, marginTop: 8 }}
        onClick={() => void api['auth.logout']({}).finally(onLogout)}
      >
        退出登录
      </Button>
    </Modal>
  );
}
