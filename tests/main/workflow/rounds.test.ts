import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localContext } from '../../../src/main/core/context';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { dialectOf } from '../../../src/main/core/db/dialect';
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

const rounds = () => world.core.workflow.rounds;
const queries = () => world.core.workflow.reportQueries;

function openQ3() {
  const round = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const rows = rounds().overview(round.id).rows;
  const id = (label: string) => {
    const row = rows.find((r) => r.subjectLabel === label);
    if (!row) throw new Error(`no row ${label}`);
    return row.reportId;
  };
  return { round, task1: id('任务1'), task2: id('任务2'), project: id('重点工程1') };
}

function act(
  actor: Actor,
  reportId: number,
  event: 'report.submit' | 'report.approve' | 'report.sign' | 'report.file',
  opinion?: string,
) {
  const version = queries().get(actor, reportId).version;
  world.core.workflow.reports.transition(actor, {
    reportId,
    version,
    event,
    ...(opinion === undefined ? {} : { opinion }),
  });
  return queries().get(actor, reportId);
}

function write(actor: Actor, reportId: number, progress: string) {
  const view = queries().get(actor, reportId);
  world.core.workflow.reports.updateContent(actor, reportId, view.version, {
    progress,
    problems: '',
    nextSteps: '',
    completed: false,
    indicatorValues: view.indicators.map((i) => ({ indicatorId: i.indicatorId, value: 3, note: '' })),
  });
}

/** Task 1 through review and sign-off to 待归档. */
function toFiling(task1: number) {
  write(people.clerkSocial, task1, '本季度新增托位 120 个。');
  act(people.clerkSocial, task1, 'report.submit');
  act(people.leaderSocial, task1, 'report.approve');
  act(people.leaderEducation, task1, 'report.approve');
  for (const signer of [people.leaderHealth, people.leaderFinance, people.leaderMinghu, people.leaderChaohe])
    act(signer, task1, 'report.sign');
}

