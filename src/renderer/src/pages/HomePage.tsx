import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { IndicatorPace } from '../../../shared/contract/dashboard';
import { taskStatusLabels, taskStatuses, type TaskStatus } from '../../../shared/domain/ledgers';
import { currentRound } from '../../../shared/domain/rounds';
import { chineseNumeral } from '../../../shared/quarters';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { useLiveReload } from '../app/liveData';
import { formatDate } from '../app/format';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { EChart, type ChartOption } from '../components/EChart';
import { ErrorState } from '../components/ErrorState';
import { statusChartColors } from '../components/StatusTag';
import { RemindersNotice, UnitWarningsTable, warningColors } from '../components/Supervision';
import { downloadBase64 } from '../components/files';
import { RemindDialog, type RemindTarget } from './rounds/SupervisionDialogs';
import { warningLevelLabels, warningLevels, type UnitWarning } from '../../../shared/domain/progress';
import { InstructionsDashboardCard } from '../components/Instructions';
import { behindUnitIds } from '../../../shared/domain/supervision';

const docxMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function loadDashboard() {
  const [plan, rounds, inbox, integrity, reminders] = await Promise.all([
    api['plan.overview']({}),
    api['rounds.list']({}),
    api['reports.inbox']({}),
    api['system.integrity']({}),
    api['supervision.mine']({}),
  ]);
  // The same round 轮次总览 preselects: the latest open one by quarter.
  const round = currentRound(rounds);
  const [overview, pace] = round
    ? await Promise.all([
        api['rounds.overview']({ roundId: round.id }),
        api['dashboard.indicators']({ roundId: round.id }),
      ])
    : [null, null];
  return { plan, round, overview, inbox, integrity, pace, reminders };
}

/** The progress rule's ratings (src/shared/domain/progress.ts), grouped as the chart shows them. */
type PaceFilter = 'lagging' | 'onPace' | 'unjudged' | 'missing';
const paceLabels: Record<PaceFilter, string> = {
  lagging: '进度滞后',
  onPace: '达到序时进度',
  unjudged: '暂无法判断',
  missing: '未报送',
};
const paceColors: Record<PaceFilter, string> = {
  lagging: '#fa8c16',
  onPace: '#1677ff',
  unjudged: '#d3adf7',
  missing: '#bfbfbf',
};
const paceOf = (i: IndicatorPace): PaceFilter =>
  i.rating === 'unreported'
    ? 'missing'
    : i.rating === 'lagging'
      ? 'lagging'
      : i.rating === 'unjudged'
        ? 'unjudged'
        : 'onPace';
const formatNumber = (n: number | null, unit: string) =>
  n === null ? '—' : `${Number.isInteger(n) ? n : n.toFixed(2)}${unit}`;

