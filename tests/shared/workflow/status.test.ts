import { describe, expect, it } from 'vitest';
import {
  computeTaskStatus,
  deadlineEndIso,
  expectedValue,
  formatArchiveNo,
  formatChinaTime,
  isIndicatorLagging,
  meetsTarget,
  type IndicatorTarget,
} from '../../../src/shared/workflow';

// 每千人口托位数: 2 at the end of 2022, at least 6 by the end of 2025.
const nurseries: IndicatorTarget = { comparator: 'gte', value: 6, value2: null, year: 2025, baseYear: null, baselineValue: 2, baselineYear: 2022 };
// 龋患率: from 40% (2022) to at most 25% by 2025.
const caries: IndicatorTarget = { comparator: 'lte', value: 25, value2: null, year: 2025, baseYear: null, baselineValue: 40, baselineYear: 2022 };

describe('time-proportional pace', () => {
  it('draws a straight line from the baseline year end to the target year end', () => {
    // 2024-06-30 is 547 of 1096 days along: about half way from 2 to 6.
    const halfway = expectedValue(nurseries, '2024-06-30') ?? 0;
    expect(halfway).toBeGreaterThan(3.99);
    expect(halfway).toBeLessThan(4.01);
    expect(expectedValue(nurseries, '2022-12-31')).toBe(2);
    expect(expectedValue(nurseries, '2026-12-31')).toBe(6);
    expect(expectedValue({ ...nurseries, baselineValue: null }, '2024-06-30')).toBeNull();
  });

  it('is lagging below the line for a rising target and above it for a falling one', () => {
    expect(isIndicatorLagging(nurseries, 3.5, '2024-06-30')).toBe(true);
    expect(isIndicatorLagging(nurseries, 4.2, '2024-06-30')).toBe(false);
    expect(isIndicatorLagging(caries, 35, '2024-06-30')).toBe(true);
    expect(isIndicatorLagging(caries, 31, '2024-06-30')).toBe(false);
    // Meeting the target itself is never lagging.
    expect(isIndicatorLagging(nurseries, 6, '2023-03-31')).toBe(false);
    expect(isIndicatorLagging(nurseries, null, '2025-12-31')).toBe(false);
  });

  it('without a baseline, only a missed target after its year counts as lagging', () => {
    const noBase = { ...nurseries, baselineValue: null, baselineYear: null };
    expect(isIndicatorLagging(noBase, 1, '2025-09-30')).toBe(false);
    expect(isIndicatorLagging(noBase, 5, '2025-12-31')).toBe(true);
  });

  it('reads every comparator', () => {
    expect(meetsTarget({ ...nurseries, comparator: 'range', value: 0.8, value2: 1 }, 0.9)).toBe(true);
    expect(meetsTarget({ ...nurseries, comparator: 'range', value: 0.8, value2: 1 }, 1.1)).toBe(false);
    expect(meetsTarget({ ...nurseries, comparator: 'fromTo', value: 19000, value2: 25000 }, 25000)).toBe(true);
    expect(meetsTarget({ ...caries, comparator: 'decreaseBy', value: 10, baselineValue: 50 }, 45)).toBe(true);
    expect(meetsTarget({ ...caries, comparator: 'decreaseBy', value: 10, baselineValue: 50 }, 46)).toBe(false);
    expect(meetsTarget({ ...caries, comparator: 'lt', value: 4 }, 4)).toBe(false);
  });
});

describe('task status in a quarter', () => {
  const base = {
    deadline: '2025-10-10',
    quarterEnd: '2025-09-30',
    now: '2025-10-05T00:00:00Z',
    firstSubmittedAt: null,
    completed: false,
    indicators: [],
  };

  it('is overdue once the deadline day has ended in China time without a submission', () => {
    expect(computeTaskStatus({ ...base, now: '2025-10-10T15:59:00Z' })).toBe('onTrack');
    expect(computeTaskStatus({ ...base, now: '2025-10-10T16:00:00Z' })).toBe('overdue');
    expect(computeTaskStatus({ ...base, now: '2025-10-20T00:00:00Z', firstSubmittedAt: '2025-10-12T00:00:00Z' })).toBe('overdue');
    expect(computeTaskStatus({ ...base, now: '2025-10-20T00:00:00Z', firstSubmittedAt: '2025-10-09T00:00:00Z' })).toBe('onTrack');
    expect(deadlineEndIso('2025-10-10')).toBe('2025-10-10T16:00:00.000Z');
  });

  it('is done when declared complete or every indicator meets its target', () => {
    const submitted = { ...base, firstSubmittedAt: '2025-10-03T00:00:00Z' };
    expect(computeTaskStatus({ ...submitted, completed: true })).toBe('done');
    expect(computeTaskStatus({ ...submitted, indicators: [{ target: nurseries, value: 6.2 }] })).toBe('done');
    expect(computeTaskStatus({ ...submitted, indicators: [{ target: nurseries, value: 6.2 }, { target: caries, value: null }] })).toBe('onTrack');
  });

  it('is lagging when a reported indicator is behind pace', () => {
    const submitted = { ...base, firstSubmittedAt: '2025-10-03T00:00:00Z' };
    expect(computeTaskStatus({ ...submitted, indicators: [{ target: nurseries, value: 4 }] })).toBe('lagging');
    expect(computeTaskStatus({ ...submitted, indicators: [{ target: nurseries, value: 5.8 }] })).toBe('onTrack');
  });
});

describe('display helpers', () => {
  it('formats China time and archive numbers', () => {
    expect(formatChinaTime('2025-10-08T06:03:00Z')).toBe('2025年10月8日 14:03');
    expect(formatArchiveNo('郑经儿童专班〔{year}〕{seq}号', 2025, 3)).toBe('郑经儿童专班〔2025〕3号');
    expect(formatArchiveNo('LS-{year}-{seq:4}', 2026, 12)).toBe('LS-2026-0012');
  });
});