const count = (sql: string, ...params: unknown[]) => (world.core.db.prepare(sql).get(...params) as { n: number }).n;
const lastAudit = () =>
  world.core.db.prepare('SELECT event, opinion, details_json FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { event: string; opinion: string; details_json: string } | undefined;

describe('opening a round: which quarters', () => {
  it('refuses a year before the plan was issued and names the quarters that may be opened', () => {
    // The test plan is 测管〔2023〕1号; it is 2025-10-01 in Beijing, so 2026年第一季度 is the latest.
    const error = refusal(() => rounds().open(people.coordinator, { year: 1999, quarter: 4, deadline: '2000-01-10' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      '1999年第四季度早于工作方案的实施期，不能开启。可以开启的季度为2023年第一季度至2026年第一季度。',
    );
    expect(rounds().list()).toEqual([]);
  });

  it('refuses 1999 through the contract too, instead of clamping it to 2000', async () => {
    const dispatcher = createDispatcher(world.core, () => undefined);
    const context = localContext('http');
    expect((await dispatcher.call('auth.login', { username: 'coord', password: 'password-123' }, context)).ok).toBe(
      true,
    );
    const result = await dispatcher.call('rounds.open', { year: 1999, quarter: 4, deadline: '2000-01-10' }, context);
    expect(result.ok ? 'opened' : result.error.message).toContain('1999年第四季度早于工作方案的实施期');
    expect(
      rounds()
        .list()
        .map((r) => r.label),
    ).not.toContain('2000年第四季度');
  });

  it('refuses a quarter after the next one, measured in Beijing time', () => {
    world.clock.set(new Date('2024-05-01T04:00:00Z'));
    expect(
      refusal(() => rounds().open(people.coordinator, { year: 2024, quarter: 4, deadline: '2025-01-10' })).message,
    ).toBe('2024年第四季度晚于下一季度，不能开启。可以开启的季度为2023年第一季度至2024年第三季度。');
    expect(rounds().open(people.coordinator, { year: 2024, quarter: 3, deadline: '2024-10-10' }).label).toBe(
      '2024年第三季度',
    );
    // 2024-06-30 17:00 UTC is already 1 July in Beijing: the quarter in progress is the third.
    world.clock.set(new Date('2024-06-30T17:00:00Z'));
    expect(rounds().window().label).toBe('2023年第一季度至2024年第四季度');
    expect(rounds().open(people.coordinator, { year: 2024, quarter: 4, deadline: '2025-01-10' }).label).toBe(
      '2024年第四季度',
    );
  });

  it('refuses a quarter after the period an administrator set for the plan', () => {
    world.core.db
      .prepare(`INSERT INTO settings (key, value) VALUES ('rounds.period', '{"from":2023,"to":2025}')`)
      .run();
    world.clock.set(new Date('2026-02-01T04:00:00Z'));
    expect(
      refusal(() => rounds().open(people.coordinator, { year: 2026, quarter: 1, deadline: '2026-04-10' })).message,
    ).toBe('2026年第一季度晚于工作方案的实施期，不能开启。可以开启的季度为2023年第一季度至2025年第四季度。');
  });

  it('refuses a deadline before the quarter begins or more than a year after it ends', () => {
    const early = refusal(() => rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-06-30' }));
    expect(early).toMatchObject({ code: 'invalid_input', field: 'deadline' });
    expect(early.message).toBe(
      '2025年第三季度的报送截止日期应在 2025年7月1日 至 2026年9月30日 之间，2025年6月30日 不在此范围内。',
    );
    expect(
      refusal(() => rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2026-10-01' })).field,
    ).toBe('deadline');
  });
});

describe('changing a deadline', () => {
  it('moves the deadline with an audit entry, under the same rule as opening, coordinators only', () => {
    const { round } = openQ3();
    expect(refusal(() => rounds().setDeadline(people.leaderSocial, round.id, '2025-10-20')).code).toBe('forbidden');
    expect(refusal(() => rounds().setDeadline(people.coordinator, round.id, '2024-12-31')).field).toBe('deadline');
    const moved = rounds().setDeadline(people.coordinator, round.id, '2025-10-20');
    expect(moved.deadline).toBe('2025-10-20');
    expect(lastAudit()).toMatchObject({
      event: 'round.deadline',
      opinion: '2025年第三季度报送截止日期由 2025年10月10日 改为 2025年10月20日',
    });
    expect(queries().get(people.clerkSocial, queries().inbox(people.clerkSocial)[0]?.reportId ?? 0).deadline).toBe(
      '2025-10-20',
    );
  });
});

describe('deleting a round', () => {
  it('removes the round with its reports, values, parties, attachments and files, and search entries, in one go', () => {
    const { round, task1 } = openQ3();
    write(people.clerkSocial, task1, '托育机构建设进展顺利。');
    const version = queries().get(people.clerkSocial, task1).version;
    world.core.workflow.reports.addAttachment(
      people.clerkSocial,
      task1,
      version,
      '照片.png',
      Buffer.from('only in this round').toString('base64'),
    );
    // The same file content attached in another round stays on disk for that round.
    const other = rounds().open(people.coordinator, { year: 2025, quarter: 2, deadline: '2025-07-10' });
    const otherTask =
      rounds()
        .overview(other.id)
        .rows.find((r) => r.subjectLabel === '任务1')?.reportId ?? 0;
    world.core.workflow.reports.addAttachment(
      people.clerkSocial,
      otherTask,
      queries().get(people.clerkSocial, otherTask).version,
      '共用.pdf',
      Buffer.from('shared bytes').toString('base64'),
    );
    world.core.workflow.reports.addAttachment(
      people.clerkSocial,
      task1,
      queries().get(people.clerkSocial, task1).version,
      '共用.pdf',
      Buffer.from('shared bytes').toString('base64'),
    );
    world.core.search.catchUpReports();
    const ids = world.core.db
      .prepare('SELECT id FROM reports WHERE round_id = ?')
      .all(round.id)
      .map((r) => (r as { id: number }).id);
    const files = world.core.db
      .prepare(
        'SELECT DISTINCT stored_name AS s FROM attachments WHERE report_id IN (SELECT id FROM reports WHERE round_id = ?)',
      )
      .all(round.id) as { s: string }[];
    expect(ids.length).toBe(4);
    expect(
      count(`SELECT count(*) AS n FROM search_docs WHERE kind = 'report' AND ref_id IN (${ids.join(',')})`),
    ).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM report_indicator_values WHERE report_id IN (${ids.join(',')})`)).toBe(1);

    const result = rounds().delete(people.coordinator, round.id);
    expect(result).toEqual({ reports: 4, attachments: 2 });
    const list = ids.join(',');
    for (const table of ['report_parties', 'report_signatures', 'report_indicator_values', 'attachments']) {
      expect(count(`SELECT count(*) AS n FROM ${table} WHERE report_id IN (${list})`), table).toBe(0);
    }
    expect(count(`SELECT count(*) AS n FROM reports WHERE round_id = ?`, round.id)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM rounds WHERE id = ?`, round.id)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM search_docs WHERE kind = 'report' AND ref_id IN (${list})`)).toBe(0);
    // The search index beside search_docs: FTS5 on SQLite, the gram arrays on PostgreSQL.
    const index = dialectOf(world.core.db) === 'postgres' ? 'search_grams' : 'search_fts';
    expect(count(`SELECT count(*) AS n FROM ${index}`)).toBe(count(`SELECT count(*) AS n FROM search_docs`));
    const kept = files.filter((f) => world.core.attachments.has(f.s));
    expect(kept).toHaveLength(1); // the shared one
    expect(
      world.core.workflow.reports.readAttachment(
        (world.core.db.prepare('SELECT id FROM attachments WHERE report_id = ?').get(otherTask) as { id: number }).id,
      ).fileName,
    ).toBe('共用.pdf');
    expect(lastAudit()).toMatchObject({ event: 'round.delete', opinion: '2025年第三季度（截止日期 2025-10-10）' });
    expect(world.core.workflow.audit.verify().ok).toBe(true);
    expect(
      rounds()
        .list()
        .map((r) => r.label),
    ).toEqual(['2025年第二季度']);
    // The quarter can be opened again.
    expect(rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).label).toBe(
      '2025年第三季度',
    );
  });

  it('also removes a compiled report still in drafting', () => {
    const { round } = openQ3();
    world.user('force.leader', ['coordinator', 'leader'], unitNames.economy, '专班组长');
    rounds().createCompiled(people.coordinator, round.id, {});
    expect(rounds().delete(people.coordinator, round.id).reports).toBe(5);
  });

  it('is refused once any report of the round was submitted, even if it came back to drafting', () => {
    const { round, task1 } = openQ3();
    write(people.clerkSocial, task1, '进展');
    act(people.clerkSocial, task1, 'report.submit');
    world.core.workflow.reports.transition(people.clerkSocial, {
      reportId: task1,
      version: queries().get(people.clerkSocial, task1).version,
      event: 'report.withdraw',
      opinion: '继续修改',
    });
    expect(queries().get(people.clerkSocial, task1).state).toBe('drafting');
    const error = refusal(() => rounds().delete(people.coordinator, round.id));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      '2025年第三季度已有 1 份报告提交过，不能删除该轮次（提交记录须保留）。如是开错了轮次，请关闭它；如截止日期有误，请修改截止日期。',
    );
    expect(rounds().list()).toHaveLength(1);
  });

  it('is for coordinators only', () => {
    const { round } = openQ3();
    expect(refusal(() => rounds().delete(people.leaderSocial, round.id)).message).toBe('只有专班可以删除填报轮次。');
  });
});

describe('reopening a closed round', () => {
  it('needs the people.coordinator role and a reason, and is audited', () => {
    const { round, task2 } = openQ3();
    rounds().close(people.coordinator, round.id);
    const admin = world.user('admin', ['admin'], null, '管理员');
    expect(refusal(() => rounds().reopen(admin, round.id, '补报')).message).toBe('只有专班可以重新开启填报轮次。');
    expect(refusal(() => rounds().reopen(people.leaderHealth, round.id, '补报')).code).toBe('forbidden');
    expect(refusal(() => rounds().reopen(people.coordinator, round.id, '   '))).toMatchObject({
      code: 'invalid_input',
      field: 'reason',
    });
    expect(queries().get(people.clerkHealth, task2).canEdit).toBe(false);
    const reopened = rounds().reopen(people.coordinator, round.id, '卫健委申请补报');
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    expect(lastAudit()).toMatchObject({ event: 'round.reopen', opinion: '卫健委申请补报' });
    expect(queries().get(people.clerkHealth, task2).canEdit).toBe(true);
    expect(refusal(() => rounds().reopen(people.coordinator, round.id, '再来')).code).toBe('conflict');
  });
});

describe('closing a round with reports still open', () => {
  it('lists what is open, by state, with the units awaited', () => {
    const { round, task1 } = openQ3();
    write(people.clerkSocial, task1, '进展');
    act(people.clerkSocial, task1, 'report.submit');
    const preview = rounds().closePreview(people.coordinator, round.id);
    expect(preview.counts).toMatchObject({ drafting: 3, leadReview: 1, signOff: 0, filing: 0 });
    expect(preview.pending.find((p) => p.reportId === task1)).toMatchObject({
      subjectLabel: '任务1',
      stateLabel: '牵头单位审核',
      awaiting: [unitNames.social, unitNames.education],
    });
    expect(refusal(() => rounds().closePreview(people.leaderSocial, round.id)).code).toBe('forbidden');
  });

  it('keeps submitted reports in the inbox of whoever acts next, with their buttons, after closing', () => {
    const { round, task1, task2 } = openQ3();
    write(people.clerkSocial, task1, '进展');
    act(people.clerkSocial, task1, 'report.submit');
    rounds().close(people.coordinator, round.id, { fileReady: false, remaining: 'leaveUnfinished' });
    // In review: the lead units' leaders still see it and can approve.
    expect(
      queries()
        .inbox(people.leaderSocial)
        .map((i) => i.reportId),
    ).toContain(task1);
    expect(
      queries()
        .get(people.leaderSocial, task1)
        .actions.map((a) => a.event),
    ).toContain('report.approve');
    act(people.leaderSocial, task1, 'report.approve');
    act(people.leaderEducation, task1, 'report.approve');
    expect(
      queries()
        .inbox(people.leaderHealth)
        .map((i) => i.reportId),
    ).toContain(task1);
    for (const signer of [people.leaderHealth, people.leaderFinance, people.leaderMinghu, people.leaderChaohe])
      act(signer, task1, 'report.sign');
    expect(
      queries()
        .inbox(people.coordinator)
        .map((i) => i.reportId),
    ).toContain(task1);
    expect(act(people.coordinator, task1, 'report.file').state).toBe('filed');
    // Left unfinished: the drafting report is no longer writable and leaves the drafters' inbox.
    expect(
      queries()
        .inbox(people.clerkHealth)
        .map((i) => i.reportId),
    ).not.toContain(task2);
    expect(queries().get(people.clerkHealth, task2).canEdit).toBe(false);
  });

  it("carried over, drafting reports stay writable and submittable in the drafters' inbox", () => {
    const { round, task2 } = openQ3();
    const closed = rounds().close(people.coordinator, round.id, { fileReady: false, remaining: 'carryOver' });
    expect(closed).toMatchObject({ status: 'closed', carryOver: true });
    expect(
      queries()
        .inbox(people.clerkHealth)
        .map((i) => i.reportId),
    ).toContain(task2);
    expect(queries().get(people.clerkHealth, task2).canEdit).toBe(true);
    write(people.clerkHealth, task2, '补报本季度进展。');
    expect(act(people.clerkHealth, task2, 'report.submit').state).toBe('leadReview');
    expect(lastAudit()?.event).toBe('report.submit');
  });

  it('files everything waiting to be filed as part of closing, in the same step', () => {
    const { round, task1 } = openQ3();
    toFiling(task1);
    expect(queries().get(people.coordinator, task1).state).toBe('filing');
    const closed = rounds().close(people.coordinator, round.id, { fileReady: true, remaining: 'leaveUnfinished' });
    expect(closed.filedCount).toBe(1);
    const view = queries().get(people.coordinator, task1);
    expect(view.state).toBe('filed');
    expect(view.archiveNo).toBe('经开儿童落实档〔2025〕0001号');
    const entry = lastAudit();
    expect(entry).toMatchObject({ event: 'round.close', opinion: '随关闭归档 1 份；3 份报告未办结，保留为未完成' });
    expect(world.core.workflow.audit.verify().ok).toBe(true);
  });

  it("without filing, a report waiting to be filed stays in the coordinator's inbox", () => {
    const { round, task1 } = openQ3();
    toFiling(task1);
    rounds().close(people.coordinator, round.id, { fileReady: false, remaining: 'leaveUnfinished' });
    const item = queries()
      .inbox(people.coordinator)
      .find((i) => i.reportId === task1);
    expect(item?.action).toBe('file');
  });
});
