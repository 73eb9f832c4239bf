import { chineseNumeral } from './domain/numerals';

/** Quarters as users read them (2025年第三季度) and as keys (2025Q3). */
export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  year: number;
  quarter: QuarterNumber;
}

/** 2025年第三季度 (a quarter number outside 1–4 is written as given). */
export function quarterLabel({ year, quarter }: { year: number; quarter: number }): string {
  return `${year}年第${chineseNumeral(quarter)}季度`;
}

export function quarterKey({ year, quarter }: { year: number; quarter: number }): string {
  return `${year}Q${quarter}`;
}

/** Parse `2025Q3` (or `2025-Q3`, `2025q3`); null when it is not a quarter. */
export function parseQuarterKey(key: string): Quarter | null {
  const match = /^(\d{4})-?[Qq]([1-4])$/.exec(key.trim());
  if (!match) return null;
  return { year: Number(match[1]), quarter: Number(match[2]) as QuarterNumber };
}

/** The quarter's last day, as an ISO date (2025-09-30). */
export function quarterEndDate({ year, quarter }: Quarter): string {
  const month = quarter * 3;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function nextQuarter({ year, quarter }: Quarter): Quarter {
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (quarter + 1) as QuarterNumber };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.quarter - b.quarter;
}

export { chineseNumeral } from './domain/numerals';
