import { Card, Empty, Input, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { currentRound } from '../../../shared/domain/rounds';
import type { WarningLevel } from '../../../shared/domain/progress';
import { WarningTag } from '../components/Supervision';
import type { TaskSummary } from '../../../shared/domain/planView';
import { chineseNumeral } from '../../../shared/quarters';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { ErrorState } from '../components/ErrorState';
import { UnitTags } from '../components/UnitTags';
import { TaskDrawer } from './TaskDrawer';

type UnitFilter = { unit: string; role: 'lead' | 'any' } | null;

function matches(task: TaskSummary, query: string, filter: UnitFilter): boolean {
  if (filter) {
    const inLead = task.leadUnits.includes(filter.unit);
    if (filter.role === 'lead' ? !inLead : !inLead && !task.responsibleUnits.includes(filter.unit)) return false;
  }
  if (!query) return true;
  const q = query.trim();
  return (
    String(task.no) === q ||
    task.title.includes(q) ||
    task.leadUnits.some((u) => u.includes(q)) ||
    task.responsibleUnits.some((u) => u.includes(q))
  );
}

/** 方案任务: the plan's categories and tasks, filterable by unit, searchable, each task opening its detail. */
export function PlanPage({ openTaskId, unitFilter }: { openTaskId?: number; unitFilter?: string }) {
  const overview = useLoad(() => api['plan.overview']({}), []);
  const [query, setQuery] = useState('');
  const [unit, setUnit] = useState<string | undefined>(unitFilter);
  const [role, setRole] = useState<'lead' | 'any'>('any');
  const [openTask, setOpenTask] = useState<number | null>(openTaskId ?? null);
  const rounds = useLoad(() => api['rounds.list']({}), []);
  const [roundId, setRoundId] = useState<number>();
  useEffect(() => {
    // The round 工作台 and 轮次总览 show first: the latest open one by quarter.
    const current = rounds.data ? currentRound(rounds.data) : null;
    if (roundId === undefined && current) setRoundId(current.id);
  }, [rounds.data, roundId]);
  const roundOverview = useLoad(
    () => (roundId ? api['rounds.overview']({ roundId }) : Promise.resolve(null)),
    [roundId],
  );
  // 三色预警 of each task in the selected round, by the progress rule.
  const warnings = useMemo(() => {
    const map = new Map<number, WarningLevel>();
    for (const row of roundOverview.data?.rows ?? [])
      if (row.kind === 'task' && row.taskId !== null) map.set(row.taskId, row.warning);
    return map;
  }, [roundOverview.data]);

  const units = useMemo(() => {
    const all = new Set<string>();
    for (const task of overview.data?.tasks ?? [])
      [...task.leadUnits, ...task.responsibleUnits].forEach((u) => all.add(u));
    return [...all].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [overview.data]);

  if (overview.error) return <ErrorState error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return overview.loading ? <Skeleton active /> : <Empty description="尚未导入工作方案" />;

  const { plan, categories, tasks } = overview.data;
  const filter: UnitFilter = unit ? { unit, role } : null;
  const visible = tasks.filter((t) => matches(t, query, filter));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {plan.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {plan.issuer}
          {plan.docNumber ? ` · ${plan.docNumber}` : ''} · 共 {plan.taskCount} 项任务、{plan.projectCount}{' '}
          个工程项目与品牌活动
        </Typography.Text>
        <Space wrap style={{ marginTop: 16, display: 'flex' }}>
          <Input.Search
            allowClear
            placeholder="搜索任务名称、序号或单位"
            style={{ width: 280 }}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="搜索任务"
          />
          <Select
            allowClear
            showSearch
            placeholder="按单位筛选"
            style={{ width: 300 }}
            value={unit}
            onChange={setUnit}
            options={units.map((u) => ({ value: u, label: u }))}
            aria-label="按单位筛选"
          />
          <Select
            value={role}
            onChange={setRole}
            style={{ width: 160 }}
            disabled={!unit}
            options={[
              { value: 'any', label: '牵头或参与' },
              { value: 'lead', label: '仅牵头' },
            ]}
            aria-label="单位角色"
          />
          {rounds.data && rounds.data.length > 0 && (
            <Select
              value={roundId}
              onChange={setRoundId}
              style={{ width: 220 }}
              aria-label="预警所依据的轮次"
              options={rounds.data.map((r) => ({ value: r.id, label: `预警：${r.label}` }))}
            />
          )}
          <Typography.Text type="secondary">
            显示 {visible.length} / {tasks.length} 项
          </Typography.Text>
        </Space>
      </Card>
      {categories.map((category) => {
        const rows = visible.filter((t) => t.categoryNo === category.no);
        if (rows.length === 0) return null;
        return (
          <Card
            key={category.id}
            title={`（${chineseNumeral(category.no)}）${category.title}`}
            extra={<Tag>{rows.length} 项</Tag>}
            styles={{ body: { padding: 0 } }}
          >
            <Table<TaskSummary>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={rows}
              onRow={(row) => ({ onClick: () => setOpenTask(row.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: '序号', dataIndex: 'no', width: 70, sorter: (a, b) => a.no - b.no },
                {
                  title: '任务',
                  dataIndex: 'title',
                  render: (title: string, row) => (
                    <a
                      href={`#/plan/${row.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        setOpenTask(row.id);
                      }}
                    >
                      {title}
                    </a>
                  ),
                },
                {
                  title: '牵头单位',
                  dataIndex: 'leadUnits',
                  width: 260,
                  render: (u: string[]) => <UnitTags units={u} color="blue" />,
                },
                { title: '责任单位', dataIndex: 'responsibleUnits', render: (u: string[]) => <UnitTags units={u} /> },
                {
                  title: '指标',
                  dataIndex: 'indicatorCount',
                  width: 70,
                  sorter: (a, b) => a.indicatorCount - b.indicatorCount,
                },
                ...(roundId
                  ? [
                      {
                        title: '预警',
                        key: 'warning',
                        width: 64,
                        render: (_v: unknown, row: TaskSummary) => {
                          const level = warnings.get(row.id);
                          return level ? <WarningTag level={level} /> : '—';
                        },
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        );
      })}
      {visible.length === 0 && <Empty description="没有符合条件的任务，请调整搜索或筛选条件" />}
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(null)} />
    </Space>
  );
}
