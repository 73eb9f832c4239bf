import type { TaskStatus } from '../domain/ledgers';
import { approxTolerance } from '../domain/plan';
import type { Comparator } from '../domain/plan';

/**
 * Status of a task (or project) in a quarter, computed from what was reported. Pure, so the UI,
 * the ledgers and the documents all say the same thing:
 *   超期未报 overdue  — the deadline has passed with no submission by the deadline;
 *   已完成 done       — the unit declared it finished, or every indicator meets its target;
 *   进度滞后 lagging  — an indicator's value is behind the time-proportional pace from its baseline
 *                       (end of the baseline year) to its target (end of the target year);
 *   正常推进 onTrack  — otherwise (including "not yet due").
 */

export interface IndicatorTarget {
  comparator: Comparator;
  value: number;
  value2: number | null;
  /** Year the target is due. */
  year: number | null;
  baseYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
}

const epsilon = 1e-9;

/** Days from 1970-01-01 to an ISO date (YYYY-MM-DD), counted in whole days. */
function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

const yearEnd = (year: number): number => dayNumber(`${year}-12-31`);

/** Where the indicator starts and where it must get to, and which way is better. */
function path(target: IndicatorTarget): { from: number | null; fromYear: number | null; to: number; higherIsBetter: boolean } | null {
  const baseline = target.baselineValue;
  const baselineYear = target.baselineYear ?? target.baseYear;
  switch (target.comparator) {
    case 'gte':
    case 'gt':
    case 'eq':
      return { from: baseline, fromYear: baselineYear, to: target.value, higherIsBetter: true };
    case 'approx':
      return { from: baseline, fromYear: baselineYear, to: target.value, higherIsBetter: baseline === null || baseline <= target.value };
    case 'lte':
    case 'lt':
      return { from: baseline, fromYear: baselineYear, to: target.value, higherIsBetter: false };
    case 'fromTo': {
      if (target.value2 === null) return null;
      return { from: target.value, fromYear: baselineYear, to: target.value2, higherIsBetter: target.value2 >= target.value };
    }
    case 'decreaseBy':
      if (baseline === null) return null;
      return { from: baseline, fromYear: baselineYear, to: baseline * (1 - target.value / 100), higherIsBetter: false };
    case 'range': {
      const low = target.value;
      const high = target.value2 ?? target.value;
      if (baseline === null || (baseline >= low && baseline <= high)) return null;
      return baseline < low
        ? { from: baseline, fromYear: baselineYear, to: low, higherIsBetter: true }
        : { from: baseline, fromYear: baselineYear, to: high, higherIsBetter: false };
    }
  }
}

/** Whether `value` meets the target itself (not the pace). */
export function meetsTarget(target: IndicatorTarget, value: number): boolean {
  switch (target.comparator) {
    case 'gte':
      return value >= target.value - epsilon;
    case 'gt':
      return value > target.value;
    case 'lte':
      return value <= target.value + epsilon;
    case 'lt':
      return value < target.value;
    case 'eq':
      return Math.abs(value - target.value) <= epsilon;
    case 'approx':
      return Math.abs(value - target.value) <= Math.abs(target.value) * approxTolerance + epsilon;
    case 'range':
      return value >= target.value - epsilon && value <= (target.value2 ?? target.value) + epsilon;
    case 'fromTo': {
      const goal = target.value2 ?? target.value;
      return goal >= target.value ? value >= goal - epsilon : value <= goal + epsilon;
    }
    case 'decreaseBy':
      return target.baselineValue !== null && value <= target.baselineValue * (1 - target.value / 100) + epsilon;
  }
}

/**
 * The value the indicator should have reached by `asOf` (ISO date) on a straight line from its
 * baseline to its target; null when the plan gives no baseline or no dates to draw the line.
 */
export function expectedValue(target: IndicatorTarget, asOf: string): number | null {
  const line = path(target);
  if (!line || line.from === null || line.fromYear === null || target.year === null) return null;
  const start = yearEnd(line.fromYear);
  const end = yearEnd(target.year);
  if (end <= start) return line.to;
  const fraction = Math.min(1, Math.max(0, (dayNumber(asOf) - start) / (end - start)));
  return line.from + fraction * (line.to - line.from);
}

/** Behind the pace (or, past the target year without a line to follow, short of the target). */
export function isIndicatorLagging(target: IndicatorTarget, value: number | null, asOf: string): boolean {
  if (value === null) return false;
  if (meetsTarget(target, value)) return false;
  const expected = expectedValue(target, asOf);
  if (expected === null) {
    return target.year !== null && dayNumber(asOf) >= yearEnd(target.year);
  }
  const line = path(target);
  if (!line) return false;
  return line.higherIsBetter ? value < expected - epsilon : value > expected + epsilon;
}

/** The deadline is a date in China Standard Time; it ends at 24:00 that day (UTC+8). */
export function deadlineEndIso(deadline: string): string {
  return new Date(Date.parse(`${deadline}T00:00:00+08:00`) + 86_400_000).toISOString();
}

export function isPastDeadline(deadline: string, nowIso: string): boolean {
  return Date.parse(nowIso) >= Date.parse(deadlineEndIso(deadline));
}

export interface StatusInput {
  /** Round deadline (ISO date, China time). */
  deadline: string;
  /** Last day of the quarter (ISO date): the pace is measured there. */
  quarterEnd: string;
  /** Now, ISO timestamp. */
  now: string;
  /** First submission of the report for this quarter, ISO timestamp, or null. */
  firstSubmittedAt: string | null;
  completed: boolean;
  indicators: readonly { target: IndicatorTarget; value: number | null }[];
}

export function computeTaskStatus(input: StatusInput): TaskStatus {
  const submittedInTime =
    input.firstSubmittedAt !== null && Date.parse(input.firstSubmittedAt) < Date.parse(deadlineEndIso(input.deadline));
  if (!submittedInTime && isPastDeadline(input.deadline, input.now)) return 'overdue';
  if (input.firstSubmittedAt === null) return 'onTrack';
  const withValues = input.indicators.filter((i) => i.value !== null);
  if (input.completed) return 'done';
  if (
    input.indicators.length > 0 &&
    withValues.length === input.indicators.length &&
    withValues.every((i) => i.value !== null && meetsTarget(i.target, i.value))
  ) {
    return 'done';
  }
  if (withValues.some((i) => isIndicatorLagging(i.target, i.value, input.quarterEnd))) return 'lagging';
  return 'onTrack';
}
