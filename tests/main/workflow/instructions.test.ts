import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localContext } from '../../../src/main/core/context';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { ActInstructionInput, InstructionEntity } from '../../../src/shared/domain/instructions';
import { createWorld, unitNames, type TestWorld } from './helpers';
import { refusalOf as refusal } from '../../helpers/refusal';

/**
 * 批示 in the core: issued by the task force or a lead unit's 负责人, answered by each addressed
 * unit (drafted, confirmed by the unit's 负责人), closed or sent back by the issuer; read limits
 * and audit entries. Task 1 of the small plan is led by 区社会事业局 and 区教育局; 区卫生健康委员会
 * and 各办事处 (明湖, 潮河) are among its responsible units; 区党群工作部（妇联） takes no part.
 */

let world: TestWorld;
let coordinator: Actor;
let leaderSocial: Actor;
let clerkHealth: Actor;
let leaderHealth: Actor;
let clerkMinghu: Actor;
let leaderMinghu: Actor;
let clerkEducation: Actor;
let clerkWomen: Actor;
let admin: Actor;
let task1 = 0;
let task2 = 0;

beforeEach(async () => {
  world = await createWorld();
  coordinator = world.user('coord', ['coordinator'], unitNames.economy, '王专班');
  leaderSocial = world.user('social.leader', ['leader'], unitNames.social, '张局长');
  clerkHealth = world.user('health.clerk', ['clerk'], unitNames.health, '孙卫健');
  leaderHealth = world.user('health.leader', ['leader'], unitNames.health, '钱主任');
  clerkMinghu = world.user('minghu.clerk', ['clerk'], unitNames.minghu, '周明湖');
  leaderMinghu = world.user('minghu.leader', ['leader'], unitNames.minghu, '吴书记');
  clerkEducation = world.user('edu.clerk', ['clerk'], unitNames.education, '郑教育');
  clerkWomen = world.user('women.clerk', ['clerk'], unitNames.women, '冯妇联');
  admin = world.user('admin2', ['admin'], null, '陈管理');
  const taskId = (no: number) => world.core.db.prepare('SELECT id FROM tasks WHERE no = ?').pluck().get(no) as number;
  task1 = taskId(1);
  task2 = taskId(2);
});

afterEach(() => world.cleanup());

const instructions = () => world.core.workflow.instructions;

function issueToHealthAndMinghu(actor = leaderSocial) {
  return instructions().issue(actor, {
    taskId: task1,
    unitIds: [world.unitId(unitNames.health), world.unitId(unitNames.minghu)],
    text: '请加快托位建设，月底前报告进展。',
    dueDate: '2025-10-20',
  });
}

const line = (
  instructionId: number,
  unitName: string,
  event: ActInstructionInput['event'],
  extra: { text?: string; reason?: string } = {},
): ActInstructionInput => ({
  instructionId,
  unitId: world.unitId(unitName),
  event,
  ...extra,
});

const answerOf = (id: number, actor: Actor, unitName: string) =>
  instructions()
    .get(actor, id)
    .answers.find((a) => a.unitName === unitName);

