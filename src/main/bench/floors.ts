import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, OfficialDocument } from '../../shared/domain/documents';
import { loadExcel, yieldToEventLoop } from '../core/exports/xlsx/excel';

/**
 * The floors: the same bytes' worth of work done by the bare libraries with no Luoshi logic, in
 * the same run, so Luoshi's time can be read as a ratio. An xlsx floor writes the very cell
 * values Luoshi wrote (read back beforehand, not timed) with bare exceljs streaming and no
 * styles, measuring, heights or database; the docx floor writes the composed document's text as
 * plain docx paragraphs and tables.
 */

type FloorCell = string | number | null;
interface FloorSheet {
  name: string;
  rows: FloorCell[][];
}
export interface FloorWorkbook {
  file: string;
  sheets: FloorSheet[];
}

function plainValue(value: unknown): FloorCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
    return (value.richText as { text: string }[]).map((r) => r.text).join('');
  }
  return typeof value === 'boolean' ? String(value) : (JSON.stringify(value) ?? null);
}

/** Every cell value of a workbook, sheet by sheet, read with the streaming reader. */
export async function readWorkbookValues(file: string): Promise<FloorWorkbook> {
  const excel = await loadExcel();
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: FloorSheet[] = [];
  let index = 0;
  for await (const worksheet of reader) {
    index += 1;
    const rows: FloorCell[][] = [];
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
      rows.push(values.map(plainValue));
    }
    sheets.push({ name: `Sheet${index}`, rows });
  }
  return { file, sheets };
}

export function xlsxFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => join(dir, f));
}

/** Bare exceljs streaming writer: rows as they are, no styles, one yield per 1,000 rows like Luoshi's. */
export async function writeFloorWorkbook(workbook: FloorWorkbook, file: string): Promise<void> {
  const excel = await loadExcel();
  const writer = new excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  for (const sheet of workbook.sheets) {
    const worksheet = writer.addWorksheet(sheet.name);
    let since = 0;
    for (const row of sheet.rows) {
      worksheet.addRow(row).commit();
      since += 1;
      if (since >= 1000) {
        since = 0;
        await yieldToEventLoop();
      }
    }
    worksheet.commit();
  }
  await writer.commit();
}

/** Bare docx: the composed document's text as plain paragraphs and tables, packed by docx itself. */
export async function writeFloorDocx(doc: OfficialDocument): Promise<Buffer> {
  const { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } = await import('docx');
  type Child = InstanceType<typeof Paragraph> | InstanceType<typeof Table>;
  const paragraphs = (text: string): Child[] =>
    text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  const blocks = (list: readonly Block[]): Child[] =>
    list.flatMap((block): Child[] => {
      if (block.type === 'heading') {
        return [
          new Paragraph({
            children: [new TextRun({ text: block.text, bold: true }), ...(block.body ? [new TextRun(block.body)] : [])],
          }),
        ];
      }
      if (block.type === 'paragraph') return paragraphs(block.text);
      const row = (cells: readonly string[]) =>
        new TableRow({ children: cells.map((c) => new TableCell({ children: paragraphs(c) })) });
      return [new Table({ rows: [row(block.columns.map((c) => c.title)), ...block.rows.map(row)] }), new Paragraph({})];
    });
  const children: Child[] = [
    ...paragraphs(doc.header.issuerMark),
    ...paragraphs(doc.header.docNumber ?? ''),
    ...paragraphs(doc.title),
    ...paragraphs(`${doc.addressee}：`),
    ...blocks(doc.blocks),
    ...doc.attachmentNote.flatMap((n) => paragraphs(n)),
    ...paragraphs(doc.signature.organization),
    ...paragraphs(doc.signature.date),
    ...doc.attachments.flatMap((a) => [...paragraphs(a.title), ...blocks(a.blocks)]),
    ...paragraphs(`抄送：${doc.closing.cc.join('，')}`),
    ...paragraphs(`${doc.closing.printer} ${doc.closing.printDate}印发`),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
