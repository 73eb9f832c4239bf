import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { ReportEventType } from '../../../src/shared/domain/reports';
import { createWorld, unitNames, type TestWorld } from './helpers';
import { refusalOf as refusal } from '../../helpers/refusal';

let world: TestWorld;
let coordinator: Actor;
let clerkSocial: Actor;
let leaderSocial: Actor;
let leaderEducation: Actor;
let leaderHealth: Actor;
let clerkHealth: Actor;
let leaderFinance: Actor;
let clerkFinance: Actor;
let deputyHealth: Actor;

beforeEach(async () => {
  // 2025-10-01 09:00 in China.
  world = await createWorld(new Date('2025-10-01T01:00:00Z'));
  coordinator = world.user('coord', ['coordinator'], unitNames.economy, '王专班');
  clerkSocial = world.user('social.clerk', ['clerk'], unitNames.social, '李经办');
  leaderSocial = world.user('social.leader', ['leader'], unitNames.social, '张三');
  leaderEducation = world.user('edu.leader', ['leader'], unitNames.education, '赵教育');
  leaderHealth = world.user('health.leader', ['leader'], unitNames.health, '李四');
  clerkHealth = world.user('health.clerk', ['clerk'], unitNames.health, '孙卫健');
  deputyHealth = world.user('health.deputy', ['clerk'], unitNames.health, '王五');
  leaderFinance = world.user('finance.leader', ['leader'], unitNames.finance, '周财政');
  clerkFinance = world.user('finance.clerk', ['clerk'], unitNames.finance, '吴财经');
});

afterEach(() => world.cleanup());

const workflow = () => world.core.workflow;

function openRound() {
  const round = workflow().rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const rows = workflow().rounds.overview(round.id).rows;
  const id = (label: string) => {
    const row = rows.find((r) => r.subjectLabel === label);
    if (!row) throw new Error(`no row ${label}`);
    return row.reportId;
  };
  return { round, task1: id('任务1'), task2: id('任务2'), project: id('重点工程1') };
}

function act(actor: Actor, reportId: number, event: ReportEventType, opinion?: string) {
  if (event === 'report.submit' && workflow().reportQueries.get(actor, reportId).kind !== 'compiled')
    world.completeDraft(actor, reportId);
  const version = workflow().reportQueries.get(actor, reportId).version;
  workflow().reports.transition(actor, { reportId, version, event, ...(opinion === undefined ? {} : { opinion }) });
  return workflow().reportQueries.get(actor, reportId);
}

const version = (actor: Actor, reportId: number) => workflow().reportQueries.get(actor, reportId).version;

