import { List, Tag, Typography } from 'antd';
import type { PartyView } from '../../../../shared/domain/reports';
import { formatDateTime } from '../../app/format';

/** Lead reviewers or countersigning units, and whether each has acted in this pass. */
export function PartiesList({
  parties,
  doneLabel,
  emptyText,
}: {
  parties: PartyView[];
  doneLabel: string;
  emptyText: string;
}) {
  return (
    <List
      size="small"
      dataSource={parties}
      locale={{ emptyText }}
      renderItem={(party) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span style={{ wordBreak: 'break-all' }}>{party.name}</span>
              {party.acted ? <Tag color="green">{doneLabel}</Tag> : <Tag>待处理</Tag>}
            </div>
            {party.acted && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {party.acted.by} · {formatDateTime(party.acted.at)}
                {party.acted.opinion ? `：${party.acted.opinion}` : ''}
              </Typography.Text>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
