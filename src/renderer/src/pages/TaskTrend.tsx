import { App as AntApp, Button, Empty, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TaskTrend as TaskTrendData, TrendRound } from '../../../shared/contract/trend';
import { indicatorRatingLabels } from '../../../shared/domain/progress';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { EChart, type ChartOption } from '../components/EChart';
import { ErrorState } from '../components/ErrorState';
import { downloadBase64 } from '../components/files';
import { StatusTag } from '../components/StatusTag';
import { WarningTag } from '../components/Supervision';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ratingColors = {
  met: '#389e0d',
  onPace: '#1677ff',
  lagging: '#cf1322',
  unjudged: '#8c8c8c',
  unreported: '#bfbfbf',
} as const;
const formatValue = (n: number | null): string => (n === null ? '—' : String(Math.round(n * 100) / 100));

/** Each indicator's reported value per quarter (solid) against its 应达值 (dashed). */
function trendChart(trend: TaskTrendData): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: trend.rounds.map((r) => r.label.replace('年第', '年\n第')) },
    yAxis: { type: 'value', scale: true },
    series: trend.indicators.flatMap((i) => [
      { name: `${i.metric}（报送值）`, type: 'line', connectNulls: false, data: i.points.map((p) => p.value) },
      {
        name: `${i.metric}（应达值）`,
        type: 'line',
        lineStyle: { type: 'dashed' },
        symbol: 'none',
        data: i.points.map((p) => p.expected),
      },
    ]),
  };
}

/** 趋势: the task's quarters side by side — status, warning, each indicator's value — with a chart and an .xlsx. */
export function TaskTrend({ taskId }: { taskId: number }) {
  const { message } = AntApp.useApp();
  const trend = useLoad(() => api['trend.task']({ taskId }), [taskId]);
  const [busy, setBusy] = useState(false);
  if (trend.error) return <ErrorState error={trend.error} onRetry={trend.reload} />;
  if (!trend.data) return <Skeleton active />;
  const data = trend.data;
  if (data.rounds.length === 0) return <Empty description="还没有填报轮次，开启轮次并报送后这里显示各季度趋势" />;
  const exportTrend = () => {
    setBusy(true);
    api['trend.export']({ taskId }).then(
      (file) => {
        setBusy(false);
        downloadBase64(file.fileName, file.contentBase64, xlsxMime);
        message.success(`已导出「${file.fileName}」`);
      },
      (e: Error) => {
        setBusy(false);
        message.error(e.message);
      },
    );
  };
  const pointOf = (indicatorIndex: number, roundIndex: number) => data.indicators[indicatorIndex]?.points[roundIndex];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">只计已报送的数据（草稿不计入）；颜色：绿达标或达序、红未达序</Typography.Text>
        <Button size="small" loading={busy} onClick={exportTrend}>
          导出趋势表
        </Button>
      </Space>
      <Table<TrendRound & { index: number }>
        size="small"
        rowKey="roundId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="各季度趋势"
        dataSource={data.rounds.map((r, index) => ({ ...r, index }))}
        columns={[
          { title: '季度', dataIndex: 'label', width: 130, fixed: 'left' },
          { title: '进度', dataIndex: 'status', width: 96, render: (_v, r) => <StatusTag status={r.status} /> },
          { title: '预警', dataIndex: 'warning', width: 60, render: (_v, r) => <WarningTag level={r.warning} /> },
          ...data.indicators.map((indicator, i) => ({
            title: `${indicator.metric}${indicator.unit ? `（${indicator.unit}）` : ''}`,
            key: `indicator-${indicator.indicatorId}`,
            width: 130,
            render: (_v: unknown, r: TrendRound & { index: number }) => {
              const p = pointOf(i, r.index);
              if (!p) return '—';
              return (
                <span
                  title={`${indicatorRatingLabels[p.rating]}；应达值 ${formatValue(p.expected)}`}
                  style={{ color: ratingColors[p.rating] }}
                >
                  {p.value === null ? '未报送' : formatValue(p.value)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    / {formatValue(p.expected)}
                  </Typography.Text>
                </span>
              );
            },
          })),
        ]}
      />
      {data.indicators.length > 0 && <EChart option={trendChart(data)} height={260} ariaLabel="指标各季度趋势图" />}
    </Space>
  );
}
