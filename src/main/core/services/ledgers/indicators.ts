import { comparatorSchema } from '../../../../shared/domain/plan';
import type { Indicator } from '../../../../shared/domain/planView';
import type { DbIndicatorTarget } from '../../store/reportsStore';
import { expectedValue, isIndicatorLagging, meetsTarget, type IndicatorTarget } from '../../../../shared/workflow';

/**
 * Indicator arithmetic for the ledgers. Lagging and meeting a target come from the shared status
 * logic (shared/workflow/status.ts), so a ledger never disagrees with the report page.
 */

/** An indicator row as the shared Indicator (without its source sentence, which these reads skip). */
export function indicatorFromRow(row: DbIndicatorTarget, taskId: number): Indicator {
  return {
    id: row.id,
    taskId,
    metric: row.metric,
    comparator: comparatorSchema.parse(row.comparator),
    value: row.value,
    value2: row.value2,
    unit: row.unit,
    year: row.year,
    baseYear: row.base_year,
    sourceText: '',
    baselineValue: row.baseline_value,
    baselineYear: row.baseline_year,
  };
}

export function toIndicatorTarget(i: Indicator): IndicatorTarget {
  return {
    comparator: i.comparator,
    value: i.value,
    value2: i.value2,
    year: i.year,
    baseYear: i.baseYear,
    baselineValue: i.baselineValue,
    baselineYear: i.baselineYear,
  };
}

/** The target as a person reads it: ≥ 6个（2025年）, 1—3%, 较2020年下降20%（2025年）. */
export function targetText(i: Indicator): string {
  const year = i.year === null ? '' : `（${i.year}年）`;
  switch (i.comparator) {
    case 'gte':
      return `≥ ${i.value}${i.unit}${year}`;
    case 'gt':
      return `> ${i.value}${i.unit}${year}`;
    case 'lte':
      return `≤ ${i.value}${i.unit}${year}`;
    case 'lt':
      return `< ${i.value}${i.unit}${year}`;
    case 'eq':
      return `${i.value}${i.unit}${year}`;
    case 'approx':
      return `约 ${i.value}${i.unit}${year}`;
    case 'range':
      return `${i.value}—${i.value2 ?? i.value}${i.unit}${year}`;
    case 'fromTo':
      return `由${i.value}${i.unit}至${i.value2 ?? i.value}${i.unit}${year}`;
    case 'decreaseBy':
      return `较${i.baseYear ?? i.baselineYear ?? '基期'}年下降${i.value}%${year}`;
  }
}

/** Where the indicator must get to, and which way is better. */
function goal(i: Indicator): { start: number | null; end: number; higherIsBetter: boolean } | null {
  switch (i.comparator) {
    case 'gte':
    case 'gt':
    case 'eq':
    case 'approx':
      return { start: i.baselineValue, end: i.value, higherIsBetter: true };
    case 'lte':
    case 'lt':
      return { start: i.baselineValue, end: i.value, higherIsBetter: false };
    case 'fromTo': {
      const end = i.value2 ?? i.value;
      return { start: i.value, end, higherIsBetter: end >= i.value };
    }
    case 'decreaseBy':
      return i.baselineValue === null ? null : { start: i.baselineValue, end: i.baselineValue * (1 - i.value / 100), higherIsBetter: false };
    case 'range':
      if (i.baselineValue === null) return null;
      return i.baselineValue < i.value
        ? { start: i.baselineValue, end: i.value, higherIsBetter: true }
        : { start: i.baselineValue, end: i.value2 ?? i.value, higherIsBetter: false };
  }
}

/**
 * 完成率 as a fraction (1 = 100%). With a baseline: the share of the way from the baseline to the
 * target covered so far ((value − baseline) ÷ (target − baseline)); without one: value ÷ target for
 * a "reach at least" target, and for a "keep below" target 100% when met, else target ÷ value.
 * A met target is at least 100%. Null when there is no value or nothing to divide by.
 */
export function completionRate(i: Indicator, value: number | null): number | null {
  if (value === null) return null;
  const target = toIndicatorTarget(i);
  const met = meetsTarget(target, value);
  const g = goal(i);
  let rate: number | null = null;
  // A baseline only helps when it lies short of the target; one already past it gives no line.
  const towards = g !== null && g.start !== null && (g.higherIsBetter ? g.end > g.start : g.end < g.start);
  if (g && towards && g.start !== null) {
    rate = (value - g.start) / (g.end - g.start);
  } else if (g && g.higherIsBetter && g.end !== 0) {
    rate = value / g.end;
  } else if (g && !g.higherIsBetter && value !== 0) {
    rate = met ? 1 : g.end / value;
  } else if (met) {
    rate = 1;
  }
  if (rate === null || !Number.isFinite(rate)) return met ? 1 : null;
  rate = Math.max(0, rate);
  return met ? Math.max(1, rate) : Math.min(rate, 0.999);
}

/** 是否达序: the value keeps the time-proportional pace at `asOf` (the quarter's last day). */
export function isOnPace(i: Indicator, value: number | null, asOf: string): boolean | null {
  if (value === null) return null;
  const target = toIndicatorTarget(i);
  if (meetsTarget(target, value)) return true;
  // Without a line to follow and before the target year, the pace cannot be judged.
  if (expectedValue(target, asOf) === null && (i.year === null || asOf < `${i.year}-12-31`)) return null;
  return !isIndicatorLagging(target, value, asOf);
}
