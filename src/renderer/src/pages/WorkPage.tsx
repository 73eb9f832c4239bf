import { Tabs } from 'antd';
import { taskStatuses } from '../../../shared/domain/ledgers';
import { navigate } from '../app/router';
import { InboxPanel } from './InboxPage';
import { RoundsPanel } from './RoundsPanel';

/** 填报审核: my pending reports, and the overview of every round. */
export function WorkPage({ tab, status }: { tab: string | undefined; status?: string }) {
  return (
    <Tabs
      activeKey={tab === 'rounds' ? 'rounds' : 'inbox'}
      onChange={(key) => navigate(`/work/${key}`)}
      items={[
        { key: 'inbox', label: '我的待办', children: <InboxPanel /> },
        {
          key: 'rounds',
          label: '轮次总览',
          children: <RoundsPanel initialStatus={taskStatuses.find((s) => s === status)} />,
        },
      ]}
    />
  );
}
