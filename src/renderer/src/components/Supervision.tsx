import { Alert, List, Tag, Typography } from 'antd';
import { warningLevelShortLabels, warningLevelLabels, type WarningLevel } from '../../../shared/domain/progress';
import type { ReminderEntity } from '../../../shared/domain/supervision';
import { formatDateTime } from '../app/format';

export const warningColors: Record<WarningLevel, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };
const warningTagColors: Record<WarningLevel, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** 三色预警 of a task, as the progress rule computes it. */
export function WarningTag({ level }: { level: WarningLevel }) {
  return (
    <Tag color={warningTagColors[level]} title={warningLevelLabels[level]}>
      {warningLevelShortLabels[level]}
    </Tag>
  );
}

/** Reminders (催办) the caller's unit received: in 待办 and on the 工作台, newest first. */
export function RemindersNotice({ reminders }: { reminders: readonly ReminderEntity[] }) {
  if (reminders.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={`工作专班催办（${reminders.length} 条）`}
      description={
        <List
          size="small"
          dataSource={[...reminders]}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text>
                <Typography.Text type="secondary">
                  {r.quarterLabel} · {formatDateTime(r.sentAt)} · {r.sentBy}：
                </Typography.Text>
                {r.message}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}