describe('bulk filing, approving and signing', () => {
  it('files the reports that may be filed with consecutive numbers, reports the refusal of the rest, and audits each', () => {
    const { task1, task2, project } = openRound();
    // 任务2: reviewed by 区卫生健康委员会, no signers (an empty group) → filing.
    act(clerkHealth, task2, 'report.submit');
    act(leaderHealth, task2, 'report.approve');
    // 重点工程1: lead 区财政局, signer 区社会事业局 → filing.
    act(clerkFinance, project, 'report.submit');
    act(leaderFinance, project, 'report.approve');
    act(leaderSocial, project, 'report.sign');
    expect(workflow().reportQueries.get(coordinator, task2).state).toBe('filing');
    expect(workflow().reportQueries.get(coordinator, project).state).toBe('filing');

    const preview = workflow().bulk.preview(coordinator, { action: 'file', reportIds: [task2, task1, project] });
    expect(preview.map((p) => [p.subjectLabel, p.allowed, p.archiveNo])).toEqual([
      ['任务2', true, '经开儿童落实档〔2025〕0001号'],
      ['任务1', false, null],
      ['重点工程1', true, '经开儿童落实档〔2025〕0002号'],
    ]);
    expect(preview[1]?.refusal).toBe('该报告当前处于「起草」阶段，不能执行「归档」。');

    const auditBefore = world.core.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'report.file'")
      .get() as { n: number };
    const result = workflow().bulk.run(coordinator, {
      action: 'file',
      items: preview.map((p) => ({
        reportId: p.reportId,
        version: p.version,
        ...(p.archiveNo ? { archiveNo: p.archiveNo } : {}),
      })),
    });
    expect(result.done).toBe(2);
    expect(result.refused).toBe(1);
    expect(result.items.map((i) => [i.subjectLabel, i.ok, i.archiveNo, i.message])).toEqual([
      ['任务2', true, '经开儿童落实档〔2025〕0001号', null],
      ['任务1', false, null, '该报告当前处于「起草」阶段，不能执行「归档」。'],
      ['重点工程1', true, '经开儿童落实档〔2025〕0002号', null],
    ]);
    expect(workflow().reportQueries.get(coordinator, task2).state).toBe('filed');
    expect(workflow().reportQueries.get(coordinator, project).archiveNo).toBe('经开儿童落实档〔2025〕0002号');
    // Each filing is its own audited step, with the filing record, as if filed alone.
    const entries = world.core.db
      .prepare(
        "SELECT report_id, actor_name, state_before, state_after, details_json FROM audit_log WHERE event = 'report.file' ORDER BY id",
      )
      .all() as {
      report_id: number;
      actor_name: string;
      state_before: string;
      state_after: string;
      details_json: string;
    }[];
    expect(entries.length - auditBefore.n).toBe(2);
    expect(entries.map((e) => [e.report_id, e.actor_name, e.state_before, e.state_after])).toEqual([
      [task2, '王专班', 'filing', 'filed'],
      [project, '王专班', 'filing', 'filed'],
    ]);
    expect(JSON.parse(entries[0]?.details_json ?? '{}')).toMatchObject({
      archiveNo: '经开儿童落实档〔2025〕0001号',
      filed: { archiveNo: '经开儿童落实档〔2025〕0001号' },
    });
    // The refused item used up no number: the next filing gets 0003.
    expect(workflow().reports.proposedArchiveNos('task', 1)).toEqual(['经开儿童落实档〔2025〕0003号']);
    expect(workflow().audit.verify().ok).toBe(true);
  });

  it('says so when a number differs from the one shown, and refuses a stale version without stopping the rest', () => {
    const { task2, project } = openRound();
    act(clerkHealth, task2, 'report.submit');
    act(leaderHealth, task2, 'report.approve');
    act(clerkFinance, project, 'report.submit');
    act(leaderFinance, project, 'report.approve');
    act(leaderSocial, project, 'report.sign');
    const preview = workflow().bulk.preview(coordinator, { action: 'file', reportIds: [project] });
    // Someone files 任务2 alone between the confirmation and the bulk filing.
    act(coordinator, task2, 'report.file');
    const result = workflow().bulk.run(coordinator, {
      action: 'file',
      items: [
        { reportId: task2, version: 1 },
        { reportId: project, version: preview[0]?.version ?? 0, archiveNo: preview[0]?.archiveNo ?? '' },
      ],
    });
    expect(result.items[0]?.ok).toBe(false);
    expect(result.items[0]?.message).toBe(
      '该报告已由 王专班（区经济发展局）于2025年10月1日 09:00 归档，请刷新后再操作。',
    );
    expect(result.items[1]).toMatchObject({ ok: true, archiveNo: '经开儿童落实档〔2025〕0002号' });
    expect(result.items[1]?.message).toBe(
      '归档号为 经开儿童落实档〔2025〕0002号（确认时显示为 经开儿童落实档〔2025〕0001号，其间已有其他报告归档）。',
    );
  });

  it('approves and signs in bulk only where the caller is a pending party, with the opinion on each', () => {
    const { task1, task2, project } = openRound();
    act(clerkSocial, task1, 'report.submit');
    act(clerkHealth, task2, 'report.submit');
    act(clerkFinance, project, 'report.submit');
    const result = workflow().bulk.run(leaderHealth, {
      action: 'approve',
      opinion: '同意。',
      items: [task1, task2, project].map((reportId) => ({ reportId, version: version(coordinator, reportId) })),
    });
    // 重点工程1 is none of 区卫生健康委员会's business: the result names it by number only.
    expect(result.items.map((i) => [i.subjectLabel, i.ok])).toEqual([
      ['任务1', false],
      ['任务2', true],
      [`报告${project}`, false],
    ]);
    expect(result.items[0]?.message).toBe('您不在本报告的审核名单中，不能审核通过。');
    const approval = world.core.db
      .prepare("SELECT opinion, actor_name FROM audit_log WHERE event = 'report.approve' AND report_id = ?")
      .get(task2);
    expect(approval).toEqual({ opinion: '同意。', actor_name: '李四' });

    act(leaderSocial, task1, 'report.approve');
    act(leaderEducation, task1, 'report.approve');
    act(leaderFinance, project, 'report.approve');
    const signs = workflow().bulk.run(leaderSocial, {
      action: 'sign',
      items: [task1, project].map((reportId) => ({ reportId, version: version(coordinator, reportId) })),
    });
    // 区社会事业局 reviews 任务1 (listed as both, it takes part once as a reviewer) and signs 重点工程1.
    expect(signs.items.map((i) => [i.subjectLabel, i.ok])).toEqual([
      ['任务1', false],
      ['重点工程1', true],
    ]);
    expect(workflow().reportQueries.get(coordinator, project).state).toBe('filing');
  });
});

