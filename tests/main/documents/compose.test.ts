import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../../src/shared/domain/documents';
import { taskStatusLabels, type TaskStatus } from '../../../src/shared/domain/ledgers';
import { createDocumentWorld, type DocumentWorld } from './world';

let world: DocumentWorld;
let roundId: number;
const filedText = '本季度新增普惠托位一百二十个，社区托育服务点全部挂牌运营（专用于公文测试）。';
const draftText = '尚未提交的草稿内容，不应出现在季度报告中（专用于公文测试）。';
let filedTaskNo = 0;
let draftTaskNo = 0;

beforeAll(async () => {
  world = await createDocumentWorld(2);
  roundId = world.roundId(2025, 3);
  const { core } = world;
  const rows = core.workflow.rounds.overview(roundId).rows.filter((r) => r.kind === 'task' && r.state === 'drafting');
  const [toFile, toLeave] = rows;
  if (!toFile || !toLeave) throw new Error('the demo round has too few drafts');
  // One draft gets distinctive text and goes all the way to filed; another keeps distinctive text unsubmitted.
  for (const [row, progress] of [
    [toFile, filedText],
    [toLeave, draftText],
  ] as const) {
    const view = core.workflow.reportQueries.get(world.coordinator, row.reportId);
    const clerk = world.actor(`u${view.reviewers[0]?.id ?? 0}.clerk`);
    core.workflow.reports.updateContent(clerk, row.reportId, view.version, { ...view.content, progress });
  }
  world.fileReport(toFile.reportId);
  filedTaskNo = toFile.no ?? 0;
  draftTaskNo = toLeave.no ?? 0;
}, 180_000);
afterAll(() => world.cleanup());

const statusByLabel = new Map(Object.entries(taskStatusLabels).map(([status, label]) => [label, status as TaskStatus]));

/** Level-3 headings of section 二 are the tasks: "8.大力发展…" with body "（牵头单位：…；正常推进）…". */
function taskHeadings(doc: OfficialDocument): { no: number; status: TaskStatus; body: string; category: string }[] {
  const start = doc.blocks.findIndex(
    (b) => b.type === 'heading' && b.level === 1 && b.text.endsWith('各项任务进展情况'),
  );
  const end = doc.blocks.findIndex((b, i) => i > start && b.type === 'heading' && b.level === 1);
  const tasks: { no: number; status: TaskStatus; body: string; category: string }[] = [];
  let category = '';
  for (const block of doc.blocks.slice(start + 1, end)) {
    if (block.type !== 'heading') continue;
    if (block.level === 2) category = block.text.replace(/^（[一二三四五六七八九十]+）/, '');
    if (block.level !== 3) continue;
    const status = /；(已完成|正常推进|进度滞后|超期未报|未报送)）/.exec(block.body ?? '')?.[1] ?? '';
    tasks.push({
      no: Number(/^(\d+)\./.exec(block.text)?.[1]),
      status: statusByLabel.get(status) ?? ('?' as TaskStatus),
      body: block.body ?? '',
      category,
    });
  }
  return tasks;
}

describe('the quarterly report composed from the database', () => {
  it('counts tasks by status exactly as the round overview does', () => {
    const doc = world.core.documents.composeQuarterly(roundId);
    const overview = world.core.workflow.rounds.overview(roundId).rows.filter((r) => r.kind === 'task');
    const expected: Record<TaskStatus, number> = { done: 0, onTrack: 0, lagging: 0, overdue: 0, unreported: 0 };
    for (const row of overview) expected[row.status] += 1;
    const tasks = taskHeadings(doc);
    const counted: Record<TaskStatus, number> = { done: 0, onTrack: 0, lagging: 0, overdue: 0, unreported: 0 };
    for (const task of tasks) counted[task.status] += 1;
    expect(tasks).toHaveLength(overview.length);
    expect(counted).toEqual(expected);
    // Each task carries its own row's status, not just the right totals.
    for (const row of overview) expect(tasks.find((t) => t.no === row.no)?.status).toBe(row.status);
    expect(expected.overdue).toBeGreaterThan(0);
    const summary = doc.blocks.find((b) => b.type === 'paragraph' && b.text.startsWith('《方案》确定的'));
    expect(summary?.type === 'paragraph' ? summary.text : '').toContain(`超期未报${expected.overdue}项`);
  });

  it('lists the categories and their tasks in the plan order', () => {
    const doc = world.core.documents.composeQuarterly(roundId);
    const plan = world.core.plan.overview();
    if (!plan) throw new Error('no plan');
    const tasks = taskHeadings(doc);
    const expectedOrder = [...plan.tasks].sort((a, b) => a.categoryNo - b.categoryNo || a.no - b.no);
    expect(tasks.map((t) => t.no)).toEqual(expectedOrder.map((t) => t.no));
    const categoryTitle = new Map(plan.categories.map((c) => [c.no, c.title.trim()]));
    for (const task of tasks) {
      const planned = plan.tasks.find((t) => t.no === task.no);
      expect(task.category).toBe(categoryTitle.get(planned?.categoryNo ?? 0));
    }
    const categoryHeadings = doc.blocks.filter(
      (b) => b.type === 'heading' && b.level === 2 && /^（[一二三四五]）/.test(b.text),
    );
    expect(
      categoryHeadings.slice(0, plan.categories.length).map((b) => (b.type === 'heading' ? b.text.slice(3) : '')),
    ).toEqual(plan.categories.map((c) => c.title.trim()));
  });

  it("prints a filed report's text and leaves out a draft that was never submitted", () => {
    const doc = world.core.documents.composeQuarterly(roundId);
    const tasks = taskHeadings(doc);
    expect(tasks.find((t) => t.no === filedTaskNo)?.body).toContain(filedText);
    expect(JSON.stringify(doc)).not.toContain(draftText);
    expect(tasks.find((t) => t.no === draftTaskNo)?.body).toMatch(
      /；(超期未报|未报送)）(截至报送时限，牵头单位未报送本季度进展情况。|牵头单位尚未报送本季度进展情况。)$/,
    );
    expect(doc.title).toBe('关于2025年第三季度儿童友好城市建设工作进展情况的报告');
    expect(doc.header.docNumber).toBeNull();
    expect(doc.signature.date).toBe('2025-11-15');
    expect(doc.addressee).toBe('郑州经济技术开发区管理委员会');
    expect(doc.closing.printer).toBe('郑州经济技术开发区儿童友好城市建设工作专班办公室');
  });

  it('tabulates every indicator of the round with its baseline and the value the task reported', () => {
    const { core } = world;
    const doc = core.documents.composeQuarterly(roundId);
    const table = doc.attachments[0]?.blocks[0];
    if (table?.type !== 'table') throw new Error('no indicator table');
    const plan = core.plan.overview();
    const indicatorCount = plan ? plan.tasks.reduce((n, t) => n + t.indicatorCount, 0) : 0;
    expect(table.rows).toHaveLength(indicatorCount);
    // A filed report's values appear in its task's rows; with a baseline, the 基期值 column shows it.
    const filed = core.workflow.rounds
      .overview(roundId)
      .rows.find((r) => r.kind === 'task' && r.state === 'filed' && r.no !== filedTaskNo && r.revision === 1);
    const view = filed ? core.workflow.reportQueries.get(world.coordinator, filed.reportId) : null;
    const withValue = view?.indicators.find((i) => i.value !== null);
    if (!filed || !withValue || withValue.value === null)
      throw new Error('the demo round has no filed report with an indicator value');
    const row = table.rows.find((r) => r[1] === String(filed.no) && r[2] === withValue.metric);
    expect(row?.[5]).toBe(String(Math.round(withValue.value * 10_000) / 10_000));
    expect(row?.[4]).toBe(withValue.baselineValue === null ? '—' : String(withValue.baselineValue));
    // 是否达到序时进度 by the progress rule: a value that cannot be judged is never called 是.
    expect(row?.[8]).toEqual(withValue.lagging ? '否' : expect.stringMatching(/^(是|是（已达标）|无法判断)$/));
  });
});

