import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { roleLabels, roles, type Role, type UserEntity } from '../../../../shared/domain/accounts';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDate } from '../../app/format';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { WorkflowNeeds } from '../../components/WorkflowNeeds';
import { strongPasswordRule } from '../../components/passwordRule';
import { passwordWeakness } from '../../../../shared/domain/passwordPolicy';

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  unitId: number | null;
  roles: Role[];
  mustChangePassword: boolean;
}

function UserDialog({
  user,
  open,
  onClose,
  onSaved,
}: {
  user: UserEntity | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<UserForm>();
  // Read the directory each time the dialog opens: a unit added a moment ago in 单位目录 is offered.
  const units = useLoad(() => (open ? api['units.list']({}) : Promise.resolve(undefined)), [open]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={user ? `修改账号：${user.displayName}` : '新建账号'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((values) => {
          setBusy(true);
          setError(undefined);
          const request = user
            ? api['users.update']({
                userId: user.id,
                displayName: values.displayName,
                unitId: values.unitId ?? null,
                roles: values.roles,
              })
            : api['users.create']({ ...values, unitId: values.unitId ?? null });
          request.then(
            () => {
              setBusy(false);
              onSaved();
            },
            (e: Error) => {
              setBusy(false);
              setError(e.message);
            },
          );
        })
      }
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, unitId: user.unitId, roles: user.roles }
            : { roles: ['clerk'], mustChangePassword: true }
        }
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[
            { required: true, pattern: /^[A-Za-z0-9._-]{2,40}$/, message: '用户名应为 2–40 位字母、数字或 . _ -' },
          ]}
        >
          <Input disabled={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        {!user && (
          <Form.Item
            label="初始密码"
            name="password"
            rules={[{ required: true, message: '请填写密码' }, strongPasswordRule]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {!user && (
          <Form.Item name="mustChangePassword" valuePropName="checked">
            <Checkbox>首次登录时须修改密码</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="所属单位" name="unitId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="选择单位"
            loading={units.loading}
            options={(units.data ?? []).filter((u) => u.kind === 'unit').map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item
          label="角色"
          name="roles"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}
        >
          <Checkbox.Group options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: UserEntity | null; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  return (
    <Modal
      open={user !== null}
      destroyOnHidden
      title={`重置密码：${user?.displayName ?? ''}`}
      okText="重置"
      cancelText="取消"
      okButtonProps={{ disabled: passwordWeakness(password) !== null }}
      onCancel={onClose}
      onOk={() =>
        user &&
        api['users.resetPassword']({ userId: user.id, password, mustChangePassword: mustChange }).then(
          () => {
            message.success('密码已重置');
            setPassword('');
            onClose();
          },
          (e: Error) => message.error(e.message),
        )
      }
    >
      <Input.Password
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        placeholder="新密码（至少 8 位，含字母、数字、符号中的两类）"
        autoComplete="new-password"
      />
      {password !== '' && passwordWeakness(password) !== null && (
        <Alert type="warning" message={passwordWeakness(password)} style={{ marginTop: 8 }} />
      )}
      <Checkbox checked={mustChange} onChange={(e) => setMustChange(e.target.checked)} style={{ marginTop: 12 }}>
        登录时须修改密码
      </Checkbox>
    </Modal>
  );
}

/** 账号管理: administrators create users for each unit, change roles, disable accounts, reset passwords. */
export function UsersPanel() {
  const { can, actor } = useSession();
  const { message } = AntApp.useApp();
  const users = useLoad(() => api['users.list']({}), []);
  const readiness = useLoad(() => api['users.readiness']({}), []);
  const [editing, setEditing] = useState<UserEntity | null | undefined>(undefined);
  const [resetting, setResetting] = useState<UserEntity | null>(null);
  const isAdmin = can('admin');
  if (users.error) return <ErrorState error={users.error} onRetry={users.reload} />;
  return (
    <>
      {readiness.data && readiness.data.needs.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <WorkflowNeeds needs={readiness.data.needs} />
        </div>
      )}
      <Card
        title="账号管理"
        extra={
          isAdmin && (
            <Button type="primary" onClick={() => setEditing(null)}>
              新建账号
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<UserEntity>
          rowKey="id"
          loading={users.loading}
          dataSource={users.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '姓名', dataIndex: 'displayName', width: 120 },
            { title: '用户名', dataIndex: 'username', width: 140 },
            { title: '单位', dataIndex: 'unitName', render: (u: string | null) => u ?? '—' },
            {
              title: '角色',
              dataIndex: 'roles',
              width: 220,
              render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{roleLabels[r]}</Tag>),
            },
            {
              title: '状态',
              dataIndex: 'disabled',
              width: 80,
              render: (d: boolean) => (d ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>),
            },
            { title: '创建日期', dataIndex: 'createdAt', width: 140, render: (d: string) => formatDate(d) },
            ...(isAdmin
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 220,
                    render: (_v: unknown, user: UserEntity) => (
                      <Space>
                        <a onClick={() => setEditing(user)}>修改</a>
                        <a onClick={() => setResetting(user)}>重置密码</a>
                        {user.id !== actor.userId && (
                          <Popconfirm
                            title={
                              user.disabled
                                ? `启用账号「${user.displayName}」？`
                                : `停用账号「${user.displayName}」？停用后该账号不能登录。`
                            }
                            okText={user.disabled ? '启用' : '停用'}
                            cancelText="取消"
                            onConfirm={() =>
                              api['users.disable']({ userId: user.id, disabled: !user.disabled }).then(
                                () => {
                                  users.reload();
                                  readiness.reload();
                                },
                                (e: Error) => message.error(e.message),
                              )
                            }
                          >
                            <a>{user.disabled ? '启用' : '停用'}</a>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <UserDialog
          user={editing ?? null}
          open={editing !== undefined}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            users.reload();
            readiness.reload();
            message.success('账号已保存');
          }}
        />
        <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
      </Card>
    </>
  );
}
