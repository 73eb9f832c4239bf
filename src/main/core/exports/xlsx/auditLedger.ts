import type { LedgerTarget } from './excel';
import { openStreamingWorkbook } from './excel';
import type { CellSpec, LedgerColumn } from './sheetFrame';
import { chineseDate, LedgerSheet } from './sheetFrame';
import { makeLedgerStyles } from './styles';

/** One audit entry as the ledger shows it: display-ready text, no database rows. */
export interface AuditLedgerRow {
  /** The entry's number in the chain. */
  id: number;
  /** 时间, already in China time (2025年10月8日 09:30). */
  at: string;
  actor: string;
  unit: string;
  role: string;
  /** 操作, e.g. 提交审核. */
  event: string;
  /** 对象, e.g. 报告 #123（第2次修订）. */
  subject: string;
  opinion: string;
  /** 状态变化, e.g. 起草中 → 待审核; empty when the state did not change. */
  stateChange: string;
  /** The entry's hash (first characters), to compare with `luoshi audit verify`. */
  hash: string;
}

export interface AuditLedgerInput {
  title: string;
  fillingUnit: string;
  fillingDate: string;
  /** The entries in chain order; pulled page by page so memory stays flat however long the log. */
  rows: AsyncIterable<AuditLedgerRow> | Iterable<AuditLedgerRow>;
}

/**
 * The audit ledger (审计记录台账): every entry of the tamper-evident trail, one row each, in
 * chain order. Same frame and shared styles as the other ledgers; streamed, so 100,000 entries
 * take no more memory than 1,000.
 */
export async function writeAuditLedger(input: AuditLedgerInput, out: LedgerTarget): Promise<number> {
  const { workbook, finish, abort } = await openStreamingWorkbook(out);
  try {
    const styles = makeLedgerStyles();
    // Fixed widths: sizing from the data would mean reading the whole log twice.
    const columns: LedgerColumn[] = [
      { header: '序号', width: 8, style: styles.serial },
      { header: '时间', width: 18, style: styles.center },
      { header: '操作人', width: 10, style: styles.center },
      { header: '单位', width: 18, style: styles.text },
      { header: '角色', width: 10, style: styles.center },
      { header: '操作', width: 14, style: styles.center },
      { header: '对象', width: 18, style: styles.text },
      { header: '意见', width: 24, style: styles.text },
      { header: '状态变化', width: 18, style: styles.center },
      { header: '哈希值（前16位）', width: 18, style: styles.center },
    ];
    const sheet = LedgerSheet.open(
      workbook,
      {
        sheetName: '审计记录台账',
        title: input.title,
        metaLeft: `填报单位（盖章）：${input.fillingUnit}`,
        metaRight: `填报日期：${chineseDate(input.fillingDate)}`,
        columns,
      },
      styles,
    );
    let count = 0;
    for await (const row of input.rows) {
      const cells: CellSpec[] = [
        { value: row.id, style: styles.serial },
        { value: row.at, style: styles.center },
        { value: row.actor, style: styles.center },
        { value: row.unit, style: styles.text },
        { value: row.role, style: styles.center },
        { value: row.event, style: styles.center },
        { value: row.subject, style: styles.text },
        { value: row.opinion, style: styles.text },
        { value: row.stateChange, style: styles.center },
        { value: row.hash, style: styles.center },
      ];
      await sheet.data(cells);
      count += 1;
    }
    sheet.commit();
    await finish();
    return count;
  } catch (error) {
    abort();
    throw error;
  }
}