describe('delegation (委托)', () => {
  function delegate(startsOn: string, endsOn: string, to: Actor = deputyHealth) {
    return workflow().delegations.create(leaderHealth, { delegateId: to.userId, startsOn, endsOn, note: '出差' });
  }

  function task2InReview() {
    const { task2 } = openRound();
    act(clerkHealth, task2, 'report.submit');
    return task2;
  }

  const mayApprove = (actor: Actor, reportId: number) =>
    workflow()
      .reportQueries.get(actor, reportId)
      .actions.some((a) => a.event === 'report.approve');

  it('lets the delegate approve as 王五（代 李四） on the first and the last day, in the audit and the opinion list', () => {
    const task2 = task2InReview();
    delegate('2025-10-01', '2025-10-03');
    expect(mayApprove(deputyHealth, task2)).toBe(true);
    expect(
      workflow()
        .reportQueries.inbox(deputyHealth)
        .map((i) => [i.reportId, i.action]),
    ).toEqual([[task2, 'review']]);
    // Last day, 23:59 China time.
    world.clock.set(new Date('2025-10-03T15:59:00Z'));
    const after = act(deputyHealth, task2, 'report.approve', '同意上报。');
    expect(after.state).toBe('filing');
    expect(after.reviewers[0]?.acted?.by).toBe('王五（代 李四）');
    const entry = workflow()
      .reportQueries.timeline(task2)
      .find((e) => e.event === 'report.approve');
    expect(entry?.actorName).toBe('王五（代 李四）');
    expect(entry?.userId).toBe(deputyHealth.userId);
    expect(entry?.summary).toContain('王五（代 李四）');
    const details = world.core.db
      .prepare("SELECT details_json FROM audit_log WHERE event = 'report.approve'")
      .pluck()
      .get() as string;
    expect(JSON.parse(details)).toMatchObject({ onBehalfOf: { userId: leaderHealth.userId, name: '李四' } });
    // The filing record keeps who signed for whom, and verify notices if that is changed afterwards.
    act(coordinator, task2, 'report.file');
    const filing = world.core.db
      .prepare("SELECT details_json FROM audit_log WHERE event = 'report.file'")
      .pluck()
      .get() as string;
    expect((JSON.parse(filing) as { filed: { signatures: unknown[] } }).filed.signatures).toMatchObject([
      { userId: deputyHealth.userId, onBehalfOf: leaderHealth.userId },
    ]);
    expect(workflow().audit.verify().ok).toBe(true);
    world.core.db.prepare('UPDATE report_signatures SET on_behalf_of = NULL WHERE report_id = ?').run(task2);
    const verdict = workflow().audit.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('由「代 李四（用户');
  });

  it('does not start before its first day and ends by itself after its last day', () => {
    const task2 = task2InReview();
    delegate('2025-10-02', '2025-10-03');
    expect(mayApprove(deputyHealth, task2)).toBe(false);
    expect(refusal(() => act(deputyHealth, task2, 'report.approve')).message).toBe(
      '只有负责人可以审核，经办人不能审核通过。',
    );
    world.clock.set(new Date('2025-10-01T16:00:00Z')); // 2025-10-02 00:00 in China
    expect(mayApprove(deputyHealth, task2)).toBe(true);
    world.clock.set(new Date('2025-10-03T16:00:00Z')); // 2025-10-04 00:00 in China: over
    expect(mayApprove(deputyHealth, task2)).toBe(false);
    expect(workflow().delegations.list(leaderHealth)[0]?.statusLabel).toBe('已到期');
  });

  it('can be ended early by the leader only, and then no longer counts', () => {
    const task2 = task2InReview();
    const given = delegate('2025-10-01', '2025-10-31');
    expect(mayApprove(deputyHealth, task2)).toBe(true);
    expect(refusal(() => workflow().delegations.end(deputyHealth, given.id)).message).toBe(
      '只有委托人（李四）可以提前结束这项委托。',
    );
    world.clock.advance(60_000);
    const ended = workflow().delegations.end(leaderHealth, given.id);
    expect(ended.status).toBe('ended');
    expect(mayApprove(deputyHealth, task2)).toBe(false);
    expect(refusal(() => workflow().delegations.end(leaderHealth, given.id)).message).toBe(
      '这项委托已提前结束，无需再结束。',
    );
    expect(
      world.core.db.prepare("SELECT event FROM audit_log WHERE event LIKE 'delegation.%' ORDER BY id").pluck().all(),
    ).toEqual(['delegation.create', 'delegation.end']);
  });

  it('refuses a colleague of another unit, a clerk delegating, and a period already over', () => {
    expect(refusal(() => delegate('2025-10-01', '2025-10-03', clerkFinance)).message).toBe(
      '吴财经不是本单位（区卫生健康委员会）的人员，不能受托审核、会签。请选择本单位的同事。',
    );
    expect(
      refusal(() =>
        workflow().delegations.create(clerkHealth, {
          delegateId: deputyHealth.userId,
          startsOn: '2025-10-01',
          endsOn: '2025-10-02',
        }),
      ).message,
    ).toBe('只有负责人可以委托他人审核、会签。');
    expect(refusal(() => delegate('2025-09-01', '2025-09-30')).message).toContain('结束日期 2025年9月30日 已过');
    expect(refusal(() => delegate('2025-10-05', '2025-10-01')).message).toContain('结束日期不能早于开始日期');
  });

  it('stops counting when the delegate moves to another unit', () => {
    const task2 = task2InReview();
    delegate('2025-10-01', '2025-10-31');
    workflow().accounts.update(appItselfAdmin(), {
      userId: deputyHealth.userId,
      unitId: world.unitId(unitNames.finance),
    });
    const moved = { ...deputyHealth, unitId: world.unitId(unitNames.finance), unitName: unitNames.finance };
    expect(
      workflow()
        .reportQueries.inbox(moved)
        .map((i) => i.reportId),
    ).not.toContain(task2);
    const current = version(coordinator, task2);
    expect(
      refusal(() =>
        workflow().reports.transition(moved, { reportId: task2, version: current, event: 'report.approve' }),
      ).message,
    ).toBe('您不在本报告的审核名单中，不能审核通过。');
  });

  it('shows every delegation to the task force and the administrator, and only their own to others', () => {
    delegate('2025-10-01', '2025-10-03');
    const admin = world.user('admin', ['admin'], null, '管理员');
    expect(
      workflow()
        .delegations.list(admin)
        .map((d) => [d.delegatorName, d.delegateName, d.statusLabel]),
    ).toEqual([['李四', '王五', '生效中']]);
    expect(workflow().delegations.list(coordinator)).toHaveLength(1);
    expect(workflow().delegations.list(deputyHealth)).toHaveLength(1);
    expect(workflow().delegations.list(leaderFinance)).toEqual([]);
    expect(
      workflow()
        .delegations.candidates(leaderHealth)
        .map((c) => c.displayName),
    ).toEqual(['孙卫健', '王五']);
  });

  it('lets a delegate sign in bulk', () => {
    const { task1 } = openRound();
    act(clerkSocial, task1, 'report.submit');
    act(leaderSocial, task1, 'report.approve');
    act(leaderEducation, task1, 'report.approve');
    delegate('2025-10-01', '2025-10-03');
    const result = workflow().bulk.run(deputyHealth, {
      action: 'sign',
      items: [{ reportId: task1, version: version(coordinator, task1) }],
    });
    expect(result.items[0]).toMatchObject({ ok: true });
    const signer = workflow()
      .reportQueries.get(coordinator, task1)
      .signers.find((s) => s.name === unitNames.health);
    expect(signer?.acted?.by).toBe('王五（代 李四）');
  });
});

