import { App as AntApp, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ConfirmPasswordItem } from '../../components/ConfirmPasswordItem';
import { api } from '../../api/client';
import { strongPasswordRule } from '../../components/passwordRule';

/** Current password, a new one under the shared strength rule, and its confirmation. */
export function ChangePasswordForm({ onChanged, submitText = '保存' }: { onChanged: () => void; submitText?: string }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; newPasswordConfirm: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => {
        setBusy(true);
        api['auth.changePassword']({ currentPassword: values.currentPassword, newPassword: values.newPassword }).then(
          () => {
            setBusy(false);
            form.resetFields();
            message.success('密码已修改');
            onChanged();
          },
          (e: Error) => {
            setBusy(false);
            message.error(e.message);
          },
        );
      }}
    >
      <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请填写当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 8 位；不能全是数字、同一字符重复或 abcdefgh、qwertyui 这类连续字符；少于 12 位须含字母、数字、符号中的两类。"
        rules={[{ required: true, message: '请填写密码' }, strongPasswordRule]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <ConfirmPasswordItem field="newPassword" label="确认新密码" />
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitText}
      </Button>
    </Form>
  );
}

export function PasswordPanel() {
  return (
    <Card title="修改密码" style={{ maxWidth: 480 }}>
      <ChangePasswordForm onChanged={() => undefined} />
    </Card>
  );
}
