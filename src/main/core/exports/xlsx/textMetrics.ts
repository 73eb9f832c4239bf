/**
 * Column widths and row heights for Chinese text. Excel measures a column in widths of the
 * digit 0; a Han character at 10.5–11 pt takes about two of them. Excel and WPS do not grow a
 * row for wrapped text written by a program, so the writers set each row's height from an
 * estimate of its line count.
 */

import { isWideChar } from '../../../../shared/domain/textWidth';

/** Width of one line of text in Excel column units. */
function lineWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    width += isWideChar(ch) ? 2 : 1.1;
  }
  return width;
}

/** Width of the widest line of a text. */
export function textWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, lineWidth(line));
  return max;
}

/** Lines a text takes when wrapped in a column of the given width. */
export function wrappedLines(text: string, columnWidth: number): number {
  if (text === '') return 1;
  // Leave a little room for the cell's padding.
  const usable = Math.max(1, columnWidth - 1.5);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(lineWidth(line) / usable));
  return lines;
}

/** Points per line at the body font size (10.5 pt), including leading. */
const LINE_HEIGHT = 14.25;
/** Excel's largest row height. */
const MAX_ROW_HEIGHT = 409;

/** Row height in points for cells whose texts wrap in columns of the given widths. */
export function rowHeightFor(cells: readonly { text: string; width: number }[], minLines = 1): number {
  let lines = minLines;
  for (const cell of cells) lines = Math.max(lines, wrappedLines(cell.text, cell.width));
  return Math.min(MAX_ROW_HEIGHT, Math.round(lines * LINE_HEIGHT + 6));
}

/** A width between min and max that fits the longest line of the sample, for a column. */
export function fitWidth(samples: Iterable<string>, min: number, max: number): number {
  let widest = 0;
  for (const s of samples) {
    widest = Math.max(widest, textWidth(s));
    if (widest >= max) break;
  }
  return Math.min(max, Math.max(min, Math.ceil(widest + 3)));
}
