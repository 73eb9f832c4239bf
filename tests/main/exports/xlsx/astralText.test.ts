import { describe, it, expect } from 'vitest';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import {
  readFillInSheet,
  writeFillInSheet,
  writeProjectLedger,
  writeTaskLedger,
  writeUnitLedger,
} from '../../../../src/main/core/exports/xlsx';
import { loadExcel } from '../../../../src/main/core/exports/xlsx/excel';
import { writeXlsxPackage } from '../../../../src/main/core/exports/xlsx/fillIn/writeXlsxPackage';
import { fillInInput, projectLedgerInput, SECRET, taskLedgerInput, unitLedgerInput } from './fixtures';
import { loadWorkbook, sheetXml, tempDir } from './readBack';

/**
 * Characters outside the BMP (Ext-B hanzi such as 𠮷, emoji) are two UTF-16 units. JSZip encodes a
 * string part in blocks of 16,384 units, so exceljs's writeBuffer turns a pair that straddles a
 * block edge into two U+FFFD; the fill-in sheet must not.
 */

const HANZI = '𠮷'.repeat(9999);
const REPLACEMENT_UTF8 = Buffer.from('\uFFFD', 'utf8');

async function partsOf(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files))
    if (!entry.dir) parts.set(name, await entry.async('nodebuffer'));
  return parts;
}

/** Worksheet children in the order CT_Worksheet (ECMA-376 §18.3.1.99) requires. */
const SCHEMA_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** The names of the direct children of <worksheet>, in document order. */
function topLevelElements(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = m;
    if (name === 'worksheet') continue;
    if (closing) depth -= 1;
    else {
      if (depth === 0) names.push(name);
      if (!selfClosing) depth += 1;
    }
  }
  return names;
}

describe('writeXlsxPackage', () => {
  it('keeps a long text outside the BMP whole at every offset against the 16,384-unit blocks', async () => {
    const excel = await loadExcel();
    for (let pad = 0; pad < 4; pad++) {
      const text = 'x'.repeat(pad) + HANZI;
      const workbook = new excel.Workbook();
      const sheet = workbook.addWorksheet('表');
      sheet.getCell('A1').value = text;
      sheet.getCell('A2').value = `${'y'.repeat(pad)}😀`.repeat(6000);
      const bytes = await writeXlsxPackage(workbook);
      for (const [name, part] of await partsOf(bytes))
        expect(part.includes(REPLACEMENT_UTF8), `${name}, offset ${pad}`).toBe(false);
      const back = (await loadWorkbook(bytes)).getWorksheet('表');
      expect(back?.getCell('A1').value).toBe(text);
      expect(back?.getCell('A2').value).toBe(`${'y'.repeat(pad)}😀`.repeat(6000));
    }
  });

  it('writes the same parts as exceljs writeBuffer when the text is in the BMP', async () => {
    const excel = await loadExcel();
    const make = () => {
      const workbook = new excel.Workbook();
      workbook.created = new Date('2025-10-01T00:00:00Z');
      workbook.modified = workbook.created;
      const sheet = workbook.addWorksheet('进展', { state: 'visible' });
      sheet.getCell('A1').value = '推进儿童友好城市建设'.repeat(3000);
      sheet.getCell('B2').value = 157;
      sheet.getCell('B2').dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 10],
      };
      sheet.mergeCells('C1:D1');
      workbook.addWorksheet('隐藏', { state: 'veryHidden' }).getCell('A1').value = 'id';
      return workbook;
    };
    const ours = await partsOf(await writeXlsxPackage(make()));
    const theirs = await partsOf(Buffer.from(await make().xlsx.writeBuffer()));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, part] of ours) expect(part.toString('utf8'), name).toBe(theirs.get(name)?.toString('utf8'));
  });
});

describe('writeFillInSheet with text outside the BMP', () => {
  it('carries every report text whole, reads back unchanged and keeps the schema order', async () => {
    const input = fillInInput();
    const first = input.rows[0];
    if (!first) throw new Error('fixture has no rows');
    for (let pad = 0; pad < 2; pad++) {
      first.progress = `${'进'.repeat(pad)}${HANZI}`;
      first.problems = `问题😀${'🏫'.repeat(9000)}`;
      const bytes = await writeFillInSheet(input);
      for (const [name, part] of await partsOf(bytes))
        expect(part.includes(REPLACEMENT_UTF8), `${name}, offset ${pad}`).toBe(false);
      const parsed = await readFillInSheet(bytes, { roundId: input.round.id, unitId: input.unit.id, secret: SECRET });
      const row = parsed.rows.find((r) => r.reportId === first.reportId);
      expect(row?.progress).toBe(first.progress);
      expect(row?.problems).toBe(first.problems);
      for (const sheetNo of [1, 2, 3]) {
        const order = topLevelElements(await sheetXml(bytes, sheetNo)).map((n) => SCHEMA_ORDER.indexOf(n));
        expect(order).not.toContain(-1);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });
});

describe('streaming ledgers with text outside the BMP', () => {
  it('keep a long text whole (the streaming writer encodes each text whole)', async () => {
    const dir = tempDir();
    try {
      for (let pad = 0; pad < 4; pad++) {
        const text = `${'x'.repeat(pad)}${HANZI}`;
        const task = taskLedgerInput();
        const firstTask = task.categories[0]?.tasks[0];
        if (!firstTask) throw new Error('fixture has no task');
        firstTask.problems = text;
        const unit = unitLedgerInput();
        const firstLed = unit.led[0];
        if (!firstLed) throw new Error('fixture has no led task');
        firstLed.problems = text;
        const project = projectLedgerInput();
        const firstProject = project.groups[0]?.projects[0];
        if (!firstProject) throw new Error('fixture has no project');
        firstProject.problems = text;
        const files = [
          dir.path(`task${pad}.xlsx`),
          dir.path(`unit${pad}.xlsx`),
          dir.path(`project${pad}.xlsx`),
        ] as const;
        await writeTaskLedger(task, files[0]);
        await writeUnitLedger(unit, files[1]);
        await writeProjectLedger(project, files[2]);
        for (const file of files) {
          const bytes = readFileSync(file);
          for (const [name, part] of await partsOf(bytes))
            expect(part.includes(REPLACEMENT_UTF8), `${file} ${name}`).toBe(false);
          const values: unknown[] = [];
          (await loadWorkbook(bytes)).eachSheet((sheet) =>
            sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value))),
          );
          expect(values, file).toContain(text);
        }
      }
    } finally {
      dir.cleanup();
    }
  });
});
