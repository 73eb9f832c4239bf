/**
 * Times as users in the district read them: China Standard Time (Asia/Shanghai, UTC+8 all year,
 * no daylight saving), whatever the time zone of the machine or browser. Every screen, message,
 * document and ledger formats instants through these functions, so 17:09 on the screen and
 * 17:09 in the Word file are the same moment.
 */

const chinaOffsetMs = 8 * 3_600_000;

interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The calendar parts in China Standard Time, or null for an unreadable value. */
function chinaParts(iso: string): ChinaParts | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const t = new Date(ms + chinaOffsetMs);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2025年9月30日; '—' for a missing or unreadable value. A date without a time is that day. */
export function formatChinaDate(iso: string | null | undefined): string {
  const p = iso ? chinaParts(iso) : null;
  return p ? `${p.year}年${p.month}月${p.day}日` : '—';
}

/** 2025年10月8日 14:03; '—' for a missing or unreadable value. */
export function formatChinaDateTime(iso: string | null | undefined): string {
  const p = iso ? chinaParts(iso) : null;
  return p ? `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}` : '—';
}

/** The day in China Standard Time as 2025-10-08 (file names, document dates). */
export function chinaIsoDate(iso: string): string {
  return new Date(Date.parse(iso) + chinaOffsetMs).toISOString().slice(0, 10);
}

/** The calendar year in China Standard Time. */
export function chinaYearOf(iso: string): number {
  return new Date(Date.parse(iso) + chinaOffsetMs).getUTCFullYear();
}
