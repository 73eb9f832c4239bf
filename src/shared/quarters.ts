/** Quarters as users read them (2025年第三季度) and as keys (2025Q3). */
export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  year: number;
  quarter: QuarterNumber;
}

const quarterNames = ['一', '二', '三', '四'] as const;

export function quarterLabel({ year, quarter }: Quarter): string {
  return `${year}年第${quarterNames[quarter - 1]}季度`;
}

export function quarterKey({ year, quarter }: Quarter): string {
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

/** Chinese numerals for category headings: 1 → 一 … 10 → 十. */
export function chineseNumeral(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n <= 10) return n === 10 ? '十' : digits[n] ?? String(n);
  if (n < 20) return `十${digits[n - 10] ?? ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)] ?? ''}十${n % 10 === 0 ? '' : digits[n % 10] ?? ''}`;
  return String(n);
}
