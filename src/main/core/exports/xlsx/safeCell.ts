import { xmlSafe } from '../../../../shared/domain/xmlText';

/**
 * Every string that goes into a cell passes through here. Excel and WPS refuse a workbook whose
 * XML holds control characters, cut a cell at 32,767 characters, and turn text that starts with
 * = + - @ into a formula when a user re-enters the cell. The writers store strings as string
 * cells (never `{ formula }`) and give every text style the Text number format ('@'), so such text
 * stays text; this module cleans the characters and caps the length.
 */

/** Excel's limit on the characters in one cell (UTF-16 code units). */
export const MAX_CELL_CHARS = 32_767;

/** Appended when a text had to be cut so that the reader knows it is not the whole text. */
export const TRUNCATION_MARK = '…（内容过长，已截断）';

/** The Text number format: what the user types in such a cell is kept as text. */
export const TEXT_FORMAT = '@';

/** True when a spreadsheet would read the text as a formula if it were typed in. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Clean a text for a cell: control characters out, line breaks as \n, at most 32,767 characters. */
export function safeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const cleaned = xmlSafe(value.replace(/\r\n?/g, '\n'));
  if (cleaned.length <= MAX_CELL_CHARS) return cleaned;
  let cut = MAX_CELL_CHARS - TRUNCATION_MARK.length;
  // Do not split a surrogate pair.
  const last = cleaned.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return cleaned.slice(0, cut) + TRUNCATION_MARK;
}

/** A number for a cell, or null for nothing; NaN and infinities are not numbers a sheet can hold. */
export function safeNumber(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
