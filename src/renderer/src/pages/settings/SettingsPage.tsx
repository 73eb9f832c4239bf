import { Tabs } from 'antd';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { AuditPanel } from './AuditPanel';
import { BackupPanel } from './BackupPanel';
import { DelegationPanel } from './DelegationPanel';
import { PasswordPanel } from './PasswordPanel';
import { PlanImportPanel } from './PlanImportPanel';
import { SupervisionPanel } from './SupervisionPanel';
import { UnitsPanel } from './UnitsPanel';
import { UsersPanel } from './UsersPanel';

/** 设置: accounts, the unit directory, documents, backups and the signed-in user's password. */
export function SettingsPage({ tab }: { tab: string | undefined }) {
  const { can } = useSession();
  const items = [
    ...(can('admin') || can('coordinator') ? [{ key: 'users', label: '账号管理', children: <UsersPanel /> }] : []),
    { key: 'units', label: '单位目录', children: <UnitsPanel /> },
    ...(can('admin') || can('coordinator') ? [{ key: 'plan', label: '方案导入', children: <PlanImportPanel /> }] : []),
    ...(can('admin') || can('coordinator')
      ? [{ key: 'supervision', label: '督办设置', children: <SupervisionPanel /> }]
      : []),
    ...(can('admin') ? [{ key: 'backup', label: '备份', children: <BackupPanel /> }] : []),
    ...(can('admin') ? [{ key: 'audit', label: '审计', children: <AuditPanel /> }] : []),
    { key: 'delegation', label: '委托', children: <DelegationPanel /> },
    { key: 'password', label: '修改密码', children: <PasswordPanel /> },
  ];
  const active = items.find((i) => i.key === tab)?.key ?? items[0]?.key;
  return <Tabs activeKey={active} onChange={(key) => navigate(`/settings/${key}`)} items={items} />;
}
