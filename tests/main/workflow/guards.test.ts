import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { createWorld, unitNames, type TestWorld } from './helpers';
import { refusalOf as refusal } from '../../helpers/refusal';

/**
 * Guards where a person errs (issue 12): an empty report cannot be submitted, a withdrawal needs
 * a reason that the drafter then sees, and a double-clicked step is done once with one answer.
 */
let world: TestWorld;
let coordinator: Actor;
let clerk: Actor;
let leader: Actor;
let leaderEducation: Actor;
let task1: number;

beforeEach(async () => {
  world = await createWorld();
  coordinator = world.user('coord', ['coordinator'], unitNames.economy, '王专班');
  clerk = world.user('social.clerk', ['clerk'], unitNames.social, '李经办');
  leader = world.user('social.leader', ['leader'], unitNames.social, '张三');
  leaderEducation = world.user('edu.leader', ['leader'], unitNames.education, '赵教育');
  const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  task1 =
    world.core.workflow.rounds.overview(round.id).rows.find((r) => r.kind === 'task' && r.no === 1)?.reportId ?? 0;
});

afterEach(() => world.cleanup());

const view = (actor: Actor = clerk) => world.core.workflow.reportQueries.get(actor, task1);

function save(progress: string, indicator: { value: number | null; noNewProgress?: boolean }): number {
  const current = view();
  const indicatorId = current.indicators[0]?.indicatorId ?? 0;
  world.core.workflow.reports.updateContent(clerk, task1, current.version, {
    progress,
    problems: '',
    nextSteps: '',
    completed: false,
    indicatorValues: [
      {
        indicatorId,
        value: indicator.value,
        note: '',
        ...(indicator.noNewProgress === undefined ? {} : { noNewProgress: indicator.noNewProgress }),
      },
    ],
  });
  return current.version + 1;
}

const submit = (version: number) =>
  world.core.workflow.reports.transition(clerk, { reportId: task1, version, event: 'report.submit' });

describe('submitting needs progress text and every indicator answered', () => {
  it('refuses an untouched report, naming the progress text and the indicator', () => {
    const error = refusal(() => submit(view().version));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('进展情况未填写');
    expect(error.message).toContain('「每千人口托位数」');
    expect(error.message).toContain('无新进展');
    expect(view().state).toBe('drafting');
  });

  it('refuses whitespace as progress, and progress with the indicator left open', () => {
    expect(refusal(() => submit(save('   ', { value: 5 }))).message).toContain('进展情况未填写');
    const error = refusal(() => submit(save('新增托位 120 个。', { value: null })));
    expect(error.message).not.toContain('进展情况');
    expect(error.message).toContain('「每千人口托位数」未填写本季度值');
  });

  it('accepts a value, or an explicit 无新进展, and keeps the mark with the report', () => {
    const version = save('本季度无新增托位。', { value: null, noNewProgress: true });
    const marked = view();
    expect(marked.indicators[0]?.noNewProgress).toBe(true);
    expect(marked.content.indicatorValues[0]?.noNewProgress).toBe(true);
    expect(marked.compiledContent).toBeNull();
    submit(version);
    expect(view().state).toBe('leadReview');
  });

  it('lets a value supersede a 无新进展 mark', () => {
    save('新增托位 120 个。', { value: 5.8, noNewProgress: true });
    expect(view().indicators[0]?.noNewProgress).toBe(false);
    expect(view().indicators[0]?.value).toBe(5.8);
  });

  it('reads content stored before the mark existed (no content_json) as unmarked', () => {
    save('新增托位 120 个。', { value: null, noNewProgress: true });
    world.core.db.prepare('UPDATE reports SET content_json = NULL WHERE id = ?').run(task1);
    expect(view().indicators[0]?.noNewProgress).toBe(false);
    expect(view().content.indicatorValues[0]?.noNewProgress).toBeUndefined();
  });
});

describe('withdrawing needs a reason, shown to the drafter', () => {
  it('refuses a withdrawal without a reason and records the reason in the drafter’s 待办', () => {
    submit(save('新增托位 120 个。', { value: 5.8 }));
    const submitted = view(leader);
    const blank = refusal(() =>
      world.core.workflow.reports.transition(leader, {
        reportId: task1,
        version: submitted.version,
        event: 'report.withdraw',
      }),
    );
    expect(blank.code).toBe('forbidden');
    expect(blank.message).toContain('撤回时必须填写理由');
    expect(view().state).toBe('leadReview');
    expect(submitted.actions.find((a) => a.event === 'report.withdraw')?.needsReason).toBe(true);

    world.core.workflow.reports.transition(leader, {
      reportId: task1,
      version: submitted.version,
      event: 'report.withdraw',
      opinion: '指标口径有误，请核实后再报',
    });
    expect(view().state).toBe('drafting');
    const item = world.core.workflow.reportQueries.inbox(clerk).find((i) => i.reportId === task1);
    expect(item?.returnedReason).toBe('指标口径有误，请核实后再报');
    expect(item?.returnedLabel).toBe('已撤回');
    expect([view().returnedLabel, view().returnedReason]).toEqual(['已撤回', '指标口径有误，请核实后再报']);
    const entry = world.core.workflow.reportQueries.timeline(task1).at(-1);
    expect([entry?.event, entry?.opinion]).toEqual(['report.withdraw', '指标口径有误，请核实后再报']);
  });

  it('labels a return as 被退回', () => {
    submit(save('新增托位 120 个。', { value: 5.8 }));
    world.core.workflow.reports.transition(leaderEducation, {
      reportId: task1,
      version: view().version,
      event: 'report.return',
      opinion: '请补充数据',
    });
    expect(world.core.workflow.reportQueries.inbox(clerk).find((i) => i.reportId === task1)?.returnedLabel).toBe(
      '被退回',
    );
  });
});

describe('a double submit is done once', () => {
  it('answers the repeat of the same step from the same version with the first one’s result', () => {
    const version = save('新增托位 120 个。', { value: 5.8 });
    const first = submit(version);
    const second = submit(version);
    expect(second).toBe(first);
    expect(view().state).toBe('leadReview');
    const submits = world.core.workflow.reportQueries.timeline(task1).filter((e) => e.event === 'report.submit');
    expect(submits).toHaveLength(1);
  });

  it('still refuses a stale version when the last step was someone else’s or another step', () => {
    const version = save('新增托位 120 个。', { value: 5.8 });
    submit(version);
    // The leader of the same unit did not send the submit: theirs is a stale request.
    const other = refusal(() =>
      world.core.workflow.reports.transition(leader, { reportId: task1, version, event: 'report.submit' }),
    );
    expect(other.code).toBe('stale');
    // A different step from the old version is stale too.
    const withdraw = refusal(() =>
      world.core.workflow.reports.transition(clerk, {
        reportId: task1,
        version,
        event: 'report.withdraw',
        opinion: '撤回',
      }),
    );
    expect(withdraw.code).toBe('stale');
    // Two versions behind is not a repeat.
    world.core.workflow.reports.transition(leaderEducation, {
      reportId: task1,
      version: version + 1,
      event: 'report.approve',
    });
    expect(refusal(() => submit(version)).code).toBe('stale');
  });
});
