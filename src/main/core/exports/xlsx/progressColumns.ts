import type { QuarterRef } from '../../../../shared/domain/ledgers';
import { quarterKey, quarterLabel, taskStatusLabels } from '../../../../shared/domain/ledgers';
import { warningLevelShortLabels } from '../../../../shared/domain/progress';
import type { CellSpec, LedgerColumn } from './sheetFrame';
import type { LedgerStyles } from './styles';
import type { ProgressItem } from './types';
import { fitWidth } from './textMetrics';

/**
 * The columns shared by the task, project and unit ledgers (docs/ledgers.md §2):
 * 序号 | name | targets or content | 牵头单位 | 责任单位 | 完成时限 | 进展情况 per quarter | 状态 | 预警 |
 * 存在问题 | 下步计划 | 备注. Widths fit the text within bounds that suit A4 landscape.
 */

/** A row of a progress ledger before styling: the item plus its details text and an optional kind label. */
export interface ProgressRow {
  item: ProgressItem;
  details: string;
  kindLabel?: string;
}

export interface ProgressColumnOptions {
  nameHeader: string;
  detailsHeader: string;
  /** Adds a 类别 column after 序号 (the unit ledger mixes tasks and projects). */
  withKind: boolean;
}

/** Units joined as the plan writes them. */
function joinUnits(units: readonly string[]): string {
  return units.join('、');
}

function sample(rows: readonly ProgressRow[], pick: (r: ProgressRow) => string, limit = 2000): string[] {
  // Widths from the first rows are enough; scanning 100k rows for a width is not worth it.
  const out: string[] = [];
  for (const r of rows) {
    out.push(pick(r));
    if (out.length >= limit) break;
  }
  return out;
}

export function progressColumns(
  rows: readonly ProgressRow[],
  quarters: readonly QuarterRef[],
  styles: LedgerStyles,
  options: ProgressColumnOptions,
): LedgerColumn[] {
  const col = (
    header: string,
    min: number,
    max: number,
    style: LedgerColumn['style'],
    pick: (r: ProgressRow) => string,
  ): LedgerColumn => ({
    header,
    width: fitWidth([header, ...sample(rows, pick)], min, max),
    style,
  });
  const columns: LedgerColumn[] = [col('序号', 6, 6, styles.serial, (r) => String(r.item.no))];
  if (options.withKind) columns.push(col('类别', 8, 10, styles.center, (r) => r.kindLabel ?? ''));
  // Bounds keep a two-quarter ledger near 200 width units, so one page wide prints at about 70% (7–8 pt).
  columns.push(
    col(options.nameHeader, 14, 18, styles.text, (r) => r.item.title),
    col(options.detailsHeader, 18, 28, styles.text, (r) => r.details),
    col('牵头单位', 10, 14, styles.text, (r) => joinUnits(r.item.leadUnits)),
    col('责任单位', 14, 22, styles.text, (r) => joinUnits(r.item.responsibleUnits)),
    col('完成时限', 10, 10, styles.center, (r) => r.item.deadline ?? ''),
  );
  // Several quarters share the page; give each a little less room.
  const progressMax = quarters.length <= 1 ? 36 : quarters.length === 2 ? 26 : 20;
  for (const q of quarters) {
    const key = quarterKey(q);
    columns.push(
      col(`${quarterLabel(q)}进展情况`, 16, progressMax, styles.text, (r) => r.item.progressByQuarter[key] ?? ''),
    );
  }
  columns.push(
    col('状态', 10, 10, styles.center, () => ''),
    // 预警 takes its room from 备注, so the sheet stays as wide as before on A4 landscape.
    col('预警', 6, 6, styles.center, () => ''),
    col('存在问题', 14, 18, styles.text, (r) => r.item.problems),
    col('下步计划', 14, 18, styles.text, (r) => r.item.nextSteps),
    col('备注', 8, 8, styles.text, (r) => r.item.remarks),
  );
  return columns;
}

export function progressCells(
  row: ProgressRow,
  quarters: readonly QuarterRef[],
  styles: LedgerStyles,
  withKind: boolean,
): CellSpec[] {
  const { item } = row;
  const cells: CellSpec[] = [{ value: item.no, style: styles.serial }];
  if (withKind) cells.push({ value: row.kindLabel ?? '', style: styles.center });
  cells.push(
    { value: item.title, style: styles.text },
    { value: row.details, style: styles.text },
    { value: joinUnits(item.leadUnits), style: styles.text },
    { value: joinUnits(item.responsibleUnits), style: styles.text },
    { value: item.deadline ?? '', style: styles.center },
  );
  for (const q of quarters) cells.push({ value: item.progressByQuarter[quarterKey(q)] ?? '', style: styles.text });
  cells.push(
    item.status
      ? { value: taskStatusLabels[item.status], style: styles.status[item.status] }
      : { value: '', style: styles.center },
    item.warning
      ? { value: warningLevelShortLabels[item.warning], style: styles.warning[item.warning] }
      : { value: '', style: styles.center },
    { value: item.problems, style: styles.text },
    { value: item.nextSteps, style: styles.text },
    { value: item.remarks, style: styles.text },
  );
  return cells;
}