describe('批示: issue, answer, confirm, close', () => {
  it('goes from issue to closed through each unit’s draft, its leader’s confirmation and the issuer’s closing, audited at every step', () => {
    const issued = issueToHealthAndMinghu();
    expect(issued).toMatchObject({
      taskNo: 1,
      issuedBy: '张局长',
      issuedByUnit: unitNames.social,
      dueDate: '2025-10-20',
      closed: false,
      overdue: false,
    });
    expect(issued.answers.map((a) => [a.unitName, a.state])).toEqual([
      [unitNames.health, 'drafting'],
      [unitNames.minghu, 'drafting'],
    ]);

    instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.save', { text: '已完成选址。' }));
    expect(answerOf(issued.id, clerkHealth, unitNames.health)).toMatchObject({
      state: 'drafting',
      answer: '已完成选址。',
      draftedBy: '孙卫健',
    });
    // The clerk may submit but not confirm.
    expect(answerOf(issued.id, clerkHealth, unitNames.health)?.actions).toEqual(['answer.save', 'answer.submit']);
    instructions().act(
      clerkHealth,
      line(issued.id, unitNames.health, 'answer.submit', { text: '已完成选址，新增托位 120 个。' }),
    );
    expect(
      refusal(() => instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.confirm'))).code,
    ).toBe('forbidden');
    expect(answerOf(issued.id, leaderHealth, unitNames.health)?.actions).toEqual(['answer.confirm', 'answer.return']);
    instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.confirm'));
    expect(answerOf(issued.id, leaderSocial, unitNames.health)).toMatchObject({
      state: 'answered',
      confirmedBy: '钱主任',
      answer: '已完成选址，新增托位 120 个。',
    });

    const closedHealth = instructions().act(leaderSocial, line(issued.id, unitNames.health, 'answer.close'));
    expect(closedHealth.answers.find((a) => a.unitName === unitNames.health)).toMatchObject({
      state: 'closed',
      closedBy: '张局长',
    });
    // One unit still works on it: the 批示 stays open.
    expect(closedHealth.closed).toBe(false);

    instructions().act(
      clerkMinghu,
      line(issued.id, unitNames.minghu, 'answer.submit', { text: '已排查辖区托育机构。' }),
    );
    instructions().act(leaderMinghu, line(issued.id, unitNames.minghu, 'answer.confirm'));
    // The task force may close any 批示.
    const done = instructions().act(coordinator, line(issued.id, unitNames.minghu, 'answer.close'));
    expect(done).toMatchObject({ closed: true, closedAt: world.clock.nowIso() });

    const events = world.core.db
      .prepare(
        "SELECT event, state_before, state_after, opinion FROM audit_log WHERE subject_type = 'instruction' AND subject_id = ? ORDER BY id",
      )
      .all(issued.id) as {
      event: string;
      state_before: string | null;
      state_after: string | null;
      opinion: string;
    }[];
    expect(events.map((e) => e.event)).toEqual([
      'instruction.issue',
      'instruction.answer.save',
      'instruction.answer.submit',
      'instruction.answer.confirm',
      'instruction.answer.close',
      'instruction.answer.submit',
      'instruction.answer.confirm',
      'instruction.answer.close',
    ]);
    expect(events[0]?.opinion).toContain('请加快托位建设');
    expect(events[2]).toMatchObject({
      state_before: 'drafting',
      state_after: 'confirming',
      opinion: `${unitNames.health}：已完成选址，新增托位 120 个。`,
    });
    expect(world.core.workflow.audit.verify().ok).toBe(true);
  });

  it('returns to drafting when the unit leader returns it or the issuer sends it back, each with a reason', () => {
    const issued = issueToHealthAndMinghu();
    instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.submit', { text: '已部署。' }));
    expect(
      refusal(() =>
        instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.return', { reason: ' ' })),
      ).message,
    ).toContain('需要填写理由');
    instructions().act(
      leaderHealth,
      line(issued.id, unitNames.health, 'answer.return', { reason: '请写明新增托位数。' }),
    );
    expect(answerOf(issued.id, clerkHealth, unitNames.health)).toMatchObject({
      state: 'drafting',
      returnedReason: '请写明新增托位数。',
      answer: '已部署。',
    });
    // Submitting without new text sends the kept draft.
    instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.submit'));
    instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.confirm'));
    instructions().act(
      leaderSocial,
      line(issued.id, unitNames.health, 'answer.sendBack', { reason: '未见实效，请继续推进。' }),
    );
    expect(answerOf(issued.id, clerkHealth, unitNames.health)).toMatchObject({
      state: 'drafting',
      returnedReason: '未见实效，请继续推进。',
      confirmedBy: null,
      answeredAt: null,
    });
    // An event the state does not take is a conflict, not a silent no-op.
    expect(
      refusal(() => instructions().act(leaderSocial, line(issued.id, unitNames.health, 'answer.close'))).code,
    ).toBe('conflict');
  });
});

describe('批示: who may act', () => {
  it('lets the task force and a lead unit’s leader issue, and nobody else', () => {
    expect(issueToHealthAndMinghu(coordinator).issuedBy).toBe('王专班');
    // 区卫生健康委员会 leads task 2, not task 1.
    expect(refusal(() => issueToHealthAndMinghu(leaderHealth)).message).toContain('任务1牵头单位的负责人');
    expect(
      instructions().issue(leaderHealth, {
        taskId: task2,
        unitIds: [world.unitId(unitNames.health)],
        text: '请落实。',
        dueDate: '2025-10-20',
      }).taskNo,
    ).toBe(2);
    expect(refusal(() => issueToHealthAndMinghu(clerkEducation)).code).toBe('forbidden');
    expect(refusal(() => issueToHealthAndMinghu(admin)).code).toBe('forbidden');
  });

  it('refuses a past due date, a report of another task and an unknown unit, naming the field', () => {
    const past = refusal(() =>
      instructions().issue(leaderSocial, {
        taskId: task1,
        unitIds: [world.unitId(unitNames.health)],
        text: '请落实。',
        dueDate: '2025-09-30',
      }),
    );
    expect([past.code, past.field]).toEqual(['invalid_input', 'dueDate']);
    const unknown = refusal(() =>
      instructions().issue(leaderSocial, { taskId: task1, unitIds: [9999], text: '请落实。', dueDate: '2025-10-20' }),
    );
    expect([unknown.code, unknown.field]).toEqual(['not_found', 'unitIds']);
    const group = refusal(() =>
      instructions().issue(leaderSocial, {
        taskId: task1,
        unitIds: [world.unitId(unitNames.offices)],
        text: '请落实。',
        dueDate: '2025-10-20',
      }),
    );
    expect([group.code, group.message]).toEqual([
      'invalid_input',
      `${unitNames.offices}是单位分组，没有自己的经办人和负责人，请改选其中的具体单位。`,
    ]);
    const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const task2Report =
      world.core.workflow.rounds.overview(round.id).rows.find((r) => r.subjectLabel === '任务2')?.reportId ?? 0;
    const wrong = refusal(() =>
      instructions().issue(leaderSocial, {
        taskId: task1,
        reportId: task2Report,
        unitIds: [world.unitId(unitNames.health)],
        text: '请落实。',
        dueDate: '2025-10-20',
      }),
    );
    expect(wrong.field).toBe('reportId');
    const task1Report =
      world.core.workflow.rounds.overview(round.id).rows.find((r) => r.subjectLabel === '任务1')?.reportId ?? 0;
    const onReport = instructions().issue(leaderSocial, {
      taskId: task1,
      reportId: task1Report,
      unitIds: [world.unitId(unitNames.health)],
      text: '请落实。',
      dueDate: '2025-10-20',
    });
    expect(onReport).toMatchObject({ reportId: task1Report, reportRevision: 1 });
  });

  it('lets only the addressed unit answer its own line, its leader confirm, and the issuer or 专班 close', () => {
    const issued = issueToHealthAndMinghu();
    // 明湖办事处's clerk cannot write 区卫生健康委员会's answer.
    expect(
      refusal(() =>
        instructions().act(clerkMinghu, line(issued.id, unitNames.health, 'answer.submit', { text: '代答' })),
      ).message,
    ).toContain(`${unitNames.health}的经办人或负责人`);
    instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.submit', { text: '已部署。' }));
    expect(
      refusal(() => instructions().act(leaderMinghu, line(issued.id, unitNames.health, 'answer.confirm'))).message,
    ).toContain(`${unitNames.health}的负责人`);
    instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.confirm'));
    // The unit cannot close its own line; another unit's leader cannot either.
    expect(
      refusal(() => instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.close'))).message,
    ).toContain('批示人或工作专班');
    expect(answerOf(issued.id, coordinator, unitNames.health)?.actions).toEqual(['answer.close', 'answer.sendBack']);
    expect(answerOf(issued.id, leaderHealth, unitNames.health)?.actions).toEqual([]);
  });

  it('puts each open 批示 in the 待办 of whoever must act next', () => {
    const issued = issueToHealthAndMinghu();
    const ids = (actor: Actor) =>
      instructions()
        .todo(actor)
        .map((i) => i.id);
    expect(ids(clerkHealth)).toEqual([issued.id]);
    expect(ids(leaderHealth)).toEqual([issued.id]); // a leader may also draft
    expect(ids(leaderSocial)).toEqual([]);
    instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.submit', { text: '已部署。' }));
    expect(ids(clerkHealth)).toEqual([]);
    expect(ids(leaderHealth)).toEqual([issued.id]);
    instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.confirm'));
    expect(ids(leaderHealth)).toEqual([]);
    expect(ids(leaderSocial)).toEqual([issued.id]);
    instructions().act(leaderSocial, line(issued.id, unitNames.health, 'answer.close'));
    expect(ids(leaderSocial)).toEqual([]);
    // 明湖 still has its own line to answer.
    expect(ids(clerkMinghu)).toEqual([issued.id]);
  });
});

describe('批示: overdue and read limits', () => {
  it('is overdue the day after its due date while a line is unanswered, and not once answered', () => {
    const issued = issueToHealthAndMinghu();
    world.clock.set(new Date('2025-10-20T15:59:00Z')); // 23:59 on the due day, China time
    expect(instructions().get(coordinator, issued.id).overdue).toBe(false);
    world.clock.set(new Date('2025-10-20T16:00:00Z')); // 00:00 the day after
    const late = instructions().get(coordinator, issued.id);
    expect(late.overdue).toBe(true);
    expect(late.answers.every((a) => a.overdue)).toBe(true);
    instructions().act(clerkHealth, line(issued.id, unitNames.health, 'answer.submit', { text: '已部署。' }));
    expect(answerOf(issued.id, coordinator, unitNames.health)?.overdue).toBe(true); // awaiting its leader: still unanswered
    instructions().act(leaderHealth, line(issued.id, unitNames.health, 'answer.confirm'));
    const after = instructions().get(coordinator, issued.id);
    expect(after.answers.find((a) => a.unitName === unitNames.health)?.overdue).toBe(false);
    expect(after.overdue).toBe(true); // 明湖 has not answered
  });

  it('shows a 批示 to the task force, the issuer, the addressed units and the task’s units only', () => {
    const issued = issueToHealthAndMinghu();
    for (const actor of [coordinator, leaderSocial, clerkHealth, clerkMinghu, clerkEducation]) {
      expect(
        instructions()
          .ofTask(actor, task1)
          .map((i) => i.id),
      ).toEqual([issued.id]);
    }
    // 区党群工作部（妇联） takes no part in task 1; an administrator without 专班 reads no 批示.
    for (const actor of [clerkWomen, admin]) {
      expect(instructions().ofTask(actor, task1)).toEqual([]);
      expect(instructions().list(actor, true)).toEqual([]);
      expect(refusal(() => instructions().get(actor, issued.id)).code).toBe('forbidden');
    }
    // Addressed to 妇联 on task 2: now 妇联 reads that one, not the other.
    const toWomen = instructions().issue(coordinator, {
      taskId: task2,
      unitIds: [world.unitId(unitNames.women)],
      text: '请配合。',
      dueDate: '2025-10-20',
    });
    expect(
      instructions()
        .list(clerkWomen, true)
        .map((i) => i.id),
    ).toEqual([toWomen.id]);
    expect(
      instructions()
        .list(coordinator, true)
        .map((i) => i.id)
        .sort(),
    ).toEqual([issued.id, toWomen.id].sort());
  });
});

describe('批示 in the quarterly report', () => {
  it('annexes the 批示 open at some time in the quarter: issued before its end and not closed before its start', () => {
    const issueAt = (iso: string, text: string, dueDate: string) => {
      world.clock.set(new Date(iso));
      return instructions().issue(coordinator, {
        taskId: task1,
        unitIds: [world.unitId(unitNames.health)],
        text,
        dueDate,
      });
    };
    const closeAt = (iso: string, id: number) => {
      world.clock.set(new Date(iso));
      instructions().act(clerkHealth, line(id, unitNames.health, 'answer.submit', { text: '已落实。' }));
      instructions().act(leaderHealth, line(id, unitNames.health, 'answer.confirm'));
      instructions().act(coordinator, line(id, unitNames.health, 'answer.close'));
    };
    const q2 = issueAt('2025-06-10T02:00:00Z', '二季度批示，二季度办结', '2025-06-20');
    closeAt('2025-06-20T02:00:00Z', q2.id);
    const spanning = issueAt('2025-06-25T02:00:00Z', '二季度批示，三季度办结', '2025-07-10');
    closeAt('2025-07-05T02:00:00Z', spanning.id);
    issueAt('2025-09-20T02:00:00Z', '三季度批示，尚未答复', '2025-09-28');
    // 2025-10-01 00:30 China time is already the fourth quarter.
    issueAt('2025-09-30T16:30:00Z', '四季度批示', '2025-10-20');
    world.clock.set(new Date('2025-10-01T01:00:00Z'));
    const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const doc = world.core.documents.composeQuarterly(round.id);
    const annex = doc.attachments.find((a) => a.title === '2025年第三季度领导批示落实情况');
    const table = annex?.blocks[0];
    const rows = table?.type === 'table' ? table.rows : [];
    expect(rows.map((r) => [r[2], r[7]])).toEqual([
      ['二季度批示，三季度办结', '已办结'],
      ['三季度批示，尚未答复', '待落实（已逾期）'],
    ]);
    expect(doc.attachmentNote).toContain('2025年第三季度领导批示落实情况');
  });
});

describe('批示 through the dispatcher', () => {
  it('names a bad field in Chinese and refuses a caller without a session', async () => {
    const api = createDispatcher(world.core, () => undefined);
    const context = localContext('http');
    const anonymous = await api.call('instructions.list', {}, context);
    expect(anonymous.ok ? '' : anonymous.error.code).toBe('unauthenticated');
    const login = await api.call('auth.login', { username: 'social.leader', password: 'password-123' }, context);
    expect(login.ok).toBe(true);
    const bad = await api.call(
      'instructions.issue',
      { taskId: task1, unitIds: [world.unitId(unitNames.health)], text: '请落实。', dueDate: '2025-13-01' },
      context,
    );
    expect(bad.ok ? null : [bad.error.code, bad.error.field, bad.error.message]).toEqual([
      'invalid_input',
      'dueDate',
      '「办理时限」无效：日期不存在，请检查年、月、日',
    ]);
    const none = await api.call(
      'instructions.issue',
      { taskId: task1, unitIds: [], text: '请落实。', dueDate: '2025-10-20' },
      context,
    );
    expect(none.ok ? '' : none.error.message).toBe('「承办单位」无效：请至少选择一个承办单位');
    const issued = await api.call(
      'instructions.issue',
      { taskId: task1, unitIds: [world.unitId(unitNames.health)], text: '请落实。', dueDate: '2025-10-20' },
      context,
    );
    expect(issued.ok && (issued.data as InstructionEntity).answers.map((a) => a.unitName)).toEqual([unitNames.health]);
  });
});
