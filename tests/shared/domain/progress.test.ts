import { describe, expect, it } from 'vitest';
import { halfWidth, implausibility, parseReportedNumber } from '../../../src/shared/domain/indicatorInput';
import {
  computeTaskStatus,
  countedRevision,
  deadlineEndIso,
  expectedValue,
  firstSubmission,
  isIndicatorLagging,
  meetsTarget,
  rateIndicator,
  saysNoProblem,
  shareText,
  type IndicatorTarget,
  type RevisionState,
} from '../../../src/shared/domain/progress';
import { formatArchiveNo, formatChinaTime } from '../../../src/shared/workflow';

// 每千人口托位数: 2 at the end of 2022, at least 6 by the end of 2025.
const nurseries: IndicatorTarget = {
  comparator: 'gte',
  value: 6,
  value2: null,
  year: 2025,
  baseYear: null,
  baselineValue: 2,
  baselineYear: 2022,
};
// 龋患率: from 40% (2022) to at most 25% by 2025.
const caries: IndicatorTarget = {
  comparator: 'lte',
  value: 25,
  value2: null,
  year: 2025,
  baseYear: null,
  baselineValue: 40,
  baselineYear: 2022,
};

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

  it('gives every lagging indicator its 应达值 and never calls an unjudgeable value on pace', () => {
    const noBase = { ...nurseries, baselineValue: null, baselineYear: null };
    // Past the target year the target itself is due: the 应达值 is no longer "—".
    expect(rateIndicator(noBase, 5, '2025-12-31')).toEqual({ expected: 6, rating: 'lagging' });
    expect(rateIndicator(noBase, 1, '2025-09-30')).toEqual({ expected: null, rating: 'unjudged' });
    expect(rateIndicator(nurseries, 3.5, '2024-06-30').rating).toBe('lagging');
    expect(rateIndicator(nurseries, 3.5, '2024-06-30').expected).toBeCloseTo(4, 1);
    expect(rateIndicator(nurseries, 4.2, '2024-06-30').rating).toBe('onPace');
    expect(rateIndicator(nurseries, 7, '2024-06-30').rating).toBe('met');
    expect(rateIndicator(nurseries, null, '2024-06-30').rating).toBe('unreported');
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
    counted: null,
  };
  const reported = (completed: boolean, indicators: { target: IndicatorTarget; value: number | null }[] = []) => ({
    ...base,
    firstSubmittedAt: '2025-10-03T00:00:00Z',
    counted: { completed, indicators },
  });

  it('is 未报送 before the deadline and 超期未报 once the deadline day has ended in China time', () => {
    expect(computeTaskStatus({ ...base, now: '2025-10-10T15:59:00Z' })).toBe('unreported');
    expect(computeTaskStatus({ ...base, now: '2025-10-10T16:00:00Z' })).toBe('overdue');
    // Submitted in time and sent back for rework: not overdue, but nothing counts either.
    expect(computeTaskStatus({ ...base, now: '2025-10-20T00:00:00Z', firstSubmittedAt: '2025-10-09T00:00:00Z' })).toBe(
      'unreported',
    );
    expect(deadlineEndIso('2025-10-10')).toBe('2025-10-10T16:00:00.000Z');
  });

  it('judges a late report by its content once it counts', () => {
    expect(
      computeTaskStatus({ ...reported(false), now: '2025-10-20T00:00:00Z', firstSubmittedAt: '2025-10-12T00:00:00Z' }),
    ).toBe('onTrack');
  });

  it('is done only when the report says so, never inferred from indicators', () => {
    expect(computeTaskStatus(reported(true))).toBe('done');
    // Every indicator under its cap is not a finished task (issue: task 11 was shown 已完成).
    expect(
      computeTaskStatus(
        reported(false, [
          { target: caries, value: 20 },
          { target: nurseries, value: 6.2 },
        ]),
      ),
    ).toBe('onTrack');
  });

  it('is lagging when a reported indicator is behind pace', () => {
    expect(computeTaskStatus(reported(false, [{ target: nurseries, value: 4 }]))).toBe('lagging');
    expect(computeTaskStatus(reported(false, [{ target: nurseries, value: 5.8 }]))).toBe('onTrack');
  });
});

