import { Alert, Button, List, Table, Tag, Typography } from 'antd';
import {
  warningLevelShortLabels,
  warningLevelLabels,
  type UnitWarning,
  type WarningLevel,
} from '../../../shared/domain/progress';
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

/** 三色预警 per unit (progress.ts rule 5): the worst level of its reports, with the counts; 催办 where it applies. */
export function UnitWarningsTable({
  units,
  onRemind,
  pageSize = 10,
  compact = false,
}: {
  units: readonly UnitWarning[];
  /** A narrow card (工作台): no 超期 / 滞后 column, names on one line. */
  compact?: boolean;
  /** Offered for a unit with an overdue or lagging report, when the caller may remind. */
  onRemind?: (unit: UnitWarning) => void;
  pageSize?: number;
}) {
  return (
    <Table<UnitWarning>
      size="small"
      rowKey="unitId"
      dataSource={[...units]}
      pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: '本轮没有由单位起草的报告' }}
      columns={[
        { title: '单位', dataIndex: 'unitName', ellipsis: compact },
        { title: '预警', dataIndex: 'level', width: 60, render: (_v, u) => <WarningTag level={u.level} /> },
        {
          title: '红 / 黄 / 绿',
          key: 'counts',
          width: 110,
          render: (_v, u) => (
            <Typography.Text aria-label={`${u.unitName}预警数`}>
              <span style={{ color: warningColors.red }}>{u.counts.red}</span> /{' '}
              <span style={{ color: warningColors.yellow }}>{u.counts.yellow}</span> /{' '}
              <span style={{ color: warningColors.green }}>{u.counts.green}</span>
            </Typography.Text>
          ),
        },
        ...(compact
          ? []
          : [
              {
                title: '超期 / 滞后',
                key: 'behind',
                width: 96,
                render: (_v: unknown, u: UnitWarning) => `${u.overdue} / ${u.lagging}`,
              },
            ]),
        ...(onRemind
          ? [
              {
                title: '督办',
                key: 'remind',
                width: 72,
                render: (_v: unknown, u: UnitWarning) =>
                  u.overdue + u.lagging > 0 ? (
                    <Button size="small" danger aria-label={`催办${u.unitName}`} onClick={() => onRemind(u)}>
                      催办
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}
