/** Wording helpers shared by the composers: Chinese numerals, lists and status names. */

import type { TaskStatus } from './inputs';

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五, 100 → 一百 (up to 999). */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 999) return String(value);
  if (value < 10) return digits[value] ?? '';
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const ones = value % 10;
  let result = hundreds > 0 ? `${digits[hundreds]}百` : '';
  if (tens > 0) result += `${hundreds === 0 && tens === 1 ? '' : digits[tens]}十`;
  else if (hundreds > 0 && ones > 0) result += '零';
  if (ones > 0) result += digits[ones];
  return result;
}

export const level1 = (n: number): string => `${chineseNumeral(n)}、`;
export const level2 = (n: number): string => `（${chineseNumeral(n)}）`;
export const level3 = (n: number): string => `${n}.`;

export const statusLabels: Record<TaskStatus, string> = {
  done: '已完成',
  onTrack: '正常推进',
  lagging: '进度滞后',
  overdue: '超期未报',
};

export const quarterName = (quarter: number): string => `第${chineseNumeral(quarter)}季度`;

/** Units joined the way official text lists them: 区社会事业局、区教育局. */
export const unitList = (units: string[]): string => units.filter((unit) => unit.trim()).join('、');

/** Text ending in exactly one sentence-final mark. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[，、；;,]+$/, '');
  if (!trimmed) return '';
  return /[。！？!?）」”]$/.test(trimmed) ? trimmed : `${trimmed}。`;
}

/** Text in double quotation marks; quotes inside become single ones (GB/T 15834: “…‘…’…”). */
export const quoted = (text: string): string => `“${text.trim().replace(/“/g, '‘').replace(/”/g, '’')}”`;

/** "第8项“大力发展普惠托育服务”". */
export const taskRef = (no: number, title: string): string => `第${no}项${quoted(title)}`;

/** The next quarter after the round's, e.g. 2025 Q4 → 2026年第一季度. */
export function nextQuarter(year: number, quarter: number): string {
  return quarter >= 4 ? `${year + 1}年${quarterName(1)}` : `${quarterName(quarter + 1)}`;
}
