/**
 * Character-level clean-up of plan text. Printed plans come out of PDF/Word with numerals set
 * apart by spaces ("到 2025 年"), full-width digits, and mixed half/full-width punctuation; the
 * parser works on one spelling of each.
 */

/** Han characters and CJK/full-width punctuation. */
const CJK =
  '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\u3000-\\u303F\\uFF00-\\uFFEF\\u201C\\u201D\\u2018\\u2019\\u2014\\u2026\\u00B7';
/** Characters of numbers, measures and Latin words. */
const NUMERIC = '0-9A-Za-z%‰.+/';

const spaceBetweenNumericAndCjk = new RegExp(`([${NUMERIC}])[ \\t]+(?=[${CJK}])`, 'g');
const spaceBetweenCjkAndNumeric = new RegExp(`([${CJK}])[ \\t]+(?=[${NUMERIC}])`, 'g');
const spaceAroundDash = /(\d)[ \t]*([—–~～-])[ \t]*(?=\d)/g;
const spaceBetweenCjk = new RegExp(`([${CJK}])[ \\t]+(?=[${CJK}])`, 'g');

/** Full-width ASCII (digits, letters, ％) to half-width; odd spaces to plain spaces. */
export function foldWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d)．(?=\d)/g, '$1.')
    .replace(/[\u00A0\u2002-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '');
}

/**
 * Removes the spaces typesetting put around numbers and Latin words next to Chinese text, and
 * collapses runs of spaces. Spaces between two Chinese characters are kept: some are meaningful
 * (“心中有祖国 心中有他人”).
 */
export function tidySpacing(text: string): string {
  // Every rule below needs a space or tab; most titles and unit names have none.
  if (!/[ \t]/.test(text)) return text.trim();
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(spaceAroundDash, '$1$2')
    .replace(spaceBetweenNumericAndCjk, '$1')
    .replace(spaceBetweenCjkAndNumeric, '$1')
    .trim();
}

/** For titles and unit names, where every space is a line-wrap artefact. */
export function squeezeSpaces(text: string): string {
  return tidySpacing(text).replace(spaceBetweenCjk, '$1');
}

/** Unit names: full-width parentheses, no spaces. */
export function canonicalUnitSpelling(name: string): string {
  return squeezeSpaces(name)
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/\s+/g, '')
    .replace(/^[、，,；;：:。.]+|[、，,；;：:。.]+$/g, '');
}

const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 to a number; null for anything else. */
export function chineseNumeral(text: string): number | null {
  if (!/^[一二三四五六七八九十]+$/.test(text)) return null;
  if (text === '十') return 10;
  const tenAt = text.indexOf('十');
  if (tenAt < 0) return text.length === 1 ? (chineseDigits[text] ?? null) : null;
  const tens = tenAt === 0 ? 1 : (chineseDigits[text.slice(0, tenAt)] ?? NaN);
  const onesText = text.slice(tenAt + 1);
  const ones = onesText === '' ? 0 : (chineseDigits[onesText] ?? NaN);
  const value = tens * 10 + ones;
  return Number.isFinite(value) ? value : null;
}
