import type { Workbook, Worksheet } from 'exceljs';
import { LuoshiError } from '../../../../../shared/errors';
import type { FillInIndicatorValue, FillInParse, FillInParsedRow } from '../../../../../shared/domain/ledgers';
import { quarterLabel } from '../../../../../shared/domain/ledgers';
import { loadExcel } from '../excel';
import { FIRST_DATA_ROW } from '../sheetFrame';
import { readNumber, readText } from './cellValues';
import type { SealedPayload } from './seal';
import { isSealIntact, sealedPayloadSchema } from './seal';
import {
  FORMAT_VERSION,
  ID_MARKER,
  ID_SHEET,
  INDICATOR_SHEET,
  PROGRESS_SHEET,
  colLetter,
  completedChoices,
  indicatorCols,
  indicatorHeaders,
  progressCols,
  progressHeaders,
} from './layout';

export interface FillInExpectation {
  roundId: number;
  /** The name of the round being imported into, e.g. 2025年第四季度, for messages. */
  roundLabel?: string;
  unitId: number;
  secret: string;
}

const RE_DOWNLOAD = '请重新下载本轮次的填报表，填写后再导入。';
/** Value problems listed in one message before "等 N 处". */
const MAX_LISTED = 8;

function refuse(message: string, field?: string): never {
  throw new LuoshiError('invalid_input', message, field);
}

async function loadWorkbook(bytes: Buffer): Promise<Workbook> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  try {
    // exceljs's typings name an older Buffer type than @types/node's.
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch {
    refuse(
      '无法读取该文件：它不是有效的 Excel 工作簿（.xlsx）。请上传落实通导出的填报表，不要另存为 .xls 或 .et 格式。',
    );
  }
  return workbook;
}

function cellString(sheet: Worksheet, address: string): string {
  const read = readText(sheet.getCell(address));
  return read.ok ? read.value : '';
}

