import { comparatorSchema } from '../../../../shared/domain/plan';
import type { Indicator } from '../../../../shared/domain/planView';
import type { DbIndicatorTarget } from '../../store/reportsStore';
import { targetText as formatTarget } from '../../../../shared/domain/targetText';
import { indicatorPath, keepsPace, meetsTarget, rateIndicator } from '../../../../shared/domain/progress';
import { targetOf } from '../roundProgress';

/**
 * Indicator arithmetic for the ledgers. Meeting a target, 应达值 and the pace come from the
 * progress rule (src/shared/domain/progress.ts), so a ledger never disagrees with the report page.
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
    standard: row.standard === 1,
  };
}

export const toIndicatorTarget = targetOf;

/** The target as a person reads it: the shared formatter (src/shared/domain/targetText.ts). */
export const targetText = (i: Indicator): string => formatTarget(i);

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
  const line = indicatorPath(target);
  const g = line ? { start: line.from, end: line.to, higherIsBetter: line.higherIsBetter } : null;
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

/** 是否达序: the value keeps its 序时进度 at `asOf` (the quarter's last day); null when unreported or not judgeable. */
export function isOnPace(i: Indicator, value: number | null, asOf: string): boolean | null {
  const { rating } = rateIndicator(toIndicatorTarget(i), value, asOf);
  if (rating === 'unreported' || rating === 'unjudged') return null;
  return keepsPace(rating);
}
