import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultReminderTemplate } from '../../../src/shared/domain/supervision';
import { createWorld, unitNames, type People, type TestWorld } from './helpers';
import { refusalOf as refusal } from '../../helpers/refusal';

let world: TestWorld;
let people: People<'coordinator' | 'clerkSocial' | 'clerkHealth' | 'leaderHealth'>;

beforeEach(async () => {
  world = await createWorld();
  people = world.people(['coordinator', 'clerkSocial', 'clerkHealth', 'leaderHealth']);
});

afterEach(() => world.cleanup());

const supervision = () => world.core.workflow.supervision;
const rounds = () => world.core.workflow.rounds;

describe('催办', () => {
  it('reminds every overdue unit once, fills the template, and shows it to the unit’s users only', () => {
    const round = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    // Before the deadline nobody is overdue or lagging.
    expect(
      refusal(() => supervision().remind(people.coordinator, { roundId: round.id, message: defaultReminderTemplate }))
        .message,
    ).toContain('没有超期未报或进度滞后的单位');
    world.clock.set(new Date('2025-10-12T01:00:00Z'));
    const socialUnit =
      rounds()
        .overview(round.id)
        .rows.find((r) => r.subjectLabel === '任务1')?.draftingUnitId ?? 0;
    rounds().extend(people.coordinator, {
      roundId: round.id,
      unitId: socialUnit,
      deadline: '2025-10-20',
      reason: '申请延期',
    });

    const sent = supervision().remind(people.coordinator, { roundId: round.id, message: defaultReminderTemplate });
    const overdueUnits = new Set(
      rounds()
        .overview(round.id)
        .rows.filter((r) => r.status === 'overdue' && r.draftingUnit !== null)
        .map((r) => r.draftingUnit),
    );
    expect(new Set(sent.map((r) => r.unitName))).toEqual(overdueUnits);
    // The extended unit is not overdue, so it is not reminded.
    expect(sent.map((r) => r.unitName)).not.toContain(unitNames.social);
    const health = sent.find((r) => r.unitName === unitNames.health);
    expect(health?.message).toBe(
      `${unitNames.health}：请于2025年10月10日前报送2025年第三季度工作进展情况，已超期或进度滞后的请抓紧补报并说明原因。`,
    );
    expect(health?.sentBy).toBe('王专班');

    // The unit's clerk and leader see it; another unit's clerk does not.
    expect(
      supervision()
        .mine(people.clerkHealth)
        .map((r) => r.id),
    ).toEqual([health?.id]);
    expect(supervision().mine(people.leaderHealth)).toHaveLength(1);
    expect(supervision().mine(people.clerkSocial)).toEqual([]);

    // One unit again: the round lists how often.
    supervision().remind(people.coordinator, {
      roundId: round.id,
      unitId: health?.unitId ?? 0,
      message: '请今天报送。',
    });
    const summary = rounds()
      .overview(round.id)
      .reminders.find((r) => r.unitName === unitNames.health);
    expect(summary).toMatchObject({ count: 2, lastBy: '王专班', lastMessage: '请今天报送。' });
    expect(supervision().mine(people.clerkHealth)).toHaveLength(2);

    const audited = world.core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE event = 'round.remind'").get() as {
      n: number;
    };
    expect(audited.n).toBe(sent.length + 1);
  });

  it('only the task force reminds; a closed round is not reminded; the reminders leave 待办 when the round closes', () => {
    const round = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const healthUnit =
      rounds()
        .overview(round.id)
        .rows.find((r) => r.subjectLabel === '任务2')?.draftingUnitId ?? 0;
    expect(
      refusal(() =>
        supervision().remind(people.clerkSocial, { roundId: round.id, unitId: healthUnit, message: '请报送' }),
      ).code,
    ).toBe('forbidden');
    supervision().remind(people.coordinator, { roundId: round.id, unitId: healthUnit, message: '请报送' });
    expect(supervision().mine(people.clerkHealth)).toHaveLength(1);
    rounds().close(people.coordinator, round.id);
    expect(supervision().mine(people.clerkHealth)).toEqual([]);
    expect(
      refusal(() =>
        supervision().remind(people.coordinator, { roundId: round.id, unitId: healthUnit, message: '请报送' }),
      ).message,
    ).toContain('已关闭');
  });

  it('keeps the settings, with defaults, and refuses a non-coordinator', () => {
    expect(supervision().settings()).toMatchObject({
      dueSoonDays: 3,
      redMarginPercent: 10,
      reminderTemplate: defaultReminderTemplate,
    });
    const saved = supervision().setSettings(people.coordinator, {
      dueSoonDays: 5,
      redMarginPercent: 15,
      reminderTemplate: '{单位}请抓紧报送。',
    });
    expect(saved).toEqual({ dueSoonDays: 5, redMarginPercent: 15, reminderTemplate: '{单位}请抓紧报送。' });
    expect(refusal(() => supervision().setSettings(people.clerkSocial, saved)).code).toBe('forbidden');
  });

  it('warns yellow N days before the deadline and red once overdue, by the settings', () => {
    const round = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const warning = () =>
      rounds()
        .overview(round.id)
        .rows.find((r) => r.subjectLabel === '任务2')?.warning;
    // 2025-10-01 China time: nine days left.
    expect(warning()).toBe('green');
    supervision().setSettings(people.coordinator, { dueSoonDays: 10, redMarginPercent: 10, reminderTemplate: '催办' });
    expect(warning()).toBe('yellow');
    world.clock.set(new Date('2025-10-11T01:00:00Z'));
    expect(warning()).toBe('red');
    const overview = rounds().overview(round.id);
    expect(overview.countsByWarning.red).toBe(overview.countsByStatus.overdue);
  });
});
