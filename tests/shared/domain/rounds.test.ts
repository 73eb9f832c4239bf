import { describe, expect, it } from 'vitest';
import {
  currentRound,
  deadlineRange,
  reportMayMove,
  roundQuarterProblem,
  roundWindow,
} from '../../../src/shared/domain/rounds';

describe('which round the screens show first', () => {
  it('is the latest open round by quarter, not the one created last, else the latest round', () => {
    const rounds = [
      { id: 1, year: 2026, quarter: 3, status: 'open' as const },
      { id: 2, year: 2026, quarter: 4, status: 'closed' as const },
      // Opened last by mistake (the 1999 → 2000 typo): older, so not current.
      { id: 3, year: 2000, quarter: 4, status: 'open' as const },
    ];
    expect(currentRound(rounds)?.id).toBe(1);
    expect(currentRound(rounds.map((r) => ({ ...r, status: 'closed' as const })))?.id).toBe(2);
    expect(currentRound([])).toBeNull();
  });
});

describe('the quarters a round may be opened for', () => {
  it('runs from the plan year to the quarter after the current one in Beijing time', () => {
    // 2026-12-31 16:30 UTC is 2027-01-01 00:30 in Beijing: 2027Q1 is current, 2027Q2 next.
    const window = roundWindow({ from: 2023, to: null }, new Date('2026-12-31T16:30:00Z'));
    expect(window.label).toBe('2023年第一季度至2027年第二季度');
    expect(roundQuarterProblem({ year: 2027, quarter: 2 }, window)).toBeNull();
    expect(roundQuarterProblem({ year: 2027, quarter: 3 }, window)).toContain('晚于下一季度');
    expect(roundQuarterProblem({ year: 2022, quarter: 4 }, window)).toContain('早于工作方案的实施期');
  });

  it('without a plan year has no lower bound, and a plan whose period is over offers nothing', () => {
    expect(roundWindow({ from: null, to: null }, new Date('2026-05-01T00:00:00Z')).label).toBe('2026年第三季度及以前');
    const over = roundWindow({ from: 2030, to: 2035 }, new Date('2026-05-01T00:00:00Z'));
    expect(roundQuarterProblem({ year: 2026, quarter: 2 }, over)).toContain('当前没有可以开启的季度');
  });

  it('gives a deadline range from the quarter start to a year after its end', () => {
    expect(deadlineRange({ year: 2025, quarter: 4 })).toEqual({ from: '2025-10-01', to: '2026-12-31' });
  });
});

describe('whether a report still moves once its round is closed', () => {
  it('always when submitted, drafting only when carried over, never when filed', () => {
    const closed = { status: 'closed' as const, carryOver: false };
    expect(reportMayMove(closed, 'leadReview')).toBe(true);
    expect(reportMayMove(closed, 'signOff')).toBe(true);
    expect(reportMayMove(closed, 'filing')).toBe(true);
    expect(reportMayMove(closed, 'drafting')).toBe(false);
    expect(reportMayMove({ ...closed, carryOver: true }, 'drafting')).toBe(true);
    expect(reportMayMove(closed, 'filed')).toBe(false);
    expect(reportMayMove({ status: 'open', carryOver: false }, 'drafting')).toBe(true);
  });
});
