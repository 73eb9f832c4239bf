import type { DataValidation, Style, Workbook, Worksheet } from 'exceljs';
import { quarterLabel } from '../../../../../shared/domain/ledgers';
import { loadExcel } from '../excel';
import { safeNumber, safeText } from '../safeCell';
import type { LedgerColumn } from '../sheetFrame';
import { chineseDate, LedgerSheet } from '../sheetFrame';
import type { LedgerStyles } from '../styles';
import { makeLedgerStyles } from '../styles';
import { fitWidth } from '../textMetrics';
import type { FillInSheetInput } from '../types';
import type { SealedPayload } from './seal';
import { asciiJson, chunk, sealPayload } from './seal';
import { writeXlsxPackage } from './writeXlsxPackage';
import {
  FORMAT_VERSION,
  ID_MARKER,
  ID_SHEET,
  INDICATOR_SHEET,
  PROGRESS_SHEET,
  completedChoices,
  indicatorCols,
  indicatorHeaders,
  indicatorKey,
  progressCols,
  progressHeaders,
  reportKey,
} from './layout';

/**
 * The fill-in sheet (填报表) the office sends a unit for a round: the unit's reports with the
 * fields it fills unlocked and yellow, everything else locked, numbers checked as they are typed,
 * and a veryHidden sheet with the identifiers sealed by an HMAC.
 *
 * A fill-in sheet is one unit's reports (tens of rows), so it uses the in-memory workbook: the
 * streaming writer writes sheetProtection and dataValidations out of schema order, which Excel
 * repairs with a warning. The bytes come from writeXlsxPackage, not exceljs's writeBuffer.
 */

const kindLabels = { task: '重点任务', project: '项目' } as const;

function clip(text: string, max: number): string {
  const clean = safeText(text);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const NUMBER_MIN = -1e12;
const NUMBER_MAX = 1e12;

/** Sheet protection: no password (the seal, not the password, guards the identifiers). */
const protection = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: false,
  // Let the unit make a row taller for a long text.
  formatRows: true,
  insertRows: false,
  insertColumns: false,
  deleteRows: false,
  deleteColumns: false,
  sort: false,
  autoFilter: true,
};

function frameTexts(input: FillInSheetInput, what: string): { title: string; metaLeft: string; metaRight: string } {
  return {
    title: `${input.unit.name}${quarterLabel(input.round)}${what}`,
    metaLeft: `填报单位（盖章）：${input.unit.name}`,
    metaRight: `报送截止：${chineseDate(input.round.deadline)}`,
  };
}

/** 是否已全部完成: a fixed value, so the unit picks it from a list instead of typing it. */
function completedValidation(): DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${completedChoices.yes},${completedChoices.no}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '请从列表中选择',
    error: `「${progressHeaders.completed}」只能选择“${completedChoices.yes}”或“${completedChoices.no}”，请点击单元格右侧的下拉箭头选择。`,
    showInputMessage: true,
    promptTitle: progressHeaders.completed,
    prompt: `本任务已全部完成选“${completedChoices.yes}”，尚未全部完成选“${completedChoices.no}”。`,
  };
}

async function writeProgressSheet(workbook: Workbook, input: FillInSheetInput, styles: LedgerStyles): Promise<void> {
  const rows = input.rows;
  const inputChoice: Partial<Style> = {
    ...styles.inputText,
    alignment: { ...styles.inputText.alignment, horizontal: 'center' },
  };
  const columns: LedgerColumn[] = [
    { header: progressHeaders.no, width: 6, style: styles.serial },
    { header: progressHeaders.kind, width: 10, style: styles.center },
    {
      header: progressHeaders.title,
      width: fitWidth([progressHeaders.title, ...rows.map((r) => r.title)], 16, 26),
      style: styles.text,
    },
    { header: progressHeaders.progress, width: 44, style: styles.inputText },
    { header: progressHeaders.problems, width: 28, style: styles.inputText },
    { header: progressHeaders.nextSteps, width: 28, style: styles.inputText },
    { header: progressHeaders.key, width: 10, style: styles.center },
    { header: progressHeaders.completed, width: 14, style: inputChoice },
  ];
  const sheet = LedgerSheet.open(
    workbook,
    { sheetName: PROGRESS_SHEET, ...frameTexts(input, '工作进展填报表'), columns },
    styles,
  );
  for (const r of rows) {
    const rowNumber = sheet.rowNumber;
    await sheet.data(
      [
        { value: r.no, style: styles.serial },
        { value: kindLabels[r.kind], style: styles.center },
        { value: r.title, style: styles.text },
        { value: r.progress, style: styles.inputText },
        { value: r.problems, style: styles.inputText },
        { value: r.nextSteps, style: styles.inputText },
        { value: reportKey(r.reportId), style: styles.center },
        { value: r.completed ? completedChoices.yes : completedChoices.no, style: inputChoice },
      ],
      3,
    );
    sheet.worksheet.getCell(rowNumber, progressCols.completed).dataValidation = completedValidation();
  }
  await finishInputSheet(sheet.worksheet, progressCols.key);
}

