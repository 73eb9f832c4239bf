import { quarterKey, quarterLabel } from '../../../../shared/domain/ledgers';
import type { LedgerTarget } from './excel';
import { openStreamingWorkbook } from './excel';
import type { CellSpec, LedgerColumn } from './sheetFrame';
import { chineseDate, LedgerSheet } from './sheetFrame';
import { makeLedgerStyles } from './styles';
import { fitWidth } from './textMetrics';
import type { IndicatorLedgerInput, IndicatorLedgerRow } from './types';

/** 是否达序 as the ledgers write it. */
const onPaceLabels = { yes: '是', no: '否' } as const;

function taskText(row: IndicatorLedgerRow): string {
  if (row.taskTitle === null) return '';
  return row.taskNo === null ? row.taskTitle : `${row.taskNo}. ${row.taskTitle}`;
}

/** The year of the baselines when they share one, for the header (基期值（2022年）). */
function commonBaselineYear(rows: readonly IndicatorLedgerRow[]): number | null {
  const years = new Set(rows.filter((r) => r.baseline !== null).map((r) => r.baselineYear));
  const [only] = [...years];
  return years.size === 1 && typeof only === 'number' ? only : null;
}

/**
 * The indicator ledger: one row per indicator with its task, unit, baseline, target, the value
 * reported in each quarter, the completion rate and whether it keeps pace.
 */
export async function writeIndicatorLedger(input: IndicatorLedgerInput, out: LedgerTarget): Promise<void> {
  const { workbook, finish, abort } = await openStreamingWorkbook(out);
  try {
    const styles = makeLedgerStyles();
    const rows = input.rows;
    const head = rows.slice(0, 2000);
    const baselineYear = commonBaselineYear(rows);
    const columns: LedgerColumn[] = [
      { header: '序号', width: 6, style: styles.serial },
      { header: '指标名称', width: fitWidth(['指标名称', ...head.map((r) => r.metric)], 16, 30), style: styles.text },
      { header: '所属任务', width: fitWidth(['所属任务', ...head.map(taskText)], 16, 30), style: styles.text },
      { header: '单位', width: fitWidth(['单位', ...head.map((r) => r.unit)], 6, 10), style: styles.center },
      { header: baselineYear === null ? '基期值' : `基期值（${baselineYear}年）`, width: 10, style: styles.number },
      { header: '目标值', width: fitWidth(['目标值', ...head.map((r) => r.target)], 12, 24), style: styles.text },
      ...input.quarters.map((q) => ({ header: `${quarterLabel(q)}完成值`, width: 12, style: styles.number })),
      { header: '应达值', width: 10, style: styles.number },
      { header: '完成率', width: 10, style: styles.percent },
      { header: '是否达序', width: 10, style: styles.center },
      { header: '备注', width: fitWidth(['备注', ...head.map((r) => r.remarks ?? '')], 8, 20), style: styles.text },
    ];
    const sheet = LedgerSheet.open(
      workbook,
      {
        sheetName: '指标完成情况台账',
        title: input.title,
        metaLeft: `填报单位（盖章）：${input.fillingUnit}`,
        metaRight: `填报日期：${chineseDate(input.fillingDate)}`,
        columns,
      },
      styles,
    );
    let no = 0;
    for (const row of rows) {
      no += 1;
      const baseline =
        row.baseline !== null && baselineYear === null && row.baselineYear !== null
          ? `${row.baseline}（${row.baselineYear}年）`
          : row.baseline;
      const cells: CellSpec[] = [
        { value: no, style: styles.serial },
        { value: row.metric, style: styles.text },
        { value: taskText(row), style: styles.text },
        { value: row.unit, style: styles.center },
        { value: baseline, style: typeof baseline === 'string' ? styles.center : styles.number },
        { value: row.target, style: styles.text },
        ...input.quarters.map((q) => ({ value: row.valuesByQuarter[quarterKey(q)] ?? null, style: styles.number })),
        { value: row.expected === null ? null : Math.round(row.expected * 100) / 100, style: styles.number },
        { value: row.completionRate, style: styles.percent },
        row.onPace === null
          ? { value: '', style: styles.center }
          : {
              value: row.onPace ? onPaceLabels.yes : onPaceLabels.no,
              style: row.onPace ? styles.flagYes : styles.flagNo,
            },
        { value: row.remarks ?? '', style: styles.text },
      ];
      await sheet.data(cells);
    }
    sheet.commit();
    await finish();
  } catch (error) {
    abort();
    throw error;
  }
}
