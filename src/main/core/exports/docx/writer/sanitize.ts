import { xmlSafe } from '../../../../../shared/domain/xmlText';

/**
 * Every string a user typed passes through here before it reaches the XML. docx escapes markup,
 * but it still writes U+FFFE/U+FFFF and needs help with line breaks, tabs and the invisible junk
 * that comes with text pasted from Word or WPS (U+000B is Word's manual line break).
 */

// Legal but invisible: C1 controls, zero-width space, BOM, bidi overrides.
const INVISIBLE = /[\u007F-\u009F\u200B\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** The text with illegal characters removed ; line breaks (\r\n, \r, \v, \f, U+2028/2029) become \n. */
export function sanitizeText(value: string): string {
  // eslint-disable-next-line no-control-regex -- Word's manual line break is U+000B
  const lines = value.replace(/\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g, '\n');
  return xmlSafe(lines).replace(INVISIBLE, '');
}

/** The sanitized text as one line: breaks and tabs become spaces, runs of spaces collapse. */
export function sanitizeLine(value: string): string {
  return sanitizeText(value)
    .replace(/[\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The sanitized text split into paragraphs: one per line, blank lines dropped, ends trimmed. */
export function toParagraphTexts(value: string): string[] {
  return sanitizeText(value)
    .split('\n')
    .map((line) => line.replace(/^[ \u3000\t]+|[ \u3000\t]+$/g, ''))
    .filter((line) => line.length > 0);
}
