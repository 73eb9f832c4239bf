import { Empty, Timeline, Typography } from 'antd';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { formatDateTime } from '../../app/format';

const eventColors: Record<string, string> = {
  // Explicit colours: antd's named 'blue' follows the theme's primary colour, which is red here.
  'report.return': '#f5222d',
  'report.object': '#f5222d',
  'report.file': '#52c41a',
  'report.approve': '#1677ff',
  'report.sign': '#1677ff',
};

/** A report's record: every transition and edit, oldest first, with revisions marked. */
export function ReportTimeline({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      items={entries.map((entry) => ({
        color: eventColors[entry.event] ?? '#bfbfbf',
        children: (
          <>
            <div>
              <Typography.Text strong>{entry.eventLabel}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {formatDateTime(entry.at)}
                {entry.revision !== null && entry.revision > 1 ? ` · 第${entry.revision}次修订` : ''}
              </Typography.Text>
            </div>
            <div>{entry.summary}</div>
          </>
        ),
      }))}
    />
  );
}
