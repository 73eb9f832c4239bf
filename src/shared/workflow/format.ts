import { chinaYearOf, formatChinaDateTime } from '../time';

/** Times as users in the district read them: China Standard Time, 2025年10月8日 14:03. */
export function formatChinaTime(iso: string): string {
  return formatChinaDateTime(iso);
}

/** The calendar year in China Standard Time (archive numbers run per year). */
export function chinaYear(iso: string): number {
  return chinaYearOf(iso);
}

/** 张三（区社会事业局） or 张三 when the user has no unit. */
export function personLabel(name: string, unit: string | null): string {
  return unit ? `${name}（${unit}）` : name;
}

/**
 * Fill an archive-number pattern. Tokens: {year}, {seq}, and {seq:N} for N digits with leading
 * zeros, e.g. `郑经儿童专班〔{year}〕{seq}号` → 郑经儿童专班〔2025〕3号.
 */
export function formatArchiveNo(pattern: string, year: number, seq: number): string {
  return pattern
    .replace(/\{year\}/g, String(year))
    .replace(/\{seq(?::(\d+))?\}/g, (_m, width: string | undefined) =>
      width ? String(seq).padStart(Number(width), '0') : String(seq),
    );
}

export function isValidArchivePattern(pattern: string): boolean {
  return /\{seq(?::\d+)?\}/.test(pattern);
}
