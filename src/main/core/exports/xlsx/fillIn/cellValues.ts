import type { Cell } from 'exceljs';
import { parseReportedNumber } from '../../../../../shared/domain/indicatorInput';
import { safeText } from '../safeCell';

/**
 * Reading what a user typed, as Excel, WPS or LibreOffice saved it. Text may come back as a plain
 * string, rich text or a hyperlink; a number may come back as a number or, from a Text-formatted
 * cell, as a string. A problem is returned as a Chinese reason, and the caller names the cell.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The text of a cell. A formula is refused: a fill-in field holds what the unit wrote. */
export function readText(cell: Cell): Read<string> {
  const v: unknown = cell.value;
  if (v === null || v === undefined) return { ok: true, value: '' };
  if (typeof v === 'string') return { ok: true, value: clean(v) };
  if (typeof v === 'number' || typeof v === 'boolean') return { ok: true, value: String(v) };
  if (v instanceof Date) return { ok: true, value: v.toISOString().slice(0, 10) };
  if (isObject(v)) {
    if (Array.isArray(v.richText)) {
      const text = (v.richText as unknown[])
        .map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : ''))
        .join('');
      return { ok: true, value: clean(text) };
    }
    if ('formula' in v || 'sharedFormula' in v) return { ok: false, reason: '填写的是公式，请直接填写文字' };
    if (typeof v.text === 'string') return { ok: true, value: clean(v.text) };
    if ('error' in v) return { ok: false, reason: '单元格显示错误值，请重新填写' };
  }
  return { ok: false, reason: '无法识别单元格内容，请重新填写' };
}

function clean(text: string): string {
  return safeText(text).trim();
}

/**
 * A number from a cell, or null for an empty cell. Text goes through the shared parser
 * (src/shared/domain/indicatorInput.ts): full-width digits, thousands separators and the indicator's
 * own unit are accepted; anything else ("约150") is refused, so a value is never guessed.
 */
export function readNumber(cell: Cell, unit = ''): Read<number | null> {
  const v: unknown = cell.value;
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: '不是有效数字' };
  let text: string | undefined;
  if (typeof v === 'string') text = v;
  else if (isObject(v)) {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = v.result;
      if (typeof result === 'number' && Number.isFinite(result)) return { ok: true, value: result };
      return { ok: false, reason: '填写的是公式且没有计算结果，请直接填写数字' };
    }
    if (Array.isArray(v.richText))
      text = (v.richText as unknown[]).map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : '')).join('');
  }
  if (text === undefined) return { ok: false, reason: '不是数字' };
  const parsed = parseReportedNumber(safeText(text), unit);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: parsed.reason };
}
