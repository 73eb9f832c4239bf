import type { Workbook } from 'exceljs';
import { loadExcel } from './excel';

export interface SheetText {
  sheetName: string;
  rows: string[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
  columnWidths: number[];
}

/** "B3" → row 3, column 2. */
function cellOf(address: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(address.replace(/\$/g, ''));
  if (!match) return { row: 1, col: 1 };
  const col = [...(match[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(match[2]), col };
}

/**
 * A generated workbook's first sheet read back as text, for the print view: the very cells the
 * exported file holds (a ledger is printed as exported, never from a second rendering of the data),
 * each as Excel shows its text, with the merged ranges and the column widths.
 */
export async function firstSheetOf(bytes: Buffer): Promise<SheetText> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  // exceljs's typings name an older Buffer type than @types/node's.
  await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { sheetName: '', rows: [], merges: [], columnWidths: [] };
  const width = sheet.actualColumnCount;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) {
      const cell = row.getCell(c);
      // A merged range's other cells repeat its master's text: keep it only in the master.
      cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : cell.text.trim());
    }
    rows.push(cells);
  }
  const mergeList = (sheet.model as { merges?: string[] }).merges ?? [];
  const merges = mergeList.map((range) => {
    const [from = 'A1', to = from] = range.split(':');
    const a = cellOf(from);
    const b = cellOf(to);
    return { top: a.row, left: a.col, bottom: b.row, right: b.col };
  });
  const columnWidths = Array.from({ length: width }, (_, i) => sheet.getColumn(i + 1).width ?? 10);
  return { sheetName: sheet.name, rows, merges, columnWidths };
}
