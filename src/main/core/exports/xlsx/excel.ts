import type * as ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * exceljs costs about three bare Node start-ups to import, so it is loaded on the first export,
 * never at start-up. The type import above is erased at build time.
 */
export type ExcelModule = typeof ExcelJS;

let loading: Promise<ExcelModule> | undefined;

export function loadExcel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((mod) => {
    // exceljs is CommonJS: under Node's ESM loader its API sits on `default`.
    const withDefault = mod as ExcelModule & { default?: ExcelModule };
    return withDefault.default ?? withDefault;
  });
  return loading;
}

/** Where a ledger goes: an open stream, or a file path. */
export type LedgerTarget = Writable | string;

/**
 * Opens a streaming workbook: rows are written out as they are committed, so memory stays flat
 * however long the ledger. Styles on, shared strings off (same time, less memory).
 */
export async function openStreamingWorkbook(target: LedgerTarget): Promise<{
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  finish: () => Promise<void>;
  /** After a failure: closes a file this function opened (a caller's stream is the caller's). */
  abort: () => void;
}> {
  const excel = await loadExcel();
  const stream = typeof target === 'string' ? createWriteStream(target) : target;
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = '落实通';
  const finish = async (): Promise<void> => {
    const closed = typeof target === 'string' ? once(stream, 'close') : undefined;
    await workbook.commit();
    if (closed) await closed;
  };
  const abort = (): void => {
    if (typeof target === 'string') stream.destroy();
  };
  return { workbook, finish, abort };
}

/** Yield to the event loop so a long export never freezes the window. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rows written between two yields. */
export const ROWS_PER_YIELD = 1000;
