import { taskStatusLabels } from '../../../../shared/domain/ledgers';
import {
  indicatorRatingLabels,
  warningLevelShortLabels,
  type IndicatorRating,
} from '../../../../shared/domain/progress';
import type { LedgerTarget } from './excel';
import { openStreamingWorkbook } from './excel';
import type { CellSpec, LedgerColumn } from './sheetFrame';
import { chineseDate, LedgerSheet } from './sheetFrame';
import { makeLedgerStyles, type LedgerStyles } from './styles';
import { fitWidth } from './textMetrics';

/** What the trend ledger takes: plain data, rounds oldest first, one entry per round in each row. */
export interface TrendLedgerInput {
  title: string;
  fillingUnit: string;
  /** ISO date. */
  fillingDate: string;
  /** The quarters shown, oldest first, one column each. */
  rounds: { roundId: number; label: string }[];
  tasks: {
    no: number;
    title: string;
    /** roundId → the task's status and warning there. */
    byRound: ReadonlyMap<
      number,
      { status: keyof typeof taskStatusLabels; warning: keyof typeof warningLevelShortLabels }
    >;
    indicators: {
      metric: string;
      unit: string;
      target: string;
      /** roundId → the counted value, 应达值 and rating. */
      byRound: ReadonlyMap<number, { value: number | null; expected: number | null; rating: IndicatorRating }>;
    }[];
  }[];
}

/**
 * A sheet narrower than this leaves the 填报 row no room for both its parts and wraps the title;
 * with few quarters the name column takes up the slack.
 */
const minSheetWidth = 120;

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/** A value's cell: green when it keeps pace (达标 or 达序), red when it lags, plain otherwise. */
function valueStyle(styles: LedgerStyles, rating: IndicatorRating): CellSpec['style'] {
  if (rating === 'met' || rating === 'onPace') return styles.flagYes;
  if (rating === 'lagging') return styles.flagNo;
  return styles.number;
}

/**
 * The trend ledger (各季度趋势表), in the ledgers' frame (docs/ledgers.md §3–5): a sheet of the
 * tasks with the status of each quarter on its 预警 colour, and a sheet of the indicators with the
 * value of each quarter (green keeps pace, red lags) and its 应达值 beside it.
 */
export async function writeTrendLedger(input: TrendLedgerInput, out: LedgerTarget): Promise<void> {
  const { workbook, finish, abort } = await openStreamingWorkbook(out);
  try {
    const styles = makeLedgerStyles();
    const meta = {
      metaLeft: `填报单位（盖章）：${input.fillingUnit}`,
      metaRight: `填报日期：${chineseDate(input.fillingDate)}`,
    };
    const taskTitleWidth = fitWidth(['重点任务', ...input.tasks.slice(0, 2000).map((t) => t.title)], 18, 36);
    const taskColumns: LedgerColumn[] = [
      { header: '序号', width: 6, style: styles.serial },
      {
        header: '重点任务',
        width: Math.min(80, Math.max(taskTitleWidth, minSheetWidth - 6 - 14 * input.rounds.length)),
        style: styles.text,
      },
      ...input.rounds.map((r) => ({ header: r.label, width: 14, style: styles.center })),
    ];
    const tasks = LedgerSheet.open(
      workbook,
      { sheetName: '任务趋势', title: `${input.title}（任务）`, ...meta, columns: taskColumns },
      styles,
    );
    for (const task of input.tasks) {
      await tasks.data([
        { value: task.no, style: styles.serial },
        { value: task.title, style: styles.text },
        ...input.rounds.map((r): CellSpec => {
          const at = task.byRound.get(r.roundId);
          return at
            ? {
                value: `${taskStatusLabels[at.status]}（${warningLevelShortLabels[at.warning]}）`,
                style: styles.warning[at.warning],
              }
            : { value: '—', style: styles.center };
        }),
      ]);
    }
    tasks.commit();

    const indicators = input.tasks.flatMap((t) => t.indicators.map((i) => ({ task: t, indicator: i })));
    const indicatorColumns: LedgerColumn[] = [
      { header: '序号', width: 6, style: styles.serial },
      { header: '所属任务', width: 8, style: styles.center },
      {
        header: '指标名称',
        width: Math.min(
          70,
          Math.max(
            fitWidth(['指标名称', ...indicators.slice(0, 2000).map((x) => x.indicator.metric)], 16, 30),
            minSheetWidth - 6 - 8 - 24 - 28 * input.rounds.length,
          ),
        ),
        style: styles.text,
      },
      { header: '目标值', width: 24, style: styles.text },
      ...input.rounds.flatMap((r) => [
        { header: `${r.label}完成值`, width: 14, style: styles.number },
        { header: `${r.label}应达值`, width: 14, style: styles.number },
      ]),
    ];
    const sheet = LedgerSheet.open(
      workbook,
      { sheetName: '指标趋势', title: `${input.title}（指标）`, ...meta, columns: indicatorColumns },
      styles,
    );
    let no = 0;
    for (const { task, indicator } of indicators) {
      no += 1;
      await sheet.data([
        { value: no, style: styles.serial },
        { value: task.no, style: styles.serial },
        { value: indicator.unit ? `${indicator.metric}（${indicator.unit}）` : indicator.metric, style: styles.text },
        { value: indicator.target, style: styles.text },
        ...input.rounds.flatMap((r): CellSpec[] => {
          const at = indicator.byRound.get(r.roundId);
          if (!at)
            return [
              { value: null, style: styles.number },
              { value: null, style: styles.number },
            ];
          return [
            {
              value: at.value === null ? indicatorRatingLabels.unreported : at.value,
              style: at.value === null ? styles.center : valueStyle(styles, at.rating),
            },
            { value: round2(at.expected), style: styles.number },
          ];
        }),
      ]);
    }
    sheet.commit();
    await finish();
  } catch (error) {
    abort();
    throw error;
  }
}
