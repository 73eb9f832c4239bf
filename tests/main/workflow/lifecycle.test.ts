import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { createWorld, unitNames, type People, type TestWorld } from './helpers';
import { refusalOf as refusal } from '../../helpers/refusal';

let world: TestWorld;
let people: People;

beforeEach(async () => {
  world = await createWorld();
  people = world.people();
});

afterEach(() => world.cleanup());

function openRound() {
  const round = world.core.workflow.rounds.open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const overview = world.core.workflow.rounds.overview(round.id);
  const task1 = overview.rows.find((r) => r.kind === 'task' && r.no === 1);
  const task2 = overview.rows.find((r) => r.kind === 'task' && r.no === 2);
  const project = overview.rows.find(
    (r) => r.kind === 'project' && r.no === 1 && r.subjectLabel.startsWith('重点工程'),
  );
  if (!task1 || !task2 || !project) throw new Error('round rows missing');
  return { round, overview, task1: task1.reportId, task2: task2.reportId, project: project.reportId };
}

/** Send one event as `actor`; a submission first completes the draft (see TestWorld.completeDraft). */
function act(
  actor: Actor,
  reportId: number,
  event: Parameters<TestWorld['core']['workflow']['reports']['transition']>[1]['event'],
  opinion?: string,
) {
  if (event === 'report.submit' && world.core.workflow.reportQueries.get(actor, reportId).kind !== 'compiled')
    world.completeDraft(actor, reportId);
  const version = world.core.workflow.reportQueries.get(actor, reportId).version;
  world.core.workflow.reports.transition(actor, {
    reportId,
    version,
    event,
    ...(opinion === undefined ? {} : { opinion }),
  });
  return world.core.workflow.reportQueries.get(actor, reportId);
}

describe('opening a round', () => {
  it('creates one drafting report per task and project, expands groups and warns about empty ones', () => {
    const { round, overview, task1 } = openRound();
    expect(round.label).toBe('2025年第三季度');
    expect(overview.rows).toHaveLength(4);
    expect(overview.rows.every((r) => r.state === 'drafting')).toBe(true);
    const view = world.core.workflow.reportQueries.get(people.clerkSocial, task1);
    expect(view.reviewers.map((p) => p.name)).toEqual([unitNames.social, unitNames.education]);
    // 各办事处 expands to its members; 区社会事业局 listed as both takes part once, as lead.
    expect(view.signers.map((p) => p.name)).toEqual([
      unitNames.health,
      unitNames.finance,
      unitNames.minghu,
      unitNames.chaohe,
    ]);
    expect(round.warnings.map((w) => w.code)).toEqual(['empty_group', 'no_lead_unit']);
    expect(round.warnings[0]?.message).toContain('各成员单位');
    expect(round.warnings[1]?.message).toContain('儿童友好城市宣传周');
  });

  it('lets the task force draft an item the plan gives no lead unit, reviewed by the coordinating units', () => {
    const { overview } = openRound();
    const activity = overview.rows.find((r) => r.subjectLabel === '品牌活动1');
    const view = world.core.workflow.reportQueries.get(people.coordinator, activity?.reportId ?? 0);
    expect(view.draftingUnit).toBe('工作专班');
    expect(view.canEdit).toBe(true);
    expect(view.reviewers.map((r) => r.name)).toEqual([unitNames.economy, unitNames.women]);
    expect(activity?.awaiting).toEqual(['工作专班']);
    expect(
      world.core.workflow.reportQueries.inbox(people.coordinator).map((i) => [i.subjectLabel, i.actionLabel]),
    ).toContainEqual(['品牌活动1', '起草']);
  });

  it('refuses a second round for the same quarter and a non-coordinator', () => {
    openRound();
    expect(
      refusal(() =>
        world.core.workflow.rounds.open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }),
      ).code,
    ).toBe('conflict');
    expect(
      refusal(() =>
        world.core.workflow.rounds.open(people.leaderSocial, { year: 2025, quarter: 4, deadline: '2026-01-10' }),
      ).code,
    ).toBe('forbidden');
  });
});

