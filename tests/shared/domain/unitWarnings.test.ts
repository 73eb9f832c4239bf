import { describe, expect, it } from 'vitest';
import {
  computeWarningLevel,
  defaultWarningRules,
  unitWarnings,
  worstWarning,
  type IndicatorTarget,
  type TaskStatus,
  type WarningInput,
  type WarningLevel,
} from '../../../src/shared/domain/progress';

// 每千人口托位数: 2 at the end of 2022, at least 6 by the end of 2025; 应达值 at 2025-09-30 is 2 + 4 × 1004/1096.
const nurseries: IndicatorTarget = {
  comparator: 'gte',
  value: 6,
  value2: null,
  year: 2025,
  baseYear: null,
  baselineValue: 2,
  baselineYear: 2022,
};
const expectedQ3 = 2 + (4 * 1004) / 1096;

const base: WarningInput = {
  status: 'unreported',
  deadline: '2025-10-10',
  now: '2025-10-01T02:00:00Z',
  quarterEnd: '2025-09-30',
  indicators: [],
  rules: defaultWarningRules,
};

/** A report of unit `unitId` with the level the task rule gives it. */
function report(
  unitId: number,
  input: Partial<WarningInput>,
): { draftingUnitId: number; draftingUnit: string; warning: WarningLevel; status: TaskStatus } {
  const full = { ...base, ...input };
  return {
    draftingUnitId: unitId,
    draftingUnit: `单位${unitId}`,
    warning: computeWarningLevel(full),
    status: full.status,
  };
}
const behindBy = (percent: number): Partial<WarningInput> => ({
  status: 'lagging',
  indicators: [{ target: nurseries, value: expectedQ3 * (1 - percent / 100) }],
});
const onTrack: Partial<WarningInput> = { status: 'onTrack', indicators: [{ target: nurseries, value: 6 }] };

describe('三色预警 per unit: the worst of its reports', () => {
  it('orders the levels red over yellow over green', () => {
    expect(worstWarning([])).toBe('green');
    expect(worstWarning(['green', 'yellow', 'green'])).toBe('yellow');
    expect(worstWarning(['yellow', 'red', 'green'])).toBe('red');
  });

  it('turns yellow on the Nth day before the deadline, not the day before that (China time)', () => {
    // 2025-10-06 23:59 China time: four days left; 2025-10-07 00:00: three.
    const fourDays = unitWarnings([report(1, { now: '2025-10-06T15:59:00Z' }), report(1, onTrack)]);
    const threeDays = unitWarnings([report(1, { now: '2025-10-06T16:00:00Z' }), report(1, onTrack)]);
    expect(fourDays[0]).toMatchObject({ level: 'green', counts: { red: 0, yellow: 0, green: 2 } });
    expect(threeDays[0]).toMatchObject({ level: 'yellow', counts: { red: 0, yellow: 1, green: 1 } });
    // The rule's setting moves the boundary.
    const fiveDayRule = { rules: { ...defaultWarningRules, dueSoonDays: 5 }, now: '2025-10-04T16:00:00Z' };
    expect(unitWarnings([report(1, fiveDayRule)])[0]?.level).toBe('yellow');
    expect(unitWarnings([report(1, { ...fiveDayRule, now: '2025-10-04T15:59:00Z' })])[0]?.level).toBe('green');
  });

  it('turns red when one report is behind by more than the margin, yellow at the margin itself', () => {
    expect(unitWarnings([report(1, behindBy(10)), report(1, onTrack)])[0]).toMatchObject({
      level: 'yellow',
      lagging: 1,
    });
    expect(unitWarnings([report(1, behindBy(10.5)), report(1, onTrack)])[0]).toMatchObject({
      level: 'red',
      lagging: 1,
      counts: { red: 1, yellow: 0, green: 1 },
    });
    // A wider margin keeps the same report yellow.
    expect(
      unitWarnings([report(1, { ...behindBy(10.5), rules: { ...defaultWarningRules, redMarginPercent: 15 } })])[0]
        ?.level,
    ).toBe('yellow');
  });

  it('makes an overdue report red and counts it; lists red units first, then by how many are red', () => {
    const rows = [
      report(1, onTrack),
      report(2, behindBy(5)),
      report(3, { status: 'overdue', now: '2025-10-11T01:00:00Z' }),
      report(4, { status: 'overdue', now: '2025-10-11T01:00:00Z' }),
      report(4, behindBy(20)),
      { draftingUnitId: null, draftingUnit: null, warning: 'red' as const, status: 'overdue' as const },
    ];
    const units = unitWarnings(rows);
    expect(units.map((u) => [u.unitId, u.level])).toEqual([
      [4, 'red'],
      [3, 'red'],
      [2, 'yellow'],
      [1, 'green'],
    ]);
    expect(units[0]).toMatchObject({ overdue: 1, lagging: 1, counts: { red: 2, yellow: 0, green: 0 } });
    // A report the task force drafts itself has no unit to warn.
    expect(units.reduce((n, u) => n + u.counts.red + u.counts.yellow + u.counts.green, 0)).toBe(5);
  });
});
