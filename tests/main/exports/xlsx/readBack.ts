import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ExcelJS from 'exceljs';
import { loadExcel } from '../../../../src/main/core/exports/xlsx/excel';
import JSZip from 'jszip';

/** Helpers for tests: re-read what the writers produced, with exceljs and as raw XML. */

export async function loadWorkbook(source: string | Buffer): Promise<ExcelJS.Workbook> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Workbook['xlsx']['load']>[0]);
  return workbook;
}

export async function sheetXml(source: string | Buffer, sheetNo = 1): Promise<string> {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(`xl/worksheets/sheet${sheetNo}.xml`);
  if (!file) throw new Error(`no sheet${sheetNo}.xml`);
  return file.async('string');
}

export function tempDir(): { path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-xlsx-'));
  return { path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The values of a row as an array from column 1 (exceljs's row.values starts at index 1). */
export function rowValues(sheet: ExcelJS.Worksheet, row: number, columns: number): unknown[] {
  const out: unknown[] = [];
  for (let c = 1; c <= columns; c++) out.push(sheet.getCell(row, c).value);
  return out;
}

export function merges(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.model as unknown as { merges: string[] }).merges;
}

export function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.fgColor?.argb;
}