/** Every indicator against the straight line from its baseline to its target; lagging ones first. */
function IndicatorPaceCard({ indicators, asOf }: { indicators: IndicatorPace[]; asOf: string }) {
  const [filter, setFilter] = useState<PaceFilter | null>('lagging');
  const counts = (Object.keys(paceLabels) as PaceFilter[]).map((k) => ({
    key: k,
    count: indicators.filter((i) => paceOf(i) === k).length,
  }));
  const rows = indicators.filter((i) => filter === null || paceOf(i) === filter);
  const pie: ChartOption = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '62%'],
        center: ['50%', '44%'],
        label: { formatter: '{b}\n{c}' },
        // Small slices next to each other would print over one another; the legend and tooltip still name them.
        labelLayout: { hideOverlap: true },
        data: counts.map((c) => ({ name: paceLabels[c.key], value: c.count, itemStyle: { color: paceColors[c.key] } })),
      },
    ],
  };
  return (
    <Card
      title={`量化指标进度（截至${formatDate(asOf)}）`}
      extra={<Typography.Text type="secondary">只计已报送的数据（草稿不计入）；点击图中色块筛选</Typography.Text>}
    >
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <EChart
            option={pie}
            height={260}
            ariaLabel="量化指标进度分布"
            onClick={(e) =>
              setFilter((Object.keys(paceLabels) as PaceFilter[]).find((k) => paceLabels[k] === e.name) ?? null)
            }
          />
        </Col>
        <Col xs={24} lg={16}>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text>
              {filter ? paceLabels[filter] : '全部指标'}（{rows.length}）
            </Typography.Text>
            {filter && <a onClick={() => setFilter(null)}>显示全部</a>}
          </Space>
          <Table<IndicatorPace>
            size="small"
            rowKey="indicatorId"
            dataSource={rows}
            pagination={{ pageSize: 6, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(row) =>
              row.reportId === null
                ? {}
                : { onClick: () => navigate(`/reports/${row.reportId}`), style: { cursor: 'pointer' } }
            }
            locale={{ emptyText: '没有符合条件的指标' }}
            columns={[
              { title: '任务', dataIndex: 'taskNo', width: 60 },
              { title: '指标', dataIndex: 'metric' },
              { title: '目标', dataIndex: 'target', width: 150 },
              {
                title: '报送值',
                key: 'value',
                width: 100,
                render: (_v, r) => (r.value === null ? '未报送' : formatNumber(r.value, r.unit)),
              },
              { title: '应达值', key: 'expected', width: 100, render: (_v, r) => formatNumber(r.expected, r.unit) },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** 工作台: the current round at a glance, each chart clickable down to the reports behind it. */
export function HomePage() {
  const { actor, can } = useSession();
  const data = useLoad(loadDashboard, []);
  useLiveReload(data.reload);

  const byCategory = useMemo(() => {
    if (!data.data?.plan || !data.data.overview) return null;
    const { plan, overview } = data.data;
    const categoryOfTask = new Map(plan.tasks.map((t) => [t.id, t.categoryNo]));
    const counts = plan.categories.map(
      () => Object.fromEntries(taskStatuses.map((s) => [s, 0])) as Record<TaskStatus, number>,
    );
    for (const row of overview.rows) {
      if (row.kind !== 'task' || row.taskId === null) continue;
      const index = plan.categories.findIndex((c) => c.no === categoryOfTask.get(row.taskId!));
      if (index >= 0) counts[index]![row.status] += 1;
    }
    return { categories: plan.categories, counts };
  }, [data.data]);

  const { message } = AntApp.useApp();
  const [reminding, setReminding] = useState<RemindTarget | null>(null);
  const [exporting, setExporting] = useState(false);

  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Skeleton active />;
  const { round, overview, inbox, integrity, pace, reminders } = data.data;
  // 催办 from here as from the round overview: the task force, while the round is open.
  const mayRemind = can('coordinator') && round?.status === 'open';
  const behind = overview ? behindUnitIds(overview.rows).length : 0;
  const exportNotice = () => {
    if (!round) return;
    setExporting(true);
    api['supervision.exportNotice']({ roundId: round.id }).then(
      (file) => {
        setExporting(false);
        downloadBase64(file.fileName, file.contentBase64, docxMime);
        message.success(`已导出「${file.fileName}」`);
      },
      (e: Error) => {
        setExporting(false);
        message.error(e.message);
      },
    );
  };

  const chart: ChartOption | null = byCategory && {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: byCategory.categories.map((c) => `（${chineseNumeral(c.no)}）${c.title}`),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: taskStatuses.map((status) => ({
      name: taskStatusLabels[status],
      type: 'bar',
      stack: 'tasks',
      itemStyle: { color: statusChartColors[status] },
      data: byCategory.counts.map((c) => c[status]),
    })),
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!integrity.audit.ok && (
        <Alert
          type="error"
          showIcon
          message="审计记录校验未通过"
          description={`${integrity.audit.message} 请立即联系管理员，并保留当前数据文件。`}
        />
      )}
      <RemindersNotice reminders={reminders} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="我的待办" value={inbox.length} suffix="项" />
            <Button type="link" style={{ paddingInline: 0 }} onClick={() => navigate('/work/inbox')}>
              去处理 →
            </Button>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card>
            {round ? (
              <Space size="large" wrap>
                <Statistic title="当前轮次" value={round.label} />
                <Statistic title="报送截止" value={formatDate(round.deadline)} />
                <Statistic title="已归档" value={round.filedCount} suffix={`/ ${round.reportCount}`} />
                {overview && (
                  <Statistic
                    title="超期未报"
                    value={overview.countsByStatus.overdue ?? 0}
                    valueStyle={{ color: '#f5222d' }}
                  />
                )}
                {overview &&
                  warningLevels.map((level) => (
                    <Statistic
                      key={level}
                      title={warningLevelLabels[level]}
                      value={overview.countsByWarning[level] ?? 0}
                      valueStyle={{ color: warningColors[level] }}
                    />
                  ))}
              </Space>
            ) : (
              <Empty
                description={
                  can('coordinator')
                    ? '还没有填报轮次，请在「填报审核 → 轮次总览」中开启。'
                    : '还没有填报轮次，请等待工作专班开启。'
                }
              />
            )}
          </Card>
        </Col>
      </Row>
      {round && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card
              title={`${round.label}各类任务进度`}
              extra={<Typography.Text type="secondary">点击色块查看对应任务</Typography.Text>}
            >
              {chart ? (
                <EChart
                  option={chart}
                  height={340}
                  ariaLabel="各类任务进度状态"
                  onClick={(e) =>
                    navigate(`/work/rounds/${taskStatuses.find((s) => taskStatusLabels[s] === e.seriesName) ?? ''}`)
                  }
                />
              ) : (
                <Skeleton active />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card
              title="单位预警"
              extra={
                mayRemind && (
                  <Space size={4}>
                    <Button
                      size="small"
                      danger
                      disabled={behind === 0}
                      onClick={() => round && setReminding({ round, unit: null, behindCount: behind })}
                    >
                      催办全部
                    </Button>
                    <Button
                      size="small"
                      loading={exporting}
                      disabled={(overview?.reminders.length ?? 0) === 0}
                      onClick={exportNotice}
                    >
                      催办通知
                    </Button>
                  </Space>
                )
              }
            >
              {overview ? (
                <UnitWarningsTable
                  units={overview.units}
                  pageSize={8}
                  compact
                  {...(mayRemind && round
                    ? {
                        onRemind: (u: UnitWarning) =>
                          setReminding({ round, unit: { id: u.unitId, name: u.unitName }, behindCount: 1 }),
                      }
                    : {})}
                />
              ) : (
                <Skeleton active />
              )}
            </Card>
          </Col>
        </Row>
      )}
      {!can('admin') || can('coordinator') ? <InstructionsDashboardCard /> : null}
      {round && pace && pace.indicators.length > 0 && (
        <IndicatorPaceCard indicators={pace.indicators} asOf={pace.asOf} />
      )}
      {actor.unitName === null && !can('admin') && (
        <Alert type="warning" message="您的账号尚未设置所属单位，请联系管理员。" />
      )}
      <RemindDialog
        target={reminding}
        onClose={() => setReminding(null)}
        onSent={(sent) => {
          setReminding(null);
          message.success(`已催办 ${sent.length} 个单位：${sent.map((r) => r.unitName).join('、')}`);
          data.reload();
        }}
      />
    </Space>
  );
}
