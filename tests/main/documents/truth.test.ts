import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { Block, OfficialDocument } from '../../../src/shared/domain/documents';
import { completeDraft } from '../workflow/helpers';
import { createDocumentWorld, type DocumentWorld } from './world';

/**
 * Each untrue statement of issue 12, reproduced on a fresh round of the demo: what the documents,
 * the dashboard and the ledgers say follows from submitted reports only.
 */

let world: DocumentWorld;
let q4: number;

beforeAll(async () => {
  world = await createDocumentWorld(1);
  // "Now" is 2025-11-15: the fourth quarter's round is open, nothing reported yet.
  q4 = world.core.workflow.rounds.open(world.coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' }).id;
}, 180_000);
afterAll(() => world.cleanup());

const textOf = (blocks: Block[]): string =>
  blocks
    .map((b) => (b.type === 'paragraph' ? b.text : b.type === 'heading' ? `${b.text}${b.body ?? ''}` : ''))
    .join('\n');
const allText = (doc: OfficialDocument): string => textOf(doc.blocks);

/** The task number and exact metric name of the plan's indicator whose name matches. */
function indicatorLike(pattern: string): { no: number; metric: string } {
  const row = world.core.db
    .prepare(
      `SELECT t.no, i.metric FROM indicators i JOIN tasks t ON t.id = i.task_id WHERE i.metric LIKE ? AND i.retired_at IS NULL ORDER BY t.no LIMIT 1`,
    )
    .get(`%${pattern}%`) as { no: number; metric: string } | undefined;
  if (!row) throw new Error(`seed changed: no indicator like ${pattern}`);
  return row;
}

function taskReportOf(no: number): { reportId: number; clerk: Actor } {
  const row = world.core.workflow.rounds.overview(q4).rows.find((r) => r.kind === 'task' && r.no === no);
  if (!row) throw new Error(`no task ${no}`);
  const view = world.core.workflow.reportQueries.get(world.coordinator, row.reportId);
  return { reportId: row.reportId, clerk: world.actor(`u${view.reviewers[0]?.id ?? 0}.clerk`) };
}

function edit(
  no: number,
  change: Partial<{ progress: string; problems: string; completed: boolean; values: [string, number][] }>,
): number {
  const { reportId, clerk } = taskReportOf(no);
  const view = world.core.workflow.reportQueries.get(clerk, reportId);
  const values = new Map(view.content.indicatorValues.map((v) => [v.indicatorId, v]));
  for (const [metric, value] of change.values ?? []) {
    const indicator = view.indicators.find((i) => i.metric === metric);
    if (!indicator) throw new Error(`task ${no} has no ${metric}`);
    values.set(indicator.indicatorId, { indicatorId: indicator.indicatorId, value, note: '' });
  }
  world.core.workflow.reports.updateContent(clerk, reportId, view.version, {
    ...view.content,
    progress: change.progress ?? view.content.progress,
    problems: change.problems ?? view.content.problems,
    completed: change.completed ?? view.content.completed,
    indicatorValues: [...values.values()],
  });
  return reportId;
}

/** Submit, marking every indicator without a value 无新进展 (submission asks an answer for each). */
function submit(no: number): void {
  const { reportId, clerk } = taskReportOf(no);
  const version = completeDraft(world.core, clerk, reportId);
  world.core.workflow.reports.transition(clerk, { reportId, version, event: 'report.submit' });
}

describe('a round where nothing has been reported', () => {
  it('the compiled report calls every task 未报送, never 正常推进, and names the denominator', () => {
    const doc = world.core.documents.composeQuarterly(q4);
    const text = allText(doc);
    const tasks = world.core.workflow.rounds.overview(q4).rows.filter((r) => r.kind === 'task').length;
    expect(text).toContain(`未报送${tasks}项`);
    expect(text).not.toMatch(/正常推进\d+项|占100%/);
    expect(text).toContain('各项任务均未报送本季度进展情况');
    expect(text).not.toContain('推进总体顺利');
  });

  it('the bulletin neither says "no lagging task" of unreported ones nor sets a date before the round deadline', () => {
    const doc = world.core.documents.composeBulletin(q4);
    const text = allText(doc);
    expect(text).not.toContain('本季度无进度滞后和超期未报的任务');
    expect(text).toContain('尚未报送本季度进展情况（报送时限为2026年1月10日）');
    // No lagging task: no rectification order at all; any date it names is on or after the deadline.
    expect(text).not.toContain('请进度滞后任务的牵头单位');
    for (const [, y, m, d] of text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日前/g)) {
      expect(Date.UTC(Number(y), Number(m) - 1, Number(d))).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 10));
    }
  });
});

