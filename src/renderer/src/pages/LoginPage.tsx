import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { Actor } from '../../../shared/domain/accounts';
import { ConfirmPasswordItem } from '../components/ConfirmPasswordItem';
import { WorkflowNeeds } from '../components/WorkflowNeeds';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { strongPasswordRule } from '../components/passwordRule';

function CenteredCard({ title, children, width = 420 }: { title: string; children: React.ReactNode; width?: number }) {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#b71c1c', marginTop: 0 }}>
          落实通
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {title}
        </Typography.Paragraph>
        {children}
      </Card>
    </div>
  );
}

export function LoginPage({ notice, onSignedIn }: { notice?: string; onSignedIn: (actor: Actor) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <CenteredCard title="工作方案任务落实跟踪">
      {notice && <Alert type="info" message={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
      <Form
        layout="vertical"
        onFinish={(values: { username: string; password: string }) => {
          setBusy(true);
          setError(undefined);
          api['auth.login'](values).then(onSignedIn, (e: Error) => {
            setError(e.message);
            setBusy(false);
          });
        }}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </CenteredCard>
  );
}

export function SetupPage({ onSignedIn }: { onSignedIn: (actor: Actor) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const status = useLoad(() => api['auth.status']({}), []);
  return (
    <CenteredCard title="首次使用：请创建管理员账号。管理员负责创建各单位的账号。" width={560}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
      {status.data && status.data.setupNeeds.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <WorkflowNeeds
            title="流程需要以下账号：先创建管理员，再由管理员在「设置 → 账号管理」中创建其余账号"
            needs={status.data.setupNeeds.filter((n) => n.code !== 'admin')}
          />
        </div>
      )}
      <Form
        layout="vertical"
        onFinish={(values: { username: string; displayName: string; password: string }) => {
          setBusy(true);
          setError(undefined);
          api['auth.setup'](values).then(onSignedIn, (e: Error) => {
            setError(e.message);
            setBusy(false);
          });
        }}
      >
        <Form.Item
          label="用户名"
          name="username"
          extra="字母、数字或 . _ -，用于登录"
          rules={[{ required: true, message: '请填写用户名' }]}
        >
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }, strongPasswordRule]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ConfirmPasswordItem field="password" label="确认密码" />
        <Button type="primary" htmlType="submit" block loading={busy}>
          创建管理员并登录
        </Button>
      </Form>
    </CenteredCard>
  );
}
