import type { Workbook } from 'exceljs';
import { zipSync, type Zippable } from 'fflate';

/**
 * Writes an in-memory exceljs workbook to .xlsx bytes without breaking characters outside the BMP.
 *
 * Why not `workbook.xlsx.writeBuffer()`: exceljs 4.4 hands every XML part to its bundled zip
 * writer as a JS string, and that writer cuts a string into blocks of 16,384 UTF-16 units and
 * encodes each block to UTF-8 on its own. A surrogate pair that straddles a block edge (𠮷 and
 * other Ext-B hanzi, emoji) is written as two U+FFFD, so a long text in a fill-in sheet came back
 * damaged (tests/main/exports/xlsx/astralText.test.ts).
 *
 * The fix keeps exceljs's own renderers and the steps of its `XLSX#write`, in the same order, but
 * gives them a sink that encodes each part to UTF-8 whole and packs them with fflate (the project's
 * one zip library, as for .docx in exports/docx/writer/finishPackage.ts). (The streaming writer does not split pairs, but it writes sheetProtection after
 * dataValidations, out of schema order, and fixes column properties before the first row.)
 *
 * Those renderers are not in exceljs's typings, so they are looked up and checked at run time.
 */

interface PartOptions {
  name: string;
  base64?: boolean;
}

/** The part of exceljs's ZipWriter the renderers use. */
interface PartSink {
  append(data: unknown, options: PartOptions): void;
}

type Render = (zip: PartSink, model: unknown) => unknown;

/** The steps of exceljs 4.4 `XLSX#write`, in its order; sharedStrings must follow the worksheets. */
const renderSteps = [
  'addContentTypes',
  'addOfficeRels',
  'addWorkbookRels',
  'addWorksheets',
  'addSharedStrings',
  'addDrawings',
  'addTables',
  'addThemes',
  'addStyles',
  'addMedia',
  'addApp',
  'addCore',
  'addWorkbook',
] as const;

type XlsxRenderer = Record<(typeof renderSteps)[number], Render> & {
  prepareModel: (model: unknown, options: Record<string, never>) => void;
};

function rendererOf(workbook: Workbook): XlsxRenderer {
  const xlsx = workbook.xlsx as unknown as Record<string, unknown>;
  for (const name of ['prepareModel', ...renderSteps]) {
    if (typeof xlsx[name] !== 'function') {
      // Only an exceljs upgrade that renamed its internals gets here: a programming error.
      throw new Error(`exceljs XLSX#${name} is missing; writeXlsxPackage needs the exceljs 4.4 writer`);
    }
  }
  return xlsx as unknown as XlsxRenderer;
}

export async function writeXlsxPackage(workbook: Workbook): Promise<Buffer> {
  const xlsx = rendererOf(workbook);
  const parts: Zippable = {};
  const sink: PartSink = {
    append(data, { name, base64 }) {
      if (base64 === true && typeof data === 'string') parts[name] = Buffer.from(data, 'base64');
      // The whole part at once: Buffer.from encodes every surrogate pair as one 4-byte character.
      else if (typeof data === 'string') parts[name] = Buffer.from(data, 'utf8');
      else if (data instanceof Uint8Array) parts[name] = data;
      else if (data instanceof ArrayBuffer) parts[name] = new Uint8Array(data);
      else throw new Error(`exceljs gave part ${name} as ${typeof data}`);
    },
  };
  // `workbook.model` builds a fresh model on every read: take it once, as XLSX#write does.
  const model: unknown = workbook.model;
  xlsx.prepareModel(model, {});
  for (const step of renderSteps) await xlsx[step].call(xlsx, sink, model);
  const zipped = zipSync(parts, { level: 6 });
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
