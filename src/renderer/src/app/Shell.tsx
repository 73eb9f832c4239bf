import { Badge, Button, Dropdown, Input, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { roleLabels } from '../../../shared/domain/accounts';
import { usePendingCount } from './pendingCount';
import { navigate, requestLeave } from './router';
import { useSession } from './session';

const { Sider, Header, Content } = Layout;

export interface NavItem {
  key: string;
  label: string;
  /** Alt+N jumps here. */
  shortcut: string;
}

export const navItems: NavItem[] = [
  { key: 'home', label: '工作台', shortcut: '1' },
  { key: 'plan', label: '方案任务', shortcut: '2' },
  { key: 'work', label: '填报审核', shortcut: '3' },
  { key: 'ledgers', label: '台账导出', shortcut: '4' },
  { key: 'documents', label: '报告', shortcut: '5' },
  { key: 'settings', label: '设置', shortcut: '6' },
];

export function Shell({ active, title, children }: { active: string; title: ReactNode; children: ReactNode }) {
  const { actor, logout } = useSession();
  const pending = usePendingCount(active);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const item = navItems.find((n) => n.shortcut === event.key);
        if (item) {
          event.preventDefault();
          navigate(`/${item.key}`);
        }
      } else if (event.key === '/' && !typing) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={188} breakpoint="lg" collapsedWidth={64}>
        <div className="luoshi-brand">落实通</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[active]}
          items={navItems.map((item) => ({
            key: item.key,
            label:
              item.key === 'work' && pending > 0 ? (
                <Space>
                  {item.label}
                  <Badge count={pending} size="small" />
                </Space>
              ) : (
                item.label
              ),
            title: `${item.label}（Alt+${item.shortcut}）`,
          }))}
          onClick={({ key }) => navigate(`/${key}`)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            paddingInline: 24,
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Title level={5} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {title}
          </Typography.Title>
          <div style={{ flex: 1 }} />
          <Input.Search
            ref={(el) => {
              searchRef.current = el?.input ?? null;
            }}
            placeholder="搜索任务、单位、报告（按 / 键）"
            style={{ maxWidth: 320 }}
            onSearch={(value) => value.trim() && navigate(`/search/${encodeURIComponent(value.trim())}`)}
            aria-label="全局搜索"
          />
          <Dropdown
            menu={{
              items: [
                { key: 'password', label: '修改密码' },
                { key: 'logout', label: '退出登录' },
              ],
              onClick: ({ key }) =>
                key === 'logout'
                  ? void requestLeave().then((leave) => (leave ? logout() : undefined))
                  : navigate('/settings/password'),
            }}
          >
            <Button type="text" style={{ height: 'auto' }} aria-label="当前用户">
              <Space size={4}>
                <span>{actor.displayName}</span>
                {actor.unitName && <Typography.Text type="secondary">{actor.unitName}</Typography.Text>}
                {actor.roles.map((r) => (
                  <Tag key={r} style={{ marginInlineEnd: 0 }}>
                    {roleLabels[r]}
                  </Tag>
                ))}
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