/** The sealed identifiers, checked: marker, format, seal, then round and unit. */
function openSeal(workbook: Workbook, expected: FillInExpectation): SealedPayload {
  const ids = workbook.getWorksheet(ID_SHEET);
  if (!ids || cellString(ids, 'A1') !== ID_MARKER) {
    refuse('该文件不是落实通填报表（找不到填报表标识）。请使用本系统下载的填报表填写后导入。');
  }
  const version = ids.getCell('B1').value;
  if (version !== FORMAT_VERSION) {
    refuse(
      `该填报表的格式版本（${typeof version === 'number' || typeof version === 'string' ? version : '未知'}）与本系统不符。${RE_DOWNLOAD}`,
    );
  }
  const seal = cellString(ids, 'B2');
  const chunks = ids.getCell('B3').value;
  if (typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1 || chunks > 1000) {
    refuse(`填报表的标识信息不完整，可能被改动过。${RE_DOWNLOAD}`);
  }
  let json = '';
  for (let i = 0; i < chunks; i++) json += cellString(ids, `A${4 + i}`);
  if (!isSealIntact(expected.secret, json, seal)) {
    refuse(`填报表的标识信息被改动过（校验不通过），不能导入。${RE_DOWNLOAD}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    refuse(`填报表的标识信息无法读取。${RE_DOWNLOAD}`);
  }
  const payload = sealedPayloadSchema.safeParse(parsed);
  if (!payload.success) refuse(`填报表的标识信息无法读取。${RE_DOWNLOAD}`);
  const p = payload.data;
  if (p.roundId !== expected.roundId) {
    const sheetRound = quarterLabel(p);
    const target = expected.roundLabel ?? '本次导入';
    refuse(
      `该填报表属于${sheetRound}的填报轮次，不是${target}的填报轮次。请在「填报轮次」中选择${sheetRound}后再导入；如要填报${target}，请下载${target}的填报表。`,
    );
  }
  if (p.unitId !== expected.unitId) {
    refuse(`该填报表是「${p.unitName}」的，不是本次导入的单位。请导入本单位的填报表。`);
  }
  return p;
}

interface KeyedRow {
  row: number;
  key: string;
}

/**
 * The data rows of a sheet with their keys. Every signed key must be there exactly once; a row
 * with content but no known key means rows were added or identifiers edited.
 */
function keyedRows(
  sheet: Worksheet,
  keyCol: number,
  valueCols: readonly number[],
  signedKeys: ReadonlyMap<string, string>,
): KeyedRow[] {
  const found: KeyedRow[] = [];
  const seen = new Map<string, number>();
  const last = sheet.actualRowCount === 0 ? 0 : (sheet.lastRow?.number ?? 0);
  for (let r = FIRST_DATA_ROW; r <= last; r++) {
    const keyRead = readText(sheet.getCell(r, keyCol));
    const key = keyRead.ok ? keyRead.value : '';
    const where = `工作表「${sheet.name}」第 ${r} 行`;
    if (key === '') {
      const hasContent = valueCols.some((c) => {
        const v = sheet.getCell(r, c).value;
        return v !== null && v !== undefined && v !== '';
      });
      if (hasContent)
        refuse(
          `${where}不是填报表原有的行（没有标识）。请不要添加行，把内容填在原有的行里。`,
          `${sheet.name}!${colLetter(keyCol)}${r}`,
        );
      continue;
    }
    if (!signedKeys.has(key)) {
      refuse(
        `${where}的标识（${colLetter(keyCol)} 列）被改动过，与填报表记录不符。${RE_DOWNLOAD}`,
        `${sheet.name}!${colLetter(keyCol)}${r}`,
      );
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      refuse(
        `${where}与第 ${earlier} 行是同一条记录（标识重复），请不要复制行。${RE_DOWNLOAD}`,
        `${sheet.name}!${colLetter(keyCol)}${r}`,
      );
    }
    seen.set(key, r);
    found.push({ row: r, key });
  }
  for (const [key, label] of signedKeys) {
    if (!seen.has(key)) refuse(`工作表「${sheet.name}」缺少「${label}」这一行，请不要删除行。${RE_DOWNLOAD}`);
  }
  return found;
}

function requireSheet(workbook: Workbook, name: string): Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) refuse(`填报表缺少工作表「${name}」，文件可能被改动过。${RE_DOWNLOAD}`);
  return sheet;
}

/**
 * Reads a fill-in sheet back: checks it is a Luoshi fill-in sheet for this round and unit with
 * intact identifiers, then reads every value as typed. Any problem throws
 * LuoshiError('invalid_input') naming sheet, row and column; nothing is half-read.
 */
export async function readFillInSheet(bytes: Buffer, expected: FillInExpectation): Promise<FillInParse> {
  const workbook = await loadWorkbook(bytes);
  const payload = openSeal(workbook, expected);
  const progressSheet = requireSheet(workbook, PROGRESS_SHEET);
  const indicatorSheet = requireSheet(workbook, INDICATOR_SHEET);

  const reportLabels = new Map(payload.reports.map((r) => [r.key, `${r.no}. ${r.title}`] as const));
  const indicatorLabels = new Map(payload.indicators.map((i) => [i.key, i.metric] as const));
  const progressRows = keyedRows(
    progressSheet,
    progressCols.key,
    [progressCols.progress, progressCols.problems, progressCols.nextSteps, progressCols.completed],
    reportLabels,
  );
  const indicatorRows = keyedRows(indicatorSheet, indicatorCols.key, [indicatorCols.value], indicatorLabels);

  const problems: { message: string; field: string }[] = [];
  const note = (sheet: Worksheet, row: number, col: number, header: string, reason: string): void => {
    const address = `${colLetter(col)}${row}`;
    problems.push({
      message: `工作表「${sheet.name}」第 ${row} 行「${header}」列（${address}）：${reason}`,
      field: `${sheet.name}!${address}`,
    });
  };
  const text = (row: number, col: number, header: string): string => {
    const read = readText(progressSheet.getCell(row, col));
    if (read.ok) return read.value;
    note(progressSheet, row, col, header, read.reason);
    return '';
  };
  /** 是 / 否 from the drop-down; empty leaves the stored flag as it is. Nothing else is guessed. */
  const completed = (row: number): boolean | null => {
    const col = progressCols.completed;
    const typed = text(row, col, progressHeaders.completed);
    if (typed === '') return null;
    if (typed === completedChoices.yes) return true;
    if (typed === completedChoices.no) return false;
    const shown = typed.length > 20 ? `${typed.slice(0, 20)}…` : typed;
    note(
      progressSheet,
      row,
      col,
      progressHeaders.completed,
      `「${shown}」不是可选的值，请从下拉列表中选择“${completedChoices.yes}”或“${completedChoices.no}”`,
    );
    return null;
  };

  const byKey = new Map(payload.reports.map((r) => [r.key, r] as const));
  const indicatorsByReport = new Map<number, FillInIndicatorValue[]>();
  const indicatorByKey = new Map(payload.indicators.map((i) => [i.key, i] as const));
  for (const { row, key } of indicatorRows) {
    const meta = indicatorByKey.get(key);
    if (!meta) continue;
    // The unit column is the sheet's own (protected) text: a value may repeat it, e.g. 12个.
    const unitCell: unknown = indicatorSheet.getCell(row, indicatorCols.unit).value;
    const read = readNumber(
      indicatorSheet.getCell(row, indicatorCols.value),
      typeof unitCell === 'string' ? unitCell : '',
    );
    if (!read.ok) note(indicatorSheet, row, indicatorCols.value, indicatorHeaders.value, read.reason);
    const list = indicatorsByReport.get(meta.reportId) ?? [];
    list.push({
      indicatorId: meta.indicatorId,
      metric: meta.metric,
      value: read.ok ? read.value : null,
      cell: { sheet: indicatorSheet.name, address: `${colLetter(indicatorCols.value)}${row}` },
    });
    indicatorsByReport.set(meta.reportId, list);
  }

  const rows: FillInParsedRow[] = [];
  for (const { row, key } of progressRows) {
    const meta = byKey.get(key);
    if (!meta) continue;
    rows.push({
      reportId: meta.reportId,
      version: meta.version,
      kind: meta.kind,
      no: meta.no,
      title: meta.title,
      progress: text(row, progressCols.progress, progressHeaders.progress),
      problems: text(row, progressCols.problems, progressHeaders.problems),
      nextSteps: text(row, progressCols.nextSteps, progressHeaders.nextSteps),
      completed: completed(row),
      indicators: indicatorsByReport.get(meta.reportId) ?? [],
      row,
    });
  }

  if (problems.length > 0) {
    const listed = problems
      .slice(0, MAX_LISTED)
      .map((p) => p.message)
      .join('；');
    const more = problems.length > MAX_LISTED ? `；等共 ${problems.length} 处` : '';
    refuse(`填报表中有填写不正确的内容，未导入任何数据：${listed}${more}。请改正后重新导入。`, problems[0]?.field);
  }

  return {
    roundId: payload.roundId,
    unitId: payload.unitId,
    unitName: payload.unitName,
    year: payload.year,
    quarter: payload.quarter,
    createdAt: payload.createdAt,
    rows,
  };
}
