import { Descriptions, Drawer, Skeleton, Table, Tag, Typography } from 'antd';
import { targetText } from '../../../shared/domain/targetText';
import { unitRoleLabels, type UnitRole } from '../../../shared/domain/plan';
import type { Indicator } from '../../../shared/domain/planView';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { ErrorState } from '../components/ErrorState';
import { HighlightedText } from '../components/HighlightedText';
import { UnitTags } from '../components/UnitTags';
import { TaskInstructions } from '../components/Instructions';
import { TaskTrend } from './TaskTrend';

/** The roles besides 牵头 a plan gives units, each shown on its own line (配合 / 指导 / 参与 only when present). */
const otherRoles: readonly UnitRole[] = ['responsible', 'cooperating', 'guiding', 'participating'];

export function TaskDrawer({ taskId, onClose }: { taskId: number | null; onClose: () => void }) {
  const task = useLoad(() => (taskId === null ? Promise.resolve(null) : api['plan.task']({ taskId })), [taskId]);
  const detail = task.data;
  return (
    <Drawer
      open={taskId !== null}
      onClose={onClose}
      width={720}
      title={detail ? `${detail.no}. ${detail.title}` : '任务详情'}
      destroyOnHidden
    >
      {task.error ? (
        <ErrorState error={task.error} onRetry={task.reload} />
      ) : !detail ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="所属类别">{detail.categoryTitle}</Descriptions.Item>
            <Descriptions.Item label="牵头单位">
              <UnitTags units={detail.leadUnits} color="blue" />
            </Descriptions.Item>
            {otherRoles.map((role) => {
              const units = detail.unitRoles.filter((u) => u.role === role).map((u) => u.unit);
              return units.length === 0 && role !== 'responsible' ? null : (
                <Descriptions.Item key={role} label={`${unitRoleLabels[role]}单位`}>
                  <UnitTags units={units} />
                </Descriptions.Item>
              );
            })}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            任务内容
          </Typography.Title>
          <HighlightedText text={detail.body} marks={detail.indicators.map((i) => i.sourceText)} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            量化指标（{detail.indicators.length}）
          </Typography.Title>
          <Table<Indicator>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={detail.indicators}
            locale={{ emptyText: '本任务没有量化指标' }}
            columns={[
              { title: '指标', dataIndex: 'metric' },
              {
                title: '目标',
                key: 'target',
                width: 180,
                render: (_v, row) => (
                  <>
                    {targetText(row)}
                    {row.standard && <Tag style={{ marginLeft: 6 }}>标准</Tag>}
                  </>
                ),
              },
              { title: '年份', dataIndex: 'year', width: 80, render: (year: number | null) => year ?? '—' },
              {
                title: '基期值',
                key: 'baseline',
                width: 120,
                render: (_v, row) =>
                  row.baselineValue === null ? '—' : `${row.baselineValue}${row.unit}（${row.baselineYear ?? ''}年）`,
              },
            ]}
          />
          <TaskInstructions
            taskId={detail.id}
            taskLabel={`任务${detail.no}`}
            leadUnits={detail.leadUnits}
            responsibleUnits={detail.responsibleUnits}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            各季度趋势
          </Typography.Title>
          {taskId !== null && <TaskTrend taskId={taskId} />}
        </>
      )}
    </Drawer>
  );
}