describe('the bulletin and the task report', () => {
  it('names exactly the lagging and overdue tasks, with the unit that did not report', () => {
    const { core } = world;
    const doc = core.documents.composeBulletin(roundId);
    const rows = core.workflow.rounds.overview(roundId).rows.filter((r) => r.kind === 'task');
    const behind = rows.filter((r) => r.status === 'lagging' || r.status === 'overdue');
    const list = doc.attachments[0]?.blocks[0];
    if (list?.type !== 'table') throw new Error('no task list');
    expect(list.rows.map((r) => Number(r[1])).sort((a, b) => a - b)).toEqual(
      behind.map((r) => r.no).sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    const overdue = behind.find((r) => r.status === 'overdue' && r.state === 'drafting');
    if (!overdue) throw new Error('no overdue task');
    const row = list.rows.find((r) => r[1] === String(overdue.no));
    expect(row?.[4]).toBe(overdue.awaiting.join('、'));
    expect(row?.[5]).toBe('超期未报');
    expect(doc.title).toBe('关于2025年第三季度儿童友好城市建设任务进度滞后和超期未报情况的通报');
  });

  it("composes one task's report from that revision, dated the day it was filed", () => {
    const { core } = world;
    const row = core.workflow.rounds.overview(roundId).rows.find((r) => r.kind === 'task' && r.no === filedTaskNo);
    if (!row) throw new Error('no filed task');
    const doc = core.documents.composeTaskReport(row.reportId);
    const text = JSON.stringify(doc);
    expect(text).toContain(filedText);
    expect(doc.kind).toBe('task');
    expect(doc.title).toContain(row.title.trim());
    expect(doc.signature.organization).toBe(row.leadUnits[0]);
    expect(doc.signature.date).toBe('2025-11-15');
    expect(text).toContain(`截至2025年第三季度末，该任务${row.statusLabel}。`);
    expect(() => core.documents.composeTaskReport(999_999)).toThrow(/未找到编号为 999999 的报告/);
  });
});

describe('a filed report reopened for correction', () => {
  it('keeps printing the filed text until the correction is filed, and counts as the overview does', () => {
    const { core, coordinator } = world;
    const row = core.workflow.rounds.overview(roundId).rows.find((r) => r.kind === 'task' && r.no === filedTaskNo);
    if (!row) throw new Error('no filed task');
    const correction = '更正后的进展：新增普惠托位一百三十个（专用于公文测试）。';
    const revision = core.workflow.reports.reopen(coordinator, row.reportId, row.version, '数据更正');
    const view = core.workflow.reportQueries.get(coordinator, revision);
    const clerk = world.actor(`u${view.reviewers[0]?.id ?? 0}.clerk`);
    core.workflow.reports.updateContent(clerk, revision, view.version, { ...view.content, progress: correction });
    const text = JSON.stringify(core.documents.composeQuarterly(roundId));
    expect(text).toContain(filedText);
    expect(text).not.toContain(correction);

    world.fileReport(revision);
    const after = core.documents.composeQuarterly(roundId);
    expect(JSON.stringify(after)).toContain(correction);
    expect(JSON.stringify(after)).not.toContain(filedText);
    const overview = core.workflow.rounds.overview(roundId).rows.filter((r) => r.kind === 'task');
    for (const r of overview) expect(taskHeadings(after).find((t) => t.no === r.no)?.status).toBe(r.status);
  });
});
