import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Whether a character takes a full (double) width in Chinese typesetting: Unicode's East Asian
 * Width (get-east-asian-width), with the ambiguous ones — “ ” — … ≥ ≤ ‰ — wide, as 宋体 and
 * 仿宋 draw them. Documents measure titles with it and ledgers size columns with it.
 */
export function isWideChar(char: string): boolean {
  return eastAsianWidth(char.codePointAt(0) ?? 0, { ambiguousAsWide: true }) === 2;
}
