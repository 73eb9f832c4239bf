import { Card, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { InboxItem } from '../../../shared/domain/reports';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { formatDate } from '../app/format';
import { useLiveReload } from '../app/liveData';
import { navigate } from '../app/router';
import { ErrorState } from '../components/ErrorState';
import { StateTag } from '../components/StatusTag';
import { RemindersNotice } from '../components/Supervision';
import { InstructionsTodo } from '../components/Instructions';
import { useState } from 'react';
import { BulkActions, bulkActionOfInbox } from './inbox/BulkActions';

const actionColors: Record<InboxItem['action'], string> = {
  draft: 'blue',
  review: 'purple',
  signOff: 'geekblue',
  file: 'gold',
};

/** 我的待办: every report that waits for the signed-in user, with what is expected of them. */
export function InboxPanel() {
  const inbox = useLoad(() => api['reports.inbox']({}), []);
  const reminders = useLoad(() => api['supervision.mine']({}), []);
  useLiveReload(inbox.reload);
  useLiveReload(reminders.reload);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  if (inbox.error) return <ErrorState error={inbox.error} onRetry={inbox.reload} />;
  if (!inbox.data) return <Skeleton active />;
  const items = inbox.data;
  const selected = items.filter((i) => selectedIds.includes(i.reportId));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <RemindersNotice reminders={reminders.data ?? []} />
      <InstructionsTodo />
      <Card
        title={`我的待办（${inbox.data.length}）`}
        extra={
          // Stays mounted when the last report is done, so its result list stays open.
          <BulkActions
            available={items.some((i) => bulkActionOfInbox[i.action])}
            selected={selected}
            onDone={() => setSelectedIds([])}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<InboxItem>
          rowKey="reportId"
          rowSelection={{
            selectedRowKeys: selectedIds,
            onChange: (keys) => setSelectedIds(keys.map(Number)),
            getCheckboxProps: (row) => ({
              disabled: !bulkActionOfInbox[row.action],
              'aria-label': `选择${row.subjectLabel}`,
            }),
          }}
          dataSource={inbox.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: <Empty description="暂无待办事项。开启新的填报轮次后，需要您处理的报告会出现在这里。" />,
          }}
          onRow={(row) => ({
            onClick: (event) => {
              // A click on the checkbox selects; anywhere else opens the report.
              if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
              navigate(`/reports/${row.reportId}`);
            },
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: '待办',
              dataIndex: 'actionLabel',
              width: 80,
              render: (label: string, row) => <Tag color={actionColors[row.action]}>{label}</Tag>,
              filters: [...new Set(inbox.data.map((i) => i.actionLabel))].map((l) => ({ text: l, value: l })),
              onFilter: (value, row) => row.actionLabel === value,
            },
            { title: '事项', dataIndex: 'subjectLabel', width: 110 },
            {
              title: '标题',
              dataIndex: 'title',
              render: (title: string, row) => (
                <>
                  <a href={`#/reports/${row.reportId}`}>{title}</a>
                  {row.returnedReason && (
                    <div>
                      <Typography.Text type="danger">
                        {row.returnedLabel ?? '被退回'}：{row.returnedReason}
                      </Typography.Text>
                    </div>
                  )}
                </>
              ),
            },
            { title: '季度', dataIndex: 'quarterLabel', width: 140 },
            {
              title: '状态',
              dataIndex: 'state',
              width: 130,
              render: (_s, row) => <StateTag state={row.state} />,
            },
            {
              title: '截止日期',
              dataIndex: 'deadline',
              width: 140,
              sorter: (a, b) => a.deadline.localeCompare(b.deadline),
              render: (deadline: string, row) => {
                const text = `${formatDate(deadline)}${row.extended ? '（已延期）' : ''}`;
                return row.overdue ? <Typography.Text type="danger">{text}（已逾期）</Typography.Text> : text;
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}
