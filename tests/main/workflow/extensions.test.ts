import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, unitNames, type People, type TestWorld } from './helpers';
import { refusalOf as refusal } from '../../helpers/refusal';

let world: TestWorld;
let people: People<'coordinator' | 'clerkSocial' | 'clerkHealth'>;

beforeEach(async () => {
  world = await createWorld();
  people = world.people(['coordinator', 'clerkSocial', 'clerkHealth']);
});

afterEach(() => world.cleanup());

const rounds = () => world.core.workflow.rounds;
const queries = () => world.core.workflow.reportQueries;

function setup() {
  const round = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const row = (label: string) => {
    const found = rounds()
      .overview(round.id)
      .rows.find((r) => r.subjectLabel === label);
    if (!found) throw new Error(`no row ${label}`);
    return found;
  };
  return { round, row };
}

describe('延期: a unit’s own deadline', () => {
  it('an extended unit is not overdue before its new deadline; the others still are', () => {
    const { round, row } = setup();
    const social = row('任务1');
    expect(social.draftingUnit).toBe(unitNames.social);
    const socialUnit = social.draftingUnitId;
    if (socialUnit === null) throw new Error('task 1 has a drafting unit');
    // 2025-10-11 China time: the round's deadline has passed.
    world.clock.set(new Date('2025-10-11T01:00:00Z'));
    expect(row('任务1').status).toBe('overdue');
    expect(row('任务2').status).toBe('overdue');

    const granted = rounds().extend(people.coordinator, {
      roundId: round.id,
      unitId: socialUnit,
      deadline: '2025-10-20',
      reason: '机构调整，申请延期',
    });
    expect(granted).toMatchObject({ unitName: unitNames.social, deadline: '2025-10-20', grantedBy: '王专班' });

    expect(row('任务1')).toMatchObject({ status: 'unreported', late: false, deadline: '2025-10-20', extended: true });
    expect(row('任务2')).toMatchObject({ status: 'overdue', late: true, deadline: '2025-10-10', extended: false });
    const overview = rounds().overview(round.id);
    expect(overview.countsByStatus.overdue).toBe(overview.rows.length - 1);
    expect(overview.extensions).toHaveLength(1);

    // The unit's own 待办 and report page show the new deadline, not overdue.
    const inbox = queries()
      .inbox(people.clerkSocial)
      .find((i) => i.reportId === social.reportId);
    expect(inbox).toMatchObject({ deadline: '2025-10-20', overdue: false });
    expect(queries().get(people.clerkSocial, social.reportId).deadline).toBe('2025-10-20');
    const healthItem = queries()
      .inbox(people.clerkHealth)
      .find((i) => i.reportId === row('任务2').reportId);
    expect(healthItem).toMatchObject({ deadline: '2025-10-10', overdue: true });

    // Past the extended deadline the unit is overdue again.
    world.clock.set(new Date('2025-10-20T16:00:00Z'));
    expect(row('任务1').status).toBe('overdue');

    const audit = world.core.db.prepare("SELECT opinion FROM audit_log WHERE event = 'round.extend'").get() as
      { opinion: string } | undefined;
    expect(audit?.opinion).toBe(`${unitNames.social}2025年第三季度报送截止日期延至 2025年10月20日：机构调整，申请延期`);
  });

  it('refuses an extension without a reason, not later than the round, or from a non-coordinator', () => {
    const { round, row } = setup();
    const unitId = row('任务1').draftingUnitId ?? 0;
    expect(
      refusal(() =>
        rounds().extend(people.coordinator, { roundId: round.id, unitId, deadline: '2025-10-20', reason: '  ' }),
      ).message,
    ).toContain('理由');
    expect(
      refusal(() =>
        rounds().extend(people.coordinator, { roundId: round.id, unitId, deadline: '2025-10-10', reason: '申请' }),
      ).message,
    ).toContain('应晚于');
    expect(
      refusal(() =>
        rounds().extend(people.clerkSocial, { roundId: round.id, unitId, deadline: '2025-10-20', reason: '申请' }),
      ).code,
    ).toBe('forbidden');
  });

  it('a new grant replaces the old one; deleting the round deletes its extensions', () => {
    const { round, row } = setup();
    const unitId = row('任务1').draftingUnitId ?? 0;
    rounds().extend(people.coordinator, { roundId: round.id, unitId, deadline: '2025-10-20', reason: '第一次' });
    rounds().extend(people.coordinator, { roundId: round.id, unitId, deadline: '2025-10-25', reason: '第二次' });
    expect(rounds().extensions(round.id)).toEqual([
      expect.objectContaining({ deadline: '2025-10-25', reason: '第二次' }),
    ]);
    rounds().delete(people.coordinator, round.id);
    expect(world.core.db.prepare('SELECT COUNT(*) AS n FROM round_extensions').get()).toEqual({ n: 0 });
  });
});
