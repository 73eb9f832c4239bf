import type { ParsedPlan, PlanDiff } from '../../../shared/domain/plan';
import type { UnitSpec } from '../../../shared/domain/units';
import { LuoshiError } from '../../../shared/errors';
import { looksLikeZip, readBoundedZip } from '../files/boundedZip';
import { checkSize, decodeSource } from './decode';
import { isTaskTable } from './layouts/table';
import { docxGrid, missingSheet, readDocxContent, readXlsxGrids } from './tables';
import { diffPlans as diff } from './diff';
import { parseTables, parseText } from './parse';
import { seedUnitDirectory } from './seedDirectory';
import type { ParseResult, PlanSource } from './types';

/**
 * The plan importer: a work plan document (.txt in UTF-8/GBK, or .docx) to a ParsedPlan whose
 * units are canonical names of the unit directory. Pure: it reads bytes and writes nothing.
 */
export type { ParseResult, PlanSource } from './types';
export { maxSourceBytes } from './decode';
export { seedPlanFile, seedPlanFileName, seedPlanPath } from './seed';
export { resolveCorrectedUnits } from './corrected';

/**
 * Decode (.txt UTF-8/GBK, .docx, .xlsx), parse, resolve units. A .docx whose tasks are a table
 * (序号 | 任务 | 牵头单位 | 责任单位 …) and an .xlsx task list are read by their columns; any
 * other .docx as text. Throws LuoshiError('invalid_input') for bad input.
 */
export async function parsePlanSource(source: PlanSource, directory: readonly UnitSpec[]): Promise<ParseResult> {
  const { fileName, bytes } = source;
  checkSize(fileName, bytes);
  if (looksLikeZip(bytes) || /\.(docx|xlsx)$/i.test(fileName)) {
    const kind = zipKind(bytes, fileName);
    if (kind === 'xlsx') {
      const { sheets } = await readXlsxGrids(bytes, fileName);
      const names = sheets.map((s) => s.name);
      // The sheet the user picked; by default the first sheet that holds a task list.
      const sheet =
        source.sheet === undefined
          ? (sheets.find((s) => isTaskTable(s.grid)) ?? sheets[0])
          : sheets.find((s) => s.name === source.sheet);
      if (!sheet) throw missingSheet(fileName, names, source.sheet);
      return { ...parseTables([sheet.grid], [], directory, fileName), sheets: names, sheet: sheet.name };
    }
    if (kind === 'docx') {
      const content = readDocxContent(bytes, fileName);
      const grids = content.tables
        .map((t, i) => docxGrid(t.rows, `文件“${fileName}”的第 ${i + 1} 个表格`))
        .filter(isTaskTable);
      if (grids.length > 0) {
        const before = content.tables.find((t) => isTaskTable(docxGrid(t.rows, '')))?.before ?? 0;
        return parseTables(
          grids,
          content.paragraphs.slice(0, before).filter((p) => p.trim() !== ''),
          directory,
          fileName,
        );
      }
    }
  }
  const text = await decodeSource(fileName, bytes);
  return parseText(text, directory, fileName);
}

/** Which Office file a zip is, by its parts; null when it is neither (decodeSource then refuses it). */
function zipKind(bytes: Uint8Array, fileName: string): 'docx' | 'xlsx' | null {
  if (!looksLikeZip(bytes)) return null;
  const { names } = readBoundedZip(bytes, { fileName, field: 'file', keep: () => false });
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.includes('word/document.xml')) return 'docx';
  throw new LuoshiError(
    'invalid_input',
    `文件“${fileName}”是压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件，无法导入。`,
    'file',
  );
}

/** Same for already-decoded text (tests, CLI). */
export function parsePlanText(text: string, directory: readonly UnitSpec[], fileName = '工作方案.txt'): ParseResult {
  return parseText(text, directory, fileName);
}

/** The directory shipped for the seed district: canonical units, aliases, sub-units, groups 各办事处 / 各成员单位. */
export function defaultUnitDirectory(): UnitSpec[] {
  return seedUnitDirectory();
}

/**
 * The directory to parse against: the stored one, or on first run (nothing stored yet) the
 * seed district's directory, so the seed's aliases and sub-units apply to the first import.
 */
export function directoryForImport(stored: readonly UnitSpec[]): UnitSpec[] {
  return stored.length > 0 ? [...stored] : defaultUnitDirectory();
}

/** Difference between the stored plan and a revised one: tasks added/removed/changed (by task no), units changed. */
export function diffPlans(before: ParsedPlan, after: ParsedPlan): PlanDiff {
  return diff(before, after);
}