describe('the full path', () => {
  it('goes drafting → leadReview → signOff → filing → filed with signatures, an archive number and a timeline', () => {
    const { task1 } = openRound();
    const draft = world.core.workflow.reportQueries.get(people.clerkSocial, task1);
    expect(draft.canEdit).toBe(true);
    const indicatorId = draft.indicators[0]?.indicatorId ?? 0;
    world.core.workflow.reports.updateContent(people.clerkSocial, task1, draft.version, {
      progress: '新增托位 120 个。',
      problems: '用地紧张。',
      nextSteps: '推进社区托育点建设。',
      completed: false,
      indicatorValues: [{ indicatorId, value: 5.8, note: '' }],
    });
    expect(
      world.core.workflow.reportQueries.inbox(people.clerkSocial).map((i) => [i.reportId, i.actionLabel]),
    ).toContainEqual([task1, '起草']);

    let view = act(people.clerkSocial, task1, 'report.submit');
    expect(view.state).toBe('leadReview');
    expect(world.core.workflow.reportQueries.inbox(people.leaderEducation).map((i) => i.actionLabel)).toEqual(['审核']);

    view = act(people.leaderSocial, task1, 'report.approve', '同意');
    expect(view.state).toBe('leadReview');
    view = act(people.leaderEducation, task1, 'report.approve');
    expect(view.state).toBe('signOff');
    expect(view.reviewers.every((r) => r.acted !== null)).toBe(true);
    expect(world.core.workflow.reportQueries.inbox(people.leaderMinghu).map((i) => i.actionLabel)).toEqual(['会签']);

    for (const signer of [people.leaderHealth, people.leaderFinance, people.leaderMinghu]) {
      view = act(signer, task1, 'report.sign', '无意见');
      expect(view.state).toBe('signOff');
    }
    view = act(people.leaderChaohe, task1, 'report.sign');
    expect(view.state).toBe('filing');
    expect(world.core.workflow.reportQueries.inbox(people.coordinator).map((i) => i.actionLabel)).toContain('归档');

    view = act(people.coordinator, task1, 'report.file');
    expect(view.state).toBe('filed');
    expect(view.archiveNo).toBe('经开儿童落实档〔2025〕0001号');
    expect(view.status).toBe('onTrack');

    const timeline = world.core.workflow.reportQueries.timeline(task1);
    expect(timeline.map((e) => e.event)).toEqual([
      'report.edit',
      'report.submit',
      'report.approve',
      'report.approve',
      'report.sign',
      'report.sign',
      'report.sign',
      'report.sign',
      'report.file',
    ]);
    const approval = timeline[2];
    expect(approval?.summary).toBe('张三（区社会事业局，负责人）审核通过：同意。');
    expect(approval?.stateBeforeLabel).toBe('牵头单位审核');
    expect(timeline[timeline.length - 1]?.stateAfterLabel).toBe('已归档');
    expect(world.core.workflow.audit.verify().ok).toBe(true);
  });

  it('skips sign-off when a report has no responsible units, and numbers archive entries in sequence', () => {
    const { task2, project } = openRound();
    act(people.clerkHealth, task2, 'report.submit');
    const view = act(people.leaderHealth, task2, 'report.approve');
    expect(view.state).toBe('filing');
    act(people.coordinator, task2, 'report.file');

    act(people.leaderFinance, project, 'report.submit');
    act(people.leaderFinance, project, 'report.approve');
    act(people.leaderSocial, project, 'report.sign');
    const filed = act(people.coordinator, project, 'report.file');
    expect(filed.archiveNo).toBe('经开儿童落实档〔2025〕0002号');
  });
});

