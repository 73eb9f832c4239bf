import { describe, expect, it } from 'vitest';
import { expectedValue, isIndicatorLagging, meetsTarget } from '../../../src/shared/domain/progress';
import type { IndicatorTarget } from '../../../src/shared/domain/progress';

/** 约为55% (seed task 24): an approximate target, met within ±5 % of its value. */
const about55: IndicatorTarget = {
  comparator: 'approx',
  value: 55,
  value2: null,
  year: 2025,
  baseYear: null,
  baselineValue: 40,
  baselineYear: 2022,
};

describe('an approximate target (approx)', () => {
  it('is met near its value on either side, not far from it', () => {
    expect(meetsTarget(about55, 55)).toBe(true);
    expect(meetsTarget(about55, 53)).toBe(true);
    expect(meetsTarget(about55, 57.5)).toBe(true);
    expect(meetsTarget(about55, 51)).toBe(false);
    expect(meetsTarget(about55, 60)).toBe(false);
  });

  it('is paced from its baseline towards the value, like a goal to reach', () => {
    expect(expectedValue(about55, '2022-12-31')).toBeCloseTo(40, 5);
    expect(expectedValue(about55, '2025-12-31')).toBeCloseTo(55, 5);
    expect(isIndicatorLagging(about55, 41, '2024-12-31')).toBe(true);
    expect(isIndicatorLagging(about55, 52, '2024-12-31')).toBe(false);
  });

  it('is paced downwards when the baseline is above it', () => {
    const from70 = { ...about55, baselineValue: 70 };
    expect(isIndicatorLagging(from70, 69, '2024-12-31')).toBe(true);
    expect(isIndicatorLagging(from70, 58, '2024-12-31')).toBe(false);
  });
});
