import { describe, expect, it } from 'vitest';
import {
  computeWarningLevel,
  countWarnings,
  daysUntilDeadline,
  defaultWarningRules,
  effectiveDeadline,
  shortfallPercent,
  type IndicatorTarget,
  type WarningInput,
} from '../../../src/shared/domain/progress';

// 每千人口托位数: 2 at the end of 2022, at least 6 by the end of 2025 (so 6 is due at 2025-12-31).
const nurseries: IndicatorTarget = {
  comparator: 'gte',
  value: 6,
  value2: null,
  year: 2025,
  baseYear: null,
  baselineValue: 2,
  baselineYear: 2022,
};
// 龋患率: at most 25 % by 2025.
const caries: IndicatorTarget = {
  comparator: 'lte',
  value: 25,
  value2: null,
  year: 2025,
  baseYear: null,
  baselineValue: 40,
  baselineYear: 2022,
};

const base: WarningInput = {
  status: 'unreported',
  deadline: '2026-01-10',
  now: '2026-01-01T02:00:00Z',
  quarterEnd: '2025-12-31',
  indicators: [],
  rules: defaultWarningRules,
};
const lagging = (value: number, target = nurseries): WarningInput => ({
  ...base,
  status: 'lagging',
  indicators: [{ target, value }],
});

describe('三色预警: days before the deadline', () => {
  it('counts calendar days in China time, 0 on the deadline itself', () => {
    // 2026-01-06 23:59 China time = 15:59 UTC: four days left.
    expect(daysUntilDeadline('2026-01-10', '2026-01-06T15:59:00Z')).toBe(4);
    // 2026-01-07 00:00 China time = 2026-01-06 16:00 UTC: three days left.
    expect(daysUntilDeadline('2026-01-10', '2026-01-06T16:00:00Z')).toBe(3);
    expect(daysUntilDeadline('2026-01-10', '2026-01-10T10:00:00Z')).toBe(0);
  });

  it('is green with more than N days left, yellow from N days to the deadline day, red once overdue', () => {
    expect(computeWarningLevel({ ...base, now: '2026-01-06T15:59:00Z' })).toBe('green');
    expect(computeWarningLevel({ ...base, now: '2026-01-06T16:00:00Z' })).toBe('yellow');
    expect(computeWarningLevel({ ...base, now: '2026-01-10T15:59:00Z' })).toBe('yellow');
    expect(computeWarningLevel({ ...base, status: 'overdue', now: '2026-01-10T16:00:00Z' })).toBe('red');
    // N is a setting: with 0, only the deadline day itself is yellow.
    const zero = { ...defaultWarningRules, dueSoonDays: 0 };
    expect(computeWarningLevel({ ...base, rules: zero, now: '2026-01-09T10:00:00Z' })).toBe('green');
    expect(computeWarningLevel({ ...base, rules: zero, now: '2026-01-10T10:00:00Z' })).toBe('yellow');
  });

  it('a report that counts is not yellow for its deadline: done and on track are green', () => {
    expect(computeWarningLevel({ ...base, status: 'done', now: '2026-01-09T10:00:00Z' })).toBe('green');
    expect(computeWarningLevel({ ...base, status: 'onTrack', now: '2026-01-09T10:00:00Z' })).toBe('green');
  });
});

describe('三色预警: margin behind 应达值', () => {
  it('measures the shortfall in percent of the 应达值', () => {
    expect(shortfallPercent(nurseries, 5.4, '2025-12-31')).toBeCloseTo(10, 9);
    expect(shortfallPercent(nurseries, 6.5, '2025-12-31')).toBe(0);
    expect(shortfallPercent(caries, 27.5, '2025-12-31')).toBeCloseTo(10, 9);
  });

  it('is yellow up to the margin and red beyond it, for rising and falling targets', () => {
    expect(computeWarningLevel(lagging(5.9))).toBe('yellow');
    expect(computeWarningLevel(lagging(5.4))).toBe('yellow');
    expect(computeWarningLevel(lagging(5.39))).toBe('red');
    expect(computeWarningLevel(lagging(27.5, caries))).toBe('yellow');
    expect(computeWarningLevel(lagging(27.6, caries))).toBe('red');
    // The margin is a setting.
    expect(computeWarningLevel({ ...lagging(5.39), rules: { ...defaultWarningRules, redMarginPercent: 20 } })).toBe(
      'yellow',
    );
  });

  it('counts per colour', () => {
    expect(countWarnings(['red', 'green', 'red', 'yellow'])).toEqual({ red: 2, yellow: 1, green: 1 });
  });
});

describe('延期: the effective deadline', () => {
  it('is the unit’s extension when it has one, otherwise the round’s', () => {
    const extensions = new Map([[7, { deadline: '2026-01-20' }]]);
    expect(effectiveDeadline('2026-01-10', 7, extensions)).toBe('2026-01-20');
    expect(effectiveDeadline('2026-01-10', 8, extensions)).toBe('2026-01-10');
    expect(effectiveDeadline('2026-01-10', null, extensions)).toBe('2026-01-10');
  });
});
