import { App as AntApp, ConfigProvider, Result, Spin, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { LoginPage, SetupPage } from '../pages/LoginPage';
import { PlanPage } from '../pages/PlanPage';
import { ReportPage } from '../pages/report/ReportPage';
import { SearchPage } from '../pages/SearchPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { WorkPage } from '../pages/WorkPage';
import { HomePage } from '../pages/HomePage';
import { LedgersPage } from '../pages/LedgersPage';
import { DocumentsPage } from '../pages/documents/DocumentsPage';
import { PrintPage } from '../pages/print/PrintPage';
import { useHashRoute } from './router';
import { SessionProvider, useAuthState } from './session';
import { FirstPasswordDialog } from '../pages/FirstPasswordDialog';
import { navItems, Shell } from './Shell';

dayjs.locale('zh-cn');

interface Page {
  active: string;
  title: string;
  body: ReactNode;
}

/** Route table: #/<section>/<params…>. */
function pageFor(route: string[]): Page {
  const [section, a, b] = route;
  const label = (key: string) => navItems.find((n) => n.key === key)?.label ?? '';
  switch (section) {
    case 'plan':
      return {
        active: 'plan',
        title: label('plan'),
        body: (
          <PlanPage openTaskId={a === 'task' && b ? Number(b) : undefined} unitFilter={a === 'unit' ? b : undefined} />
        ),
      };
    case 'work':
      return { active: 'work', title: label('work'), body: <WorkPage key={b} tab={a} status={b} /> };
    case 'reports':
      return { active: 'work', title: '进展报告', body: <ReportPage key={a} reportId={Number(a)} /> };
    case 'ledgers':
      return { active: 'ledgers', title: label('ledgers'), body: <LedgersPage /> };
    case 'documents':
      return { active: 'documents', title: label('documents'), body: <DocumentsPage /> };
    case 'print':
      return {
        active: a === 'ledger' ? 'ledgers' : a === 'compiled' ? 'documents' : 'work',
        title: '打印',
        body: <PrintPage key={`${a ?? ''}/${b ?? ''}`} kind={a} param={b} />,
      };
    case 'search':
      return { active: '', title: '搜索', body: <SearchPage key={a} initialQuery={a ?? ''} /> };
    case 'settings':
      return { active: 'settings', title: label('settings'), body: <SettingsPage tab={a} /> };
    default:
      return { active: 'home', title: label('home'), body: <HomePage /> };
  }
}

function Routed() {
  const route = useHashRoute();
  const page = pageFor(route);
  return (
    <Shell active={page.active} title={page.title}>
      {page.body}
    </Shell>
  );
}

function Gate() {
  const [auth, setActor] = useAuthState();
  switch (auth.kind) {
    case 'loading':
      return (
        <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
          <Spin size="large" tip="正在加载……">
            <div style={{ width: 120, height: 60 }} />
          </Spin>
        </div>
      );
    case 'error':
      return <Result status="error" title="无法连接落实通服务" subTitle={auth.message} />;
    case 'setup':
      return <SetupPage onSignedIn={setActor} />;
    case 'login':
      return <LoginPage notice={auth.notice} onSignedIn={setActor} />;
    case 'signedIn':
      if (auth.actor.mustChangePassword === true) {
        return (
          <FirstPasswordDialog
            actor={auth.actor}
            onChanged={() => setActor({ ...auth.actor, mustChangePassword: false })}
            onLogout={() => setActor(null)}
          />
        );
      }
      return (
        <SessionProvider key={auth.actor.userId} actor={auth.actor} onLogout={() => setActor(null)}>
          <Routed />
        </SessionProvider>
      );
  }
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#b71c1c' } }}
    >
      <AntApp>
        <Gate />
      </AntApp>
    </ConfigProvider>
  );
}
