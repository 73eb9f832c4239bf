import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Form,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { BackupCheckView, BackupFileView } from '../../../../shared/contract/backup';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDateTime } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { formatBytes } from '../../components/files';

/** The restore dialog: the backup is checked first (as `luoshi restore` does), then replaced on confirmation. */
function RestoreDialog({ check, onClose }: { check: BackupCheckView; onClose: () => void }) {
  const { modal } = AntApp.useApp();
  const [accept, setAccept] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const refused = check.auditRefusal !== null;
  return (
    <Modal
      open
      title={`从备份恢复：${check.name}`}
      okText="确认恢复"
      okButtonProps={{ danger: true, disabled: refused && !accept }}
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => {
        setBusy(true);
        setError(undefined);
        api['backup.restore']({ name: check.name, acceptUnverifiedAudit: refused && accept }).then(
          (result) => {
            setBusy(false);
            onClose();
            modal.success({
              title: '已从备份恢复',
              content: (
                <Space direction="vertical">
                  <span>数据已恢复到 {formatDateTime(result.backupCreatedAt)} 的备份。</span>
                  {result.auditWarning && <Alert type="warning" message={result.auditWarning} />}
                  {result.previousDatabase && <span>原数据库已保留为 {result.previousDatabase}</span>}
                  {result.previousAttachments && <span>原附件已保留为 {result.previousAttachments}</span>}
                  <span>点击“确定”重新载入页面；如登录已失效，请重新登录。</span>
                </Space>
              ),
              okText: '确定',
              onOk: () => window.location.reload(),
            });
          },
          (e: Error) => {
            setBusy(false);
            setError(e.message);
          },
        );
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="success"
          message="备份文件校验通过（每个文件的校验和、数据库完整性）。"
          description={check.description}
        />
        {refused ? (
          <>
            <Alert type="error" message="备份中的审计记录未通过校验" description={check.auditRefusal} />
            <Checkbox checked={accept} onChange={(e) => setAccept(e.target.checked)}>
              审计记录未通过校验仍然恢复（例如只为取回数据）
            </Checkbox>
          </>
        ) : check.auditWarning ? (
          <Alert type="warning" message={check.auditWarning} />
        ) : (
          <Alert type="success" message="备份中的审计记录校验通过。" />
        )}
        <Typography.Paragraph>
          恢复将用此备份替换当前的数据库和全部附件，当前数据会改名保留在数据目录中（luoshi.db.before-restore-时间）。恢复期间其他用户的操作会失败，请先通知他们。
        </Typography.Paragraph>
        {error && <Alert type="error" message={error} />}
      </Space>
    </Modal>
  );
}

/** 备份: the backups folder, back up now, restore one, and the schedule and retention. */
export function BackupPanel() {
  const { message } = AntApp.useApp();
  const list = useLoad(() => api['backup.list']({}), []);
  const settings = useLoad(() => api['backup.settings']({}), []);
  const [creating, setCreating] = useState(false);
  const [checking, setChecking] = useState<string | null>(null);
  const [check, setCheck] = useState<BackupCheckView | null>(null);
  const [form] = Form.useForm<{ keep: number; intervalHours: number }>();
  const [saving, setSaving] = useState(false);

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;

  const createNow = () => {
    setCreating(true);
    api['backup.create']({}).then(
      (created) => {
        setCreating(false);
        message.success(
          `已备份：${created.name}${created.pruned > 0 ? `（按保留份数删除了 ${created.pruned} 份较早的自动备份）` : ''}`,
        );
        list.reload();
      },
      (e: Error) => {
        setCreating(false);
        message.error(e.message);
      },
    );
  };

  const startRestore = (backup: BackupFileView) => {
    setChecking(backup.name);
    api['backup.check']({ name: backup.name }).then(
      (result) => {
        setChecking(null);
        setCheck(result);
      },
      (e: Error) => {
        setChecking(null);
        message.error(e.message);
      },
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="备份文件"
        extra={
          <Button type="primary" loading={creating} onClick={createNow}>
            立即备份
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          备份目录：{list.data?.directory ?? '…'}。每份备份包含数据库和全部附件，并附有校验和。
        </Typography.Paragraph>
        <Table<BackupFileView>
          rowKey="name"
          size="small"
          loading={list.loading}
          dataSource={list.data?.backups ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有备份。点击“立即备份”生成第一份。' }}
          columns={[
            { title: '文件名', dataIndex: 'name' },
            { title: '备份时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 180 },
            { title: '大小', dataIndex: 'size', render: (v: number) => formatBytes(v), width: 100 },
            {
              title: '类型',
              dataIndex: 'automatic',
              width: 110,
              render: (automatic: boolean) => (automatic ? <Tag>按时间命名</Tag> : <Tag color="blue">手工命名</Tag>),
            },
            {
              title: '操作',
              width: 120,
              render: (_: unknown, backup) => (
                <Button size="small" danger loading={checking === backup.name} onClick={() => startRestore(backup)}>
                  恢复…
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title="自动备份">
        {settings.error ? (
          <ErrorState error={settings.error} onRetry={settings.reload} />
        ) : settings.data ? (
          <Form
            form={form}
            layout="inline"
            initialValues={{ keep: settings.data.keep, intervalHours: settings.data.intervalHours ?? 24 }}
            onFinish={(values) => {
              setSaving(true);
              api['backup.setSettings'](values).then(
                () => {
                  setSaving(false);
                  message.success('备份设置已保存');
                  list.reload();
                  settings.reload();
                },
                (e: Error) => {
                  setSaving(false);
                  message.error(e.message);
                },
              );
            }}
          >
            <Form.Item
              label="每隔（小时）"
              name="intervalHours"
              rules={[{ required: true, type: 'integer', min: 1, max: 720, message: '备份间隔应为 1–720 小时' }]}
            >
              <InputNumber min={1} max={720} aria-label="自动备份间隔（小时）" />
            </Form.Item>
            <Form.Item
              label="保留份数"
              name="keep"
              rules={[{ required: true, type: 'integer', min: 1, max: 365, message: '保留份数应为 1–365' }]}
            >
              <InputNumber min={1} max={365} aria-label="保留份数" />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={saving}>
                保存
              </Button>
            </Form.Item>
          </Form>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          程序运行时，距最近一份备份超过设定间隔即自动备份，正常退出时如数据有变化也会备份一次。超出保留份数时删除最早的按时间命名的备份，手工命名的备份不会被删除。
        </Typography.Paragraph>
      </Card>
      {check && <RestoreDialog check={check} onClose={() => setCheck(null)} />}
    </Space>
  );
}
