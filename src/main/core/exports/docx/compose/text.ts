/** Wording helpers shared by the composers: Chinese numerals, lists and status names. */

import { chineseNumeral } from '../../../../../shared/domain/numerals';
import { taskStatusLabels, type IndicatorRating, type TaskStatus } from '../../../../../shared/domain/progress';

export { chineseNumeral };

export const level1 = (n: number): string => `${chineseNumeral(n)}、`;
export const level2 = (n: number): string => `（${chineseNumeral(n)}）`;

export const statusLabels = taskStatusLabels;

/** "截至…末，该任务{statusPhrase}。" */
export const statusPhrase = (status: TaskStatus): string =>
  status === 'unreported'
    ? '尚未报送本季度进展情况'
    : status === 'overdue'
      ? '未在规定时限内报送进展情况'
      : statusLabels[status];

/**
 * What the indicators say, by the progress rule's ratings: "本季度报送8项，其中5项达到序时进度要求
 * （含已达标2项），2项未达到序时进度要求，1项因《方案》未明确基期值暂无法判断是否达到序时进度".
 * A value that cannot be judged is never counted as on pace.
 */
export function paceSummary(indicators: readonly { rating: IndicatorRating }[]): { reported: number; text: string } {
  const count = (r: IndicatorRating) => indicators.filter((i) => i.rating === r).length;
  const met = count('met');
  const onPace = met + count('onPace');
  const lagging = count('lagging');
  const unjudged = count('unjudged');
  const reported = indicators.length - count('unreported');
  const parts = [
    `${onPace}项达到序时进度要求${met > 0 && met < onPace ? `（含已达标${met}项）` : met > 0 ? '（均已达标）' : ''}`,
  ];
  if (lagging > 0) parts.push(`${lagging}项未达到序时进度要求`);
  if (unjudged > 0) parts.push(`${unjudged}项因《方案》未明确基期值暂无法判断是否达到序时进度`);
  return { reported, text: reported === 0 ? '本季度均未报送数据' : `本季度报送${reported}项，其中${parts.join('，')}` };
}

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
