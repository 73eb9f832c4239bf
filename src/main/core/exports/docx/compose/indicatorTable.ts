import type { Attachment, TableBlock, TableColumn } from '../../../../../shared/domain/documents';
import type { IndicatorProgress } from './inputs';

/** The indicator table (量化指标完成情况表) used as an attachment or inside a task report. */

const columns: TableColumn[] = [
  { title: '序号', weight: 0.9, align: 'center' },
  { title: '任务编号', weight: 0.9, align: 'center' },
  { title: '指标名称', weight: 3, align: 'left' },
  { title: '目标值', weight: 2.2, align: 'left' },
  { title: '基期值', weight: 1.2, align: 'center' },
  { title: '本季度值', weight: 1.2, align: 'center' },
  { title: '应达值', weight: 1.2, align: 'center' },
  { title: '单位', weight: 0.8, align: 'center' },
  { title: '是否达到序时进度', weight: 1.4, align: 'center' },
];

/** 是否达到序时进度: a value that cannot be judged (no baseline in the plan) is not called 是. */
const paceCell: Record<IndicatorProgress['rating'], string> = {
  met: '是（已达标）',
  onPace: '是',
  lagging: '否',
  unjudged: '无法判断',
  unreported: '—',
};

// More columns than a portrait page holds at 小四 go on a landscape page (clause 8).
const portraitColumnLimit = 6;

export function indicatorTable(indicators: IndicatorProgress[]): TableBlock {
  const sorted = [...indicators].sort((a, b) => a.taskNo - b.taskNo);
  return {
    type: 'table',
    columns,
    rows: sorted.map((indicator, index) => [
      String(index + 1),
      String(indicator.taskNo),
      indicator.metric,
      indicator.target,
      indicator.baseline ?? '—',
      indicator.current ?? '未报送',
      indicator.expected ?? '—',
      indicator.unit,
      paceCell[indicator.rating],
    ]),
  };
}

export function indicatorAttachment(title: string, indicators: IndicatorProgress[]): Attachment {
  const table = indicatorTable(indicators);
  return { title, blocks: [table], landscape: table.columns.length > portraitColumnLimit };
}
