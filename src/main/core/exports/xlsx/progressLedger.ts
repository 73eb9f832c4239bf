import type { LedgerTarget } from './excel';
import { openStreamingWorkbook } from './excel';
import type { ProgressColumnOptions, ProgressRow } from './progressColumns';
import { progressCells, progressColumns } from './progressColumns';
import { chineseDate, LedgerSheet } from './sheetFrame';
import { makeLedgerStyles } from './styles';
import type { LedgerHeading } from './types';

/** A group of rows under a merged heading row. */
export interface ProgressGroup {
  heading: string;
  rows: ProgressRow[];
}

/** Writes a framed progress ledger (task, project or unit) with the streaming writer. */
export async function writeProgressLedger(
  heading: LedgerHeading,
  sheetName: string,
  groups: readonly ProgressGroup[],
  options: ProgressColumnOptions,
  out: LedgerTarget,
): Promise<void> {
  const { workbook, finish, abort } = await openStreamingWorkbook(out);
  try {
    const styles = makeLedgerStyles();
    const allRows = groups.flatMap((g) => g.rows);
    const columns = progressColumns(allRows, heading.quarters, styles, options);
    const sheet = LedgerSheet.open(
      workbook,
      {
        sheetName,
        title: heading.title,
        metaLeft: `填报单位（盖章）：${heading.fillingUnit}`,
        metaRight: `填报日期：${chineseDate(heading.fillingDate)}`,
        columns,
      },
      styles,
    );
    for (const group of groups) {
      await sheet.group(group.heading);
      for (const row of group.rows) await sheet.data(progressCells(row, heading.quarters, styles, options.withKind));
    }
    sheet.commit();
    await finish();
  } catch (error) {
    abort();
    throw error;
  }
}
