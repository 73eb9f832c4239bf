import { isWideChar } from '../../../../../shared/domain/textWidth';

/**
 * Width of text in 汉字 (em) units: wide characters (src/shared/domain/textWidth.ts) are one,
 * Latin letters, digits and ASCII punctuation half (Times New Roman digits are 0.5 em). Used to
 * break titles and to line the signature up with the date; an estimate, not a shaping engine.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWideChar(char) ? 1 : 0.5;
  return width;
}
