import type { IndicatorTarget } from './progress';

/**
 * Indicator values as people type them: full-width digits (６), thousands separators (1,234 or
 * 1，234), and the indicator's own unit after the number (12个, 85%). Anything else ("约150",
 * "150-160") is refused rather than guessed. One parser for the editor and the fill-in sheets.
 */

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; reason: string };

const FULL_WIDTH = /[０-９．－＋，％]/g;

/** Full-width digits and marks to their ASCII forms (，→ , and ％→ %). */
export function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => {
    if (c === '，') return ',';
    if (c === '％') return '%';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

export function parseReportedNumber(text: string, unit = ''): ParsedNumber {
  let plain = halfWidth(text).replace(/\s+/g, '');
  if (plain === '') return { ok: true, value: null };
  const unitText = halfWidth(unit).replace(/\s+/g, '');
  if (unitText && plain.endsWith(unitText) && plain.length > unitText.length) plain = plain.slice(0, -unitText.length);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain)) plain = plain.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) {
    const shown = text.trim().slice(0, 20);
    return {
      ok: false,
      reason: `「${shown}」不是数字，请只填写数字（如 157 或 2.5）${unitText ? `，单位「${unitText}」可写可不写` : ''}`,
    };
  }
  const n = Number(plain);
  return Number.isFinite(n)
    ? { ok: true, value: n }
    : { ok: false, reason: `「${text.trim().slice(0, 20)}」不是有效数字` };
}

/**
 * Why a value is implausible for its indicator, or null when it is plausible. A negative value is
 * never plausible; a percentage above 100, or a value more than ten times the largest number the
 * plan names (target or baseline), is probably a typo: it is accepted only with a note that says why.
 */
export function implausibility(
  target: Pick<IndicatorTarget, 'value' | 'value2' | 'baselineValue'>,
  unit: string,
  value: number,
): { refused: boolean; reason: string } | null {
  if (value < 0) return { refused: true, reason: '不能为负数' };
  if (halfWidth(unit).trim() === '%' && value > 100) {
    return { refused: false, reason: '超过 100%' };
  }
  const scale = Math.max(Math.abs(target.value), Math.abs(target.value2 ?? 0), Math.abs(target.baselineValue ?? 0));
  if (scale > 0 && value > scale * 10) {
    return { refused: false, reason: `超过《方案》所列数值（${scale}）的 10 倍` };
  }
  return null;
}
