import type { AddWorksheetOptions, Style, Workbook, Worksheet } from 'exceljs';
import type { LedgerStyles } from './styles';
import { safeNumber, safeText } from './safeCell';
import { ROWS_PER_YIELD, yieldToEventLoop } from './excel';
import { rowHeightFor, textWidth } from './textMetrics';

/**
 * The frame every ledger shares (docs/ledgers.md §3, §5): row 1 the title merged across the sheet,
 * row 2 填报单位 and 填报日期, row 3 the bold framed header; the header frozen and filtered;
 * A4 landscape, one page wide, rows 1–3 repeated on every printed page, 第 N 页 共 M 页 below.
 */

const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

export interface LedgerColumn {
  header: string;
  width: number;
  /** The style of the column's data cells. */
  style: Partial<Style>;
}

export interface LedgerFrame {
  sheetName: string;
  title: string;
  /** Left of row 2, e.g. 填报单位（盖章）：区经济发展局 */
  metaLeft: string;
  /** Right of row 2, e.g. 填报日期：2025年10月15日 */
  metaRight: string;
  columns: readonly LedgerColumn[];
}

/** Page footer: 第 N 页 共 M 页, centred. */
const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** Sheet options for a framed ledger; given to addWorksheet because the streaming writer writes them first. */
function ledgerSheetOptions(): Partial<AddWorksheetOptions> {
  return {
    views: [
      {
        state: 'frozen',
        xSplit: 0,
        ySplit: HEADER_ROW,
        topLeftCell: `A${FIRST_DATA_ROW}`,
        activeCell: `A${FIRST_DATA_ROW}`,
      },
    ],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
  };
}

/** 2025-10-15 → 2025年10月15日; anything else is shown as given. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return safeText(iso);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export type CellValue = string | number | null;
export interface CellSpec {
  value: CellValue;
  style: Partial<Style>;
}

/**
 * Writes the rows of one framed sheet. Works on the streaming writer (rows are committed as they
 * are written) and on an in-memory workbook (commit is a no-op there).
 */
export class LedgerSheet {
  readonly worksheet: Worksheet;
  private readonly columns: readonly LedgerColumn[];
  private readonly styles: LedgerStyles;
  private nextRow = FIRST_DATA_ROW;
  private sinceYield = 0;

  private constructor(worksheet: Worksheet, columns: readonly LedgerColumn[], styles: LedgerStyles) {
    this.worksheet = worksheet;
    this.columns = columns;
    this.styles = styles;
  }

  static open(
    workbook: Workbook,
    frame: LedgerFrame,
    styles: LedgerStyles,
    extra?: Partial<AddWorksheetOptions>,
  ): LedgerSheet {
    const n = frame.columns.length;
    const worksheet = workbook.addWorksheet(safeSheetName(frame.sheetName), { ...ledgerSheetOptions(), ...extra });
    // exceljs leaves out a column whose width equals its default (9), and the column then takes
    // the application's default (8.43) instead; nudge it.
    worksheet.columns = frame.columns.map((c) => ({ width: c.width === 9 ? 9.1 : c.width }));
    worksheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: n } };

    const title = worksheet.getRow(1);
    title.getCell(1).value = safeText(frame.title);
    title.getCell(1).style = styles.title;
    title.height = 40;
    worksheet.mergeCells(1, 1, 1, n);

    const meta = worksheet.getRow(2);
    const split = metaSplit(frame);
    meta.getCell(1).value = safeText(frame.metaLeft);
    meta.getCell(1).style = styles.metaLeft;
    if (split > 1) worksheet.mergeCells(2, 1, 2, split);
    if (split < n) {
      meta.getCell(split + 1).value = safeText(frame.metaRight);
      meta.getCell(split + 1).style = styles.metaRight;
      if (n > split + 1) worksheet.mergeCells(2, split + 1, 2, n);
    }
    meta.height = 24;

    const header = worksheet.getRow(HEADER_ROW);
    frame.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = safeText(c.header);
      cell.style = styles.header;
    });
    header.height = rowHeightFor(
      frame.columns.map((c) => ({ text: c.header, width: c.width })),
      2,
    );

    title.commit();
    meta.commit();
    header.commit();
    return new LedgerSheet(worksheet, frame.columns, styles);
  }

  /** The row the next call writes. */
  get rowNumber(): number {
    return this.nextRow;
  }

  /** A group row (a category, a project kind) merged across the sheet. */
  async group(text: string): Promise<void> {
    const row = this.worksheet.getRow(this.nextRow);
    const cell = row.getCell(1);
    cell.value = safeText(text);
    cell.style = this.styles.group;
    for (let c = 2; c <= this.columns.length; c++) row.getCell(c).style = this.styles.group;
    if (this.columns.length > 1) this.worksheet.mergeCells(this.nextRow, 1, this.nextRow, this.columns.length);
    const width = this.columns.reduce((sum, c) => sum + c.width, 0);
    row.height = rowHeightFor([{ text: cell.value, width }]);
    await this.finishRow(row);
  }

  /** A data row: one cell per column, in column order; `minLines` makes room to write by hand. */
  async data(cells: readonly CellSpec[], minLines = 1): Promise<void> {
    const row = this.worksheet.getRow(this.nextRow);
    const sizes: { text: string; width: number }[] = [];
    cells.forEach((spec, i) => {
      const cell = row.getCell(i + 1);
      const value = typeof spec.value === 'number' ? safeNumber(spec.value) : safeText(spec.value);
      // An empty text is an empty (but still framed) cell, as a person would leave it.
      cell.value = value === '' ? null : value;
      cell.style = spec.style;
      if (typeof value === 'string') sizes.push({ text: value, width: this.columns[i]?.width ?? 10 });
    });
    row.height = rowHeightFor(sizes, minLines);
    await this.finishRow(row);
  }

  private async finishRow(row: ReturnType<Worksheet['getRow']>): Promise<void> {
    row.commit();
    this.nextRow += 1;
    this.sinceYield += 1;
    if (this.sinceYield >= ROWS_PER_YIELD) {
      this.sinceYield = 0;
      await yieldToEventLoop();
    }
  }

  /** Finish the sheet (streaming: flush it to the file). */
  commit(): void {
    this.worksheet.commit?.();
  }
}

/**
 * Where row 2 splits: the left part (填报单位) takes the columns its text needs and the right
 * part (填报日期, right-aligned) the rest, so neither text is cut off on a narrow sheet.
 */
function metaSplit(frame: LedgerFrame): number {
  const widths = frame.columns.map((c) => c.width);
  const need = textWidth(safeText(frame.metaLeft)) + 2;
  let split = 0;
  let acc = 0;
  while (split < widths.length - 1 && acc < need) {
    acc += widths[split] ?? 0;
    split += 1;
  }
  return Math.max(1, split);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  const cleaned = safeText(name)
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}