describe('returns, objections and withdrawal', () => {
  it('a return needs a reason and sends the report back to drafting with the reason in the inbox', () => {
    const { task1 } = openRound();
    act(people.clerkSocial, task1, 'report.submit');
    const noReason = refusal(() => act(people.leaderEducation, task1, 'report.return'));
    expect(noReason.message).toContain('理由');
    const view = act(people.leaderEducation, task1, 'report.return', '数据口径不一致');
    expect(view.state).toBe('drafting');
    const item = world.core.workflow.reportQueries.inbox(people.clerkSocial).find((i) => i.reportId === task1);
    expect(item?.returnedReason).toBe('数据口径不一致');
  });

  it('an objection in sign-off returns it to drafting and clears earlier approvals', () => {
    const { task1 } = openRound();
    act(people.clerkSocial, task1, 'report.submit');
    act(people.leaderSocial, task1, 'report.approve');
    act(people.leaderEducation, task1, 'report.approve');
    act(people.leaderHealth, task1, 'report.sign');
    const view = act(people.leaderFinance, task1, 'report.object', '资金数据需核实');
    expect(view.state).toBe('drafting');
    expect(view.reviewers.every((r) => r.acted === null)).toBe(true);
    expect(view.signers.every((r) => r.acted === null)).toBe(true);
    // Round two: everyone must act again.
    act(people.clerkSocial, task1, 'report.submit');
    expect(act(people.leaderSocial, task1, 'report.approve').state).toBe('leadReview');
  });

  it('withdraw works until someone has acted', () => {
    const { task1 } = openRound();
    act(people.clerkSocial, task1, 'report.submit');
    expect(act(people.clerkSocial, task1, 'report.withdraw', '指标数据填错，需更正').state).toBe('drafting');
    act(people.clerkSocial, task1, 'report.submit');
    act(people.leaderEducation, task1, 'report.approve');
    const error = refusal(() => act(people.clerkSocial, task1, 'report.withdraw', '再改一处'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('已有牵头单位审核通过，不能撤回。');
  });
});

describe('revisions', () => {
  it('reopening a filed report creates a new revision in drafting; the filed one never changes', () => {
    const { task2 } = openRound();
    act(people.clerkHealth, task2, 'report.submit');
    act(people.leaderHealth, task2, 'report.approve');
    const filed = act(people.coordinator, task2, 'report.file');
    const reason = refusal(() => world.core.workflow.reports.reopen(people.leaderSocial, task2, filed.version, '更正'));
    expect(reason.code).toBe('forbidden');
    const newId = world.core.workflow.reports.reopen(people.clerkHealth, task2, filed.version, '更正数据');
    const revision = world.core.workflow.reportQueries.get(people.clerkHealth, newId);
    expect(revision.revision).toBe(2);
    expect(revision.previousId).toBe(task2);
    expect(revision.state).toBe('drafting');
    const old = world.core.workflow.reportQueries.get(people.clerkHealth, task2);
    expect(old.state).toBe('filed');
    expect(old.version).toBe(filed.version);
    expect(old.nextId).toBe(newId);
    expect(old.canReopen).toBe(false);
    // Even a hand-written UPDATE cannot change a filed row.
    expect(() => world.core.db.prepare(`UPDATE reports SET progress = 'x' WHERE id = ?`).run(task2)).toThrow(
      /never changes/,
    );
    expect(
      refusal(() =>
        world.core.workflow.reports.updateContent(people.clerkHealth, task2, old.version, {
          progress: 'x',
          problems: '',
          nextSteps: '',
          completed: false,
          indicatorValues: [],
        }),
      ).code,
    ).toBe('forbidden');
    // The new revision goes round again and gets its own number; the timeline shows both.
    act(people.clerkHealth, newId, 'report.submit');
    act(people.leaderHealth, newId, 'report.approve');
    const refiled = act(people.coordinator, newId, 'report.file');
    expect(refiled.archiveNo).not.toBe(filed.archiveNo);
    const events = world.core.workflow.reportQueries.timeline(newId).map((e) => `${e.revision}:${e.event}`);
    expect(events).toEqual([
      '1:report.edit',
      '1:report.submit',
      '1:report.approve',
      '1:report.file',
      '2:report.reopen',
      '2:report.submit',
      '2:report.approve',
      '2:report.file',
    ]);
    const overview = world.core.workflow.rounds.overview(filed.roundId);
    expect(overview.rows.find((r) => r.no === 2 && r.kind === 'task')?.reportId).toBe(newId);
  });
});

describe('stale writes', () => {
  it('refuses a transition made against an old version and says who did what', () => {
    const { task1 } = openRound();
    act(people.clerkSocial, task1, 'report.submit');
    const seenByEducation = world.core.workflow.reportQueries.get(people.leaderEducation, task1).version;
    world.clock.set(new Date('2025-10-08T06:03:00Z'));
    act(people.leaderSocial, task1, 'report.approve');
    const error = refusal(() =>
      world.core.workflow.reports.transition(people.leaderEducation, {
        reportId: task1,
        version: seenByEducation,
        event: 'report.approve',
      }),
    );
    expect(error.code).toBe('stale');
    expect(error.message).toBe('该报告已由 张三（区社会事业局）于2025年10月8日 14:03 审核通过，请刷新后再操作。');
  });

  it('refuses a content edit against an old version', () => {
    const { task1 } = openRound();
    const version = world.core.workflow.reportQueries.get(people.clerkSocial, task1).version;
    const content = { progress: 'a', problems: '', nextSteps: '', completed: false, indicatorValues: [] };
    world.core.workflow.reports.updateContent(people.leaderSocial, task1, version, content);
    const error = refusal(() =>
      world.core.workflow.reports.updateContent(people.clerkSocial, task1, version, { ...content, progress: 'b' }),
    );
    expect(error.code).toBe('stale');
    expect(error.message).toContain('张三（区社会事业局）');
    expect(error.message).toContain('修改内容');
  });
});

describe('permission refusals', () => {
  it('a clerk of another unit can neither edit nor submit', () => {
    const { task1 } = openRound();
    const version = world.core.workflow.reportQueries.get(people.clerkHealth, task1).version;
    expect(world.core.workflow.reportQueries.get(people.clerkHealth, task1).canEdit).toBe(false);
    const edit = refusal(() =>
      world.core.workflow.reports.updateContent(people.clerkHealth, task1, version, {
        progress: 'x',
        problems: '',
        nextSteps: '',
        completed: false,
        indicatorValues: [],
      }),
    );
    expect(edit.code).toBe('forbidden');
    expect(edit.message).toContain(unitNames.social);
    const submit = refusal(() => act(people.clerkHealth, task1, 'report.submit'));
    expect(submit.code).toBe('forbidden');
    expect(submit.message).toContain('起草单位（区社会事业局）');
  });

  it('a leader cannot sign twice, and a clerk cannot sign for the unit', () => {
    const { task1 } = openRound();
    act(people.clerkSocial, task1, 'report.submit');
    act(people.leaderSocial, task1, 'report.approve');
    act(people.leaderEducation, task1, 'report.approve');
    act(people.leaderHealth, task1, 'report.sign');
    const twice = refusal(() => act(people.leaderHealth, task1, 'report.sign'));
    expect(twice.code).toBe('forbidden');
    expect(twice.message).toBe('区卫生健康委员会已会签，不能重复会签。');
    const clerk = refusal(() => act(people.clerkHealth, task1, 'report.sign'));
    expect(clerk.message).toContain('只有负责人可以会签');
  });

  it('filing is refused before every signature is in, and to anyone but a coordinator', () => {
    const { task1 } = openRound();
    act(people.clerkSocial, task1, 'report.submit');
    act(people.leaderSocial, task1, 'report.approve');
    act(people.leaderEducation, task1, 'report.approve');
    act(people.leaderHealth, task1, 'report.sign');
    const early = refusal(() => act(people.coordinator, task1, 'report.file'));
    expect(early.code).toBe('forbidden');
    expect(early.message).toContain('责任单位会签');
    for (const signer of [people.leaderFinance, people.leaderMinghu, people.leaderChaohe])
      act(signer, task1, 'report.sign');
    const notCoordinator = refusal(() => act(people.leaderSocial, task1, 'report.file'));
    expect(notCoordinator.message).toBe('只有工作专班人员可以归档。');
    // A refused filing takes no number from the sequence.
    expect(act(people.coordinator, task1, 'report.file').archiveNo).toBe('经开儿童落实档〔2025〕0001号');
  });

  it('a round closed without carrying over freezes its drafting reports', () => {
    const { round, task1 } = openRound();
    world.core.workflow.rounds.close(people.coordinator, round.id);
    expect(refusal(() => act(people.clerkSocial, task1, 'report.submit')).message).toContain('已关闭');
    expect(world.core.workflow.reportQueries.get(people.clerkSocial, task1).actions).toEqual([]);
  });
});