describe('drafts are not reports', () => {
  it("a clerk's draft values appear on no dashboard and in no ledger until submitted", async () => {
    // 每千人口托位数 ≥ 6 — a draft value far behind pace.
    const cribs = indicatorLike('托位数');
    const reportId = edit(cribs.no, { values: [[cribs.metric, 0.5]] });
    const pace = world.core.dashboard.indicators(q4).indicators.filter((i) => i.taskNo === cribs.no);
    expect(pace.length).toBeGreaterThan(0);
    for (const i of pace) {
      expect(i.value).toBeNull();
      expect(i.lagging).toBe(false);
      expect(i.rating).toBe('unreported');
    }
    const ledger = await world.core.ledgers.exportLedger({ kind: 'indicator', roundId: q4 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(ledger.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === cribs.metric) {
        found = true;
        expect(row.getCell(7).value ?? null).toBeNull();
      }
    });
    expect(found).toBe(true);
    expect(world.core.workflow.rounds.overview(q4).rows.find((r) => r.reportId === reportId)?.status).toBe(
      'unreported',
    );

    submit(cribs.no);
    const after = world.core.dashboard
      .indicators(q4)
      .indicators.find((i) => i.taskNo === cribs.no && i.metric === cribs.metric);
    expect(after?.value).toBe(0.5);
    expect(after?.rating).toBe('lagging');
    expect(after?.expected).not.toBeNull();
  });
});

describe('a task is 已完成 only when its report says so', () => {
  it('indicators that meet their caps do not make a task done', () => {
    // 12岁儿童龋患率 ≤ 25% — under the cap, but 本任务已全部完成 not ticked.
    const caries = indicatorLike('龋患率');
    const { reportId, clerk } = taskReportOf(caries.no);
    const view = world.core.workflow.reportQueries.get(clerk, reportId);
    // Every indicator of the task meets its target: each value is the target itself (or half a cap).
    const targets = world.core.db
      .prepare(
        'SELECT id, comparator, value, value2 FROM indicators WHERE task_id = (SELECT task_id FROM reports WHERE id = ?)',
      )
      .all(reportId) as { id: number; comparator: string; value: number; value2: number | null }[];
    const meeting = (t: (typeof targets)[number]): number =>
      t.comparator === 'lte' || t.comparator === 'lt'
        ? t.value / 2
        : t.comparator === 'fromTo'
          ? (t.value2 ?? t.value)
          : t.value;
    world.core.workflow.reports.updateContent(clerk, reportId, view.version, {
      ...view.content,
      progress: '开展口腔检查。',
      indicatorValues: view.indicators.map((i) => {
        const t = targets.find((x) => x.id === i.indicatorId);
        return { indicatorId: i.indicatorId, value: t ? meeting(t) : null, note: '', noNewProgress: !t };
      }),
    });
    submit(caries.no);
    const row = world.core.workflow.rounds.overview(q4).rows.find((r) => r.kind === 'task' && r.no === caries.no);
    expect(row?.status).not.toBe('done');
    const doc = world.core.documents.composeTaskReport(row?.reportId ?? 0);
    expect(allText(doc)).not.toContain('该任务已完成');
  });
});

describe('存在的问题 lists only real problems', () => {
  it('leaves out tasks whose report says there is none', () => {
    edit(13, { progress: '接种工作有序开展。', problems: '暂无突出问题。' });
    submit(13);
    edit(9, { progress: '控辍保学。', problems: '学位供给仍偏紧。' });
    submit(9);
    const text = allText(world.core.documents.composeQuarterly(q4));
    const problems = text.slice(text.indexOf('存在的问题'), text.indexOf('下一步工作安排'));
    expect(problems).toContain('学位供给仍偏紧');
    expect(problems).not.toContain('暂无突出问题');
    expect(problems).not.toMatch(/第13项“/);
  });
});

describe('indicator values that mean what they say', () => {
  it('refuses a negative value on save and an implausible one on submit without a reason', () => {
    const workers = indicatorLike('社会工作者');
    expect(() => edit(workers.no, { values: [[workers.metric, -5]] })).toThrow(/不能为负数/);
    edit(workers.no, { progress: '社工队伍建设。', values: [[workers.metric, 99_999_999_999]] });
    expect(() => submit(workers.no)).toThrow(/10 倍.*说明/);
    // With a reason in 说明, the value is the unit's to stand by.
    const { reportId, clerk } = taskReportOf(workers.no);
    const view = world.core.workflow.reportQueries.get(clerk, reportId);
    world.core.workflow.reports.updateContent(clerk, reportId, view.version, {
      ...view.content,
      indicatorValues: view.content.indicatorValues.map((v) =>
        v.value === 99_999_999_999 ? { ...v, note: '统计口径含全市' } : v,
      ),
    });
    expect(() => submit(workers.no)).not.toThrow();
  });
});