describe('which revision counts', () => {
  const rev = (revision: number, state: RevisionState['state'], first: string | null = null): RevisionState => ({
    revision,
    state,
    first_submitted_at: first,
  });

  it('never counts a draft, whether first, returned or withdrawn', () => {
    expect(countedRevision([rev(1, 'drafting')])).toBeNull();
    expect(countedRevision([rev(1, 'drafting', '2025-10-01T00:00:00Z')])).toBeNull();
  });

  it('prefers the newest filed revision, then the newest submitted one', () => {
    expect(countedRevision([rev(1, 'filed'), rev(2, 'drafting')])?.revision).toBe(1);
    expect(countedRevision([rev(1, 'filed'), rev(2, 'leadReview')])?.revision).toBe(1);
    expect(countedRevision([rev(1, 'leadReview')])?.revision).toBe(1);
    expect(countedRevision([rev(1, 'filed'), rev(2, 'filed'), rev(3, 'signOff')])?.revision).toBe(2);
  });

  it('takes the earliest first submission over all revisions', () => {
    expect(firstSubmission([rev(1, 'filed', '2025-10-02T00:00:00Z'), rev(2, 'drafting', null)])).toBe(
      '2025-10-02T00:00:00Z',
    );
    expect(firstSubmission([rev(1, 'drafting')])).toBeNull();
  });
});

describe('wording the rule allows', () => {
  it('names the denominator of every share', () => {
    expect(shareText(36, 55, '全部55项任务')).toBe('占全部55项任务的65.5%');
    expect(shareText(0, 0, '已报送0项任务')).toBe('占已报送0项任务的0%');
  });

  it('recognises entries that say there is no problem', () => {
    for (const text of ['暂无突出问题。', '无', '暂无。', '', '  ', '没有问题', '暂无明显困难和问题', '—'])
      expect(saysNoProblem(text)).toBe(true);
    for (const text of ['资金拨付较慢。', '无障碍设施建设滞后', '暂无资金保障'])
      expect(saysNoProblem(text)).toBe(false);
  });
});

describe('indicator input', () => {
  it('accepts full-width digits, thousands separators and the indicator unit', () => {
    expect(parseReportedNumber('６')).toEqual({ ok: true, value: 6 });
    expect(parseReportedNumber('１２．５')).toEqual({ ok: true, value: 12.5 });
    expect(parseReportedNumber('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseReportedNumber('1，234')).toEqual({ ok: true, value: 1234 });
    expect(parseReportedNumber('12个', '个')).toEqual({ ok: true, value: 12 });
    expect(parseReportedNumber('85％', '%')).toEqual({ ok: true, value: 85 });
    expect(parseReportedNumber('')).toEqual({ ok: true, value: null });
    expect(halfWidth('－５')).toBe('-5');
  });

  it('refuses what it would have to guess', () => {
    for (const text of ['约150', '150-160', '12人', 'abc', '1,23'])
      expect(parseReportedNumber(text, '个').ok).toBe(false);
  });

  it('refuses negatives and asks a reason for implausible values', () => {
    expect(implausibility(nurseries, '个', -5)).toEqual({ refused: true, reason: '不能为负数' });
    expect(implausibility(nurseries, '个', 99999999999)?.refused).toBe(false);
    expect(implausibility(caries, '%', 101)?.refused).toBe(false);
    expect(implausibility(nurseries, '个', 12)).toBeNull();
    expect(implausibility(caries, '%', 30)).toBeNull();
  });
});

describe('display helpers', () => {
  it('formats China time and archive numbers', () => {
    expect(formatChinaTime('2025-10-08T06:03:00Z')).toBe('2025年10月8日 14:03');
    expect(formatArchiveNo('郑经儿童专班〔{year}〕{seq}号', 2025, 3)).toBe('郑经儿童专班〔2025〕3号');
    expect(formatArchiveNo('LS-{year}-{seq:4}', 2026, 12)).toBe('LS-2026-0012');
  });
});
