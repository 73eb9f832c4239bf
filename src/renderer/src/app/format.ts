import { formatChinaDate, formatChinaDateTime } from '../../../shared/time';

/**
 * Dates and times on screen are China Standard Time, like the documents and messages, whatever
 * the browser's time zone (src/shared/time.ts).
 */

/** Dates as 2025年9月30日, the form users read in documents. */
export function formatDate(iso: string | null | undefined): string {
  return formatChinaDate(iso);
}

/** 2025年10月8日 14:03 */
export function formatDateTime(iso: string | null | undefined): string {
  return formatChinaDateTime(iso);
}