describe('签发人 of the compiled report', () => {
  it('records who signed it off, a delegate as 王副（代 李专班）, in the filing entry and the document header', () => {
    const taskForceLeader = world.user('tf.leader', ['coordinator', 'leader'], unitNames.economy, '李专班');
    const deputy = world.user('tf.deputy', ['coordinator'], unitNames.economy, '王副');
    const leaderEconomy = world.user('eco.leader', ['leader'], unitNames.economy, '钱经发');
    const leaderWomen = world.user('women.leader', ['leader'], unitNames.women, '孙妇联');
    const { round } = openRound();
    const id = world.core.documents.createCompiledDraft(coordinator, round.id);
    act(coordinator, id, 'report.submit');
    act(leaderEconomy, id, 'report.approve');
    act(leaderWomen, id, 'report.approve');
    workflow().delegations.create(taskForceLeader, {
      delegateId: deputy.userId,
      startsOn: '2025-10-01',
      endsOn: '2025-10-01',
    });
    expect(act(deputy, id, 'report.sign').state).toBe('filing');
    // Not yet filed: no 签发人 in the document.
    expect(world.core.documents.compiledDocument(id).header.issuers).toBeUndefined();
    const filed = act(coordinator, id, 'report.file');
    expect(world.core.documents.compiledDocument(id).header).toMatchObject({
      docNumber: filed.archiveNo,
      issuers: ['王副（代 李专班）'],
    });
    const details = world.core.db
      .prepare("SELECT details_json FROM audit_log WHERE event = 'report.file' AND report_id = ?")
      .pluck()
      .get(id) as string;
    expect(JSON.parse(details)).toMatchObject({ issuers: ['王副（代 李专班）'] });
  });
});

function appItselfAdmin(): Actor {
  return world.user('admin2', ['admin'], null, '管理员二');
}