async function writeIndicatorSheet(workbook: Workbook, input: FillInSheetInput, styles: LedgerStyles): Promise<void> {
  const items = input.rows.flatMap((r) => r.indicators.map((i) => ({ row: r, indicator: i })));
  const columns: LedgerColumn[] = [
    { header: indicatorHeaders.no, width: 6, style: styles.serial },
    {
      header: indicatorHeaders.title,
      width: fitWidth([indicatorHeaders.title, ...items.map((x) => x.row.title)], 16, 26),
      style: styles.text,
    },
    {
      header: indicatorHeaders.metric,
      width: fitWidth([indicatorHeaders.metric, ...items.map((x) => x.indicator.metric)], 16, 30),
      style: styles.text,
    },
    {
      header: indicatorHeaders.target,
      width: fitWidth([indicatorHeaders.target, ...items.map((x) => x.indicator.target)], 14, 36),
      style: styles.text,
    },
    { header: indicatorHeaders.unit, width: 8, style: styles.center },
    { header: indicatorHeaders.value, width: 14, style: styles.inputNumber },
    { header: indicatorHeaders.key, width: 10, style: styles.center },
  ];
  const sheet = LedgerSheet.open(
    workbook,
    { sheetName: INDICATOR_SHEET, ...frameTexts(input, '指标完成值填报表'), columns },
    styles,
  );
  let no = 0;
  for (const { row, indicator } of items) {
    no += 1;
    const rowNumber = sheet.rowNumber;
    await sheet.data([
      { value: no, style: styles.serial },
      { value: row.title, style: styles.text },
      { value: indicator.metric, style: styles.text },
      { value: indicator.target, style: styles.text },
      { value: indicator.unit, style: styles.center },
      { value: safeNumber(indicator.value), style: styles.inputNumber },
      { value: indicatorKey(row.reportId, indicator.indicatorId), style: styles.center },
    ]);
    sheet.worksheet.getCell(rowNumber, indicatorCols.value).dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [NUMBER_MIN, NUMBER_MAX],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请填写数字',
      // Excel rejects a file whose validation message exceeds 255 characters (titles: 32).
      error: `「${clip(indicator.metric, 60)}」只能填写数字（如 157 或 2.5），不带单位；暂无数据请留空。`,
      showInputMessage: true,
      promptTitle: '本季度完成值',
      prompt: `填写数字，单位：${clip(indicator.unit, 20)}`,
    };
  }
  await finishInputSheet(sheet.worksheet, indicatorCols.key);
}

async function finishInputSheet(worksheet: Worksheet, keyColumn: number): Promise<void> {
  worksheet.getColumn(keyColumn).hidden = true;
  await worksheet.protect('', protection);
}

function sealedPayload(input: FillInSheetInput): SealedPayload {
  return {
    format: ID_MARKER,
    version: FORMAT_VERSION,
    roundId: input.round.id,
    year: input.round.year,
    quarter: input.round.quarter,
    deadline: input.round.deadline,
    unitId: input.unit.id,
    unitName: input.unit.name,
    createdAt: input.createdAt ?? new Date().toISOString(),
    reports: input.rows.map((r) => ({
      key: reportKey(r.reportId),
      reportId: r.reportId,
      version: r.version,
      kind: r.kind,
      no: String(r.no),
      title: r.title,
    })),
    indicators: input.rows.flatMap((r) =>
      r.indicators.map((i) => ({
        key: indicatorKey(r.reportId, i.indicatorId),
        reportId: r.reportId,
        indicatorId: i.indicatorId,
        metric: i.metric,
      })),
    ),
  };
}

async function writeIdSheet(workbook: Workbook, input: FillInSheetInput): Promise<void> {
  const json = asciiJson(sealedPayload(input));
  const sheet = workbook.addWorksheet(ID_SHEET, { state: 'veryHidden' });
  const parts = chunk(json);
  sheet.getCell('A1').value = ID_MARKER;
  sheet.getCell('B1').value = FORMAT_VERSION;
  sheet.getCell('A2').value = 'hmac-sha256';
  sheet.getCell('B2').value = sealPayload(input.secret, json);
  sheet.getCell('A3').value = 'payload-chunks';
  sheet.getCell('B3').value = parts.length;
  parts.forEach((part, i) => {
    sheet.getCell(4 + i, 1).value = part;
  });
  sheet.getCell('D1').value = '此工作表由落实通生成，用于核对填报表，请勿改动。';
  await sheet.protect('', { selectLockedCells: false, selectUnlockedCells: false });
}

export async function writeFillInSheet(input: FillInSheetInput): Promise<Buffer> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  workbook.creator = '落实通';
  const styles = makeLedgerStyles();
  await writeProgressSheet(workbook, input, styles);
  await writeIndicatorSheet(workbook, input, styles);
  await writeIdSheet(workbook, input);
  // Not workbook.xlsx.writeBuffer(): it can split a character outside the BMP (see writeXlsxPackage).
  return writeXlsxPackage(workbook);
}
