import ExcelJS from 'exceljs';
import { LuoshiError } from '../../../shared/errors';
import { readBoundedZip } from '../files/boundedZip';
import type { Grid, GridCell } from './layouts/table';

/**
 * Tables out of .docx and .xlsx files, as grids of cell text with merges resolved. Both are
 * inflated through the bounded zip reader first (a zip bomb stops there).
 */

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : '';
  });
}

interface RawCell {
  text: string;
  span: number;
  vMerge: 'restart' | 'continue' | null;
}

export interface DocxContent {
  /** Paragraph texts outside tables, in order. */
  paragraphs: string[];
  /** Each table with the number of paragraphs before it. */
  tables: Array<{ before: number; rows: RawCell[][] }>;
}

/** Reads word/document.xml: body paragraphs and tables (nested tables' text goes into their cell). */
export function readDocxContent(bytes: Uint8Array, fileName: string): DocxContent {
  const zip = readBoundedZip(bytes, { fileName, field: 'file', keep: (name) => name === 'word/document.xml' });
  const xml = zip.parts.get('word/document.xml');
  if (!xml)
    throw new LuoshiError(
      'invalid_input',
      `文件“${fileName}”不是有效的 Word（.docx）文件（缺少正文 word/document.xml），无法读取。`,
      'file',
    );
  const source = new TextDecoder('utf-8').decode(xml);
  const content: DocxContent = { paragraphs: [], tables: [] };
  const tableStack: Array<{ rows: RawCell[][]; cell: RawCell | null }> = [];
  let paragraph: string | null = null;
  let inText = false;
  const tagRe = /<(\/?)(w:tbl|w:tr|w:tc|w:p|w:t|w:tab|w:br|w:cr|w:gridSpan|w:vMerge)(?=[\s/>])([^>]*?)(\/?)>|([^<]+)/g;
  for (const m of source.matchAll(tagRe)) {
    const [, closing, tag, attrs = '', selfClosing, text] = m;
    if (text !== undefined) {
      if (inText && paragraph !== null) paragraph += decodeEntities(text);
      continue;
    }
    const table = tableStack.at(-1);
    const open = closing !== '/';
    switch (tag) {
      case 'w:tbl':
        if (open) tableStack.push({ rows: [], cell: null });
        else {
          const done = tableStack.pop();
          const outer = tableStack.at(-1);
          if (done && outer?.cell) outer.cell.text += done.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n');
          else if (done && !outer) content.tables.push({ before: content.paragraphs.length, rows: done.rows });
        }
        break;
      case 'w:tr':
        if (open && table && tableStack.length > 0) table.rows.push([]);
        break;
      case 'w:tc':
        if (open && table) {
          table.cell = { text: '', span: 1, vMerge: null };
          table.rows.at(-1)?.push(table.cell);
          if (selfClosing === '/') table.cell = null;
        } else if (table) table.cell = null;
        break;
      case 'w:gridSpan': {
        const span = Number(/w:val="(\d+)"/.exec(attrs)?.[1] ?? 1);
        if (table?.cell) table.cell.span = Math.max(1, Math.min(span, 64));
        break;
      }
      case 'w:vMerge':
        if (table?.cell) table.cell.vMerge = /w:val="restart"/.test(attrs) ? 'restart' : 'continue';
        break;
      case 'w:p':
        if (open && selfClosing !== '/') paragraph = '';
        else if (!open || selfClosing === '/') {
          const text = paragraph ?? '';
          paragraph = null;
          if (table?.cell) table.cell.text += (table.cell.text === '' ? '' : '\n') + text;
          else if (!table) content.paragraphs.push(text);
        }
        break;
      case 'w:t':
        inText = open && selfClosing !== '/';
        break;
      case 'w:tab':
        if (paragraph !== null && open) paragraph += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (paragraph !== null && open) paragraph += '\n';
        break;
      default:
        break;
    }
  }
  return content;
}

/** A Word table as a grid: gridSpan repeats a cell across its columns, vMerge continue takes the text above. */
export function docxGrid(rows: RawCell[][], where: string): Grid {
  const grid: GridCell[][] = [];
  for (const row of rows) {
    const out: GridCell[] = [];
    for (const cell of row) {
      for (let k = 0; k < cell.span; k += 1) {
        const above = grid.at(-1)?.[out.length];
        if (cell.vMerge === 'continue' && above) out.push({ text: above.text, mergedFromAbove: true });
        else out.push({ text: cell.text, mergedFromAbove: false });
      }
    }
    grid.push(out);
  }
  return { rows: grid, rowNumbers: grid.map((_, i) => i + 1), where };
}

function cellString(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'formula' in value) {
    const result = value.result;
    return typeof result === 'string' || typeof result === 'number' ? String(result) : '';
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text;
}

/** The refusal for a workbook without sheets, or without the sheet the user picked. */
export function missingSheet(fileName: string, names: readonly string[], sheetName: string | undefined): LuoshiError {
  const listed = names.map((n) => `“${n}”`).join('、');
  return new LuoshiError(
    'invalid_input',
    sheetName === undefined
      ? `文件“${fileName}”中没有工作表，无法导入。`
      : `文件“${fileName}”中没有名为“${sheetName}”的工作表（有：${listed || '无'}）。请选择其中一个工作表。`,
    'sheet',
  );
}

/** Every sheet of an .xlsx as a grid, in the workbook's order. */
export async function readXlsxGrids(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ sheets: Array<{ name: string; grid: Grid }> }> {
  readBoundedZip(bytes, { fileName, field: 'file' });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new LuoshiError('invalid_input', `文件“${fileName}”不是有效的 Excel（.xlsx）文件，无法读取。`, 'file');
  }
  return {
    sheets: workbook.worksheets.slice(0, 50).map((sheet) => ({ name: sheet.name, grid: sheetGrid(sheet, fileName) })),
  };
}

function sheetGrid(sheet: ExcelJS.Worksheet, fileName: string): Grid {
  const rows: GridCell[][] = [];
  const rowNumbers: number[] = [];
  const width = Math.min(sheet.columnCount, 64);
  for (let r = 1; r <= Math.min(sheet.rowCount, 5000); r += 1) {
    const row = sheet.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= width; c += 1) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      cells.push({ text: cellString(master), mergedFromAbove: cell.isMerged && Number(master.row) < r });
    }
    rows.push(cells);
    rowNumbers.push(r);
  }
  return { rows, rowNumbers, where: `文件“${fileName}”工作表“${sheet.name}”` };
}
