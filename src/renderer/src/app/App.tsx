import { ConfigProvider, Layout, Menu, Typography, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { PlanPage } from '../pages/PlanPage';
import { navigate, useHashRoute } from './router';

const { Sider, Header, Content } = Layout;

interface NavItem {
  key: string;
  label: string;
  render: () => React.ReactNode;
}

const navItems: NavItem[] = [{ key: 'plan', label: '方案任务', render: () => <PlanPage /> }];

export function App() {
  const route = useHashRoute();
  const active = navItems.find((item) => item.key === route[0]) ?? navItems[0]!;
  return (
    <ConfigProvider locale={zhCN} theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#b71c1c' } }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Sider width={200} breakpoint="lg" collapsedWidth={64}>
          <div className="luoshi-brand">落实通</div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[active.key]}
            items={navItems.map((item) => ({ key: item.key, label: item.label }))}
            onClick={({ key }) => navigate(`/${key}`)}
          />
        </Sider>
        <Layout>
          <Header style={{ background: '#fff', paddingInline: 24, display: 'flex', alignItems: 'center' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {active.label}
            </Typography.Title>
          </Header>
          <Content style={{ padding: 24 }}>{active.render()}</Content>
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
