import { Tag } from 'antd';
import type { TaskStatus } from '../../../shared/domain/ledgers';
import { taskStatusLabels } from '../../../shared/domain/ledgers';
import type { ReportState } from '../../../shared/domain/reports';
import { reportStateLabels } from '../../../shared/domain/reports';

/** The same colours as the ledgers: 已完成 green, 正常推进 blue, 进度滞后 orange, 超期未报 red, 未报送 grey. */
const statusColors: Record<TaskStatus, string> = {
  done: 'green',
  onTrack: 'blue',
  lagging: 'orange',
  overdue: 'red',
  unreported: 'default',
};

export const statusChartColors: Record<TaskStatus, string> = {
  done: '#52c41a',
  onTrack: '#1677ff',
  lagging: '#fa8c16',
  overdue: '#f5222d',
  unreported: '#bfbfbf',
};

export function StatusTag({ status }: { status: TaskStatus }) {
  return <Tag color={statusColors[status]}>{taskStatusLabels[status]}</Tag>;
}

const stateColors: Record<ReportState, string> = {
  drafting: 'default',
  leadReview: 'processing',
  signOff: 'purple',
  filing: 'gold',
  filed: 'success',
};

export function StateTag({ state }: { state: ReportState }) {
  return <Tag color={stateColors[state]}>{reportStateLabels[state]}</Tag>;
}
