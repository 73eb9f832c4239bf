import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { Block, OfficialDocument } from '../../../src/shared/domain/documents';
import {
  taskStatusLabels,
  taskStatuses,
  type StatusCounts,
  type TaskStatus,
} from '../../../src/shared/domain/progress';
import { column, rowOf, text, workbookOf } from '../ledgers/world';
import { createDocumentWorld, type DocumentWorld } from './world';

/**
 * The property of issue 12: for the same round, every screen and document states the same counts.
 * Random rounds are made from the demo by a seeded sequence of ordinary actions (edit, submit, file,
 * return, reopen); after each batch the overview, the dashboard, the compiled report, the bulletin
 * and the task and indicator ledgers are read back and compared.
 */

let world: DocumentWorld;
let roundId: number;

beforeAll(async () => {
  world = await createDocumentWorld(1);
  roundId = world.roundId(2025, 3);
}, 180_000);
afterAll(() => world.cleanup());

/** mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const problemsPool = ['暂无突出问题。', '', '资金拨付进度较慢。', '无', '用地指标紧张，项目前期手续尚未完成。'];

function randomAction(random: () => number): void {
  const { core } = world;
  const rows = core.workflow.rounds.overview(roundId).rows.filter((r) => r.kind === 'task');
  const row = rows[Math.floor(random() * rows.length)];
  if (!row) return;
  const view = core.workflow.reportQueries.get(world.coordinator, row.reportId);
  const clerk: Actor = world.actor(`u${view.reviewers[0]?.id ?? 0}.clerk`);
  const pick = random();
  if (view.state === 'drafting') {
    const values = view.indicators.map((i) => {
      // Around the target: some met, some behind, some missing.
      const scale = Math.abs(i.baselineValue ?? 0) + 1;
      const base = Number(/[\d.]+/.exec(i.target)?.[0] ?? scale);
      const value = random() < 0.2 ? null : Math.round(base * (0.3 + random()) * 100) / 100;
      // A missing value is answered 无新进展, as submission requires.
      return {
        indicatorId: i.indicatorId,
        value: i.target.includes('%') && value !== null ? Math.min(value, 100) : value,
        note: '',
        noNewProgress: value === null,
      };
    });
    const own = core.workflow.reportQueries.get(clerk, row.reportId);
    core.workflow.reports.updateContent(clerk, row.reportId, own.version, {
      progress: random() < 0.1 ? '' : `随机进展${Math.floor(random() * 1000)}`,
      problems: problemsPool[Math.floor(random() * problemsPool.length)] ?? '',
      nextSteps: '',
      completed: random() < 0.15,
      indicatorValues: values,
    });
    if (pick < 0.6) {
      const fresh = core.workflow.reportQueries.get(clerk, row.reportId);
      if (fresh.content.progress.trim() === '') return;
      core.workflow.reports.transition(clerk, {
        reportId: row.reportId,
        version: fresh.version,
        event: 'report.submit',
      });
      if (pick < 0.25) world.fileReport(row.reportId);
    }
    return;
  }
  if (view.state === 'leadReview' && pick < 0.5) {
    const leader = world.actor(`u${view.reviewers[0]?.id ?? 0}.leader`);
    core.workflow.reports.transition(leader, {
      reportId: row.reportId,
      version: view.version,
      event: 'report.return',
      opinion: '请补充数据',
    });
    return;
  }
  if (view.state === 'filed' && view.canReopen && pick < 0.5) {
    core.workflow.reports.reopen(world.coordinator, row.reportId, view.version, '补充数据');
    return;
  }
  if (view.state !== 'filed') world.fileReport(row.reportId);
}

const textOf = (blocks: Block[]): string =>
  blocks
    .map((b) => (b.type === 'paragraph' ? b.text : b.type === 'heading' ? `${b.text}${b.body ?? ''}` : ''))
    .join('\n');

/** Counts as a summary sentence states them: "已完成3项，正常推进40项……" (a status left out is 0). */
function countsStated(sentence: string): StatusCounts {
  const counts = Object.fromEntries(taskStatuses.map((s) => [s, 0])) as StatusCounts;
  for (const status of taskStatuses) {
    const match = new RegExp(`${taskStatusLabels[status]}(\\d+)项`).exec(sentence);
    if (match) counts[status] = Number(match[1]);
  }
  return counts;
}

function summaryOf(doc: OfficialDocument): string {
  const block = doc.blocks.find(
    (b) => b.type === 'paragraph' && b.text.startsWith('《方案》确定的') && b.text.includes('建设任务'),
  );
  return block?.type === 'paragraph' ? block.text : '';
}

/** Statuses of section 二's task headings ("（牵头单位：…；进度滞后）"). */
function headingStatuses(doc: OfficialDocument): Map<number, TaskStatus> {
  const byLabel = new Map(taskStatuses.map((s) => [taskStatusLabels[s], s]));
  const out = new Map<number, TaskStatus>();
  for (const b of doc.blocks) {
    if (b.type !== 'heading' || b.level !== 3) continue;
    const label = /；([^；）]+)）/.exec(b.body ?? '')?.[1];
    const status = label ? byLabel.get(label) : undefined;
    if (status) out.set(Number(/^(\d+)\./.exec(b.text)?.[1]), status);
  }
  return out;
}

async function statesOfEveryOutput(): Promise<void> {
  const { core } = world;
  const overview = core.workflow.rounds.overview(roundId);
  const rows = overview.rows.filter((r) => r.kind === 'task');
  const truth = new Map(rows.map((r) => [r.no ?? 0, r.status]));
  const counts = Object.fromEntries(taskStatuses.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) counts[r.status] += 1;

  // The compiled report: each task's heading and the summary sentence.
  const quarterly = core.documents.composeQuarterly(roundId);
  expect(headingStatuses(quarterly)).toEqual(truth);
  expect(countsStated(summaryOf(quarterly))).toEqual(counts);
  const reported = counts.done + counts.onTrack + counts.lagging;
  if (reported > 0 && reported < rows.length) expect(summaryOf(quarterly)).toContain(`已报送${reported}项任务`);
  const problems = textOf(quarterly.blocks);
  expect(problems.slice(problems.indexOf('存在的问题'))).not.toMatch(/：暂无突出问题|：无。/);

  // The bulletin: the same counts, and exactly the lagging and overdue tasks in its list.
  const bulletin = core.documents.composeBulletin(roundId);
  expect(countsStated(summaryOf(bulletin))).toEqual(counts);
  const list = bulletin.attachments[0]?.blocks[0];
  const listed = list?.type === 'table' ? list.rows.map((r) => Number(r[1])).sort((a, b) => a - b) : [];
  expect(listed).toEqual(
    rows
      .filter((r) => r.status === 'lagging' || r.status === 'overdue')
      .map((r) => r.no ?? 0)
      .sort((a, b) => a - b),
  );

  // Every date the bulletin sets ("于…前") lies on or after both its own date and the round's deadline.
  const round = core.workflow.rounds.get(roundId);
  const floor = Math.max(Date.parse(round.deadline), Date.parse(bulletin.signature.date));
  for (const [, y, m, d] of textOf(bulletin.blocks).matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日前/g)) {
    expect(Date.UTC(Number(y), Number(m) - 1, Number(d))).toBeGreaterThanOrEqual(floor);
  }

  // The task ledger: every task's status cell.
  const taskSheet = (await workbookOf((await core.ledgers.exportLedger({ kind: 'task', roundId })).bytes))
    .worksheets[0];
  if (!taskSheet) throw new Error('no task ledger');
  const statusCol = column(taskSheet, '状态');
  for (const r of rows)
    expect([r.no, text(taskSheet, rowOf(taskSheet, r.no ?? 0), statusCol)]).toEqual([r.no, r.statusLabel]);

  // Indicators: the dashboard, the compiled report's table and the indicator ledger agree.
  const dashboard = core.dashboard.indicators(roundId).indicators;
  const table = quarterly.attachments[0]?.blocks[0];
  if (table?.type !== 'table') throw new Error('no indicator table');
  expect(table.rows).toHaveLength(dashboard.length);
  const paceCell: Record<string, string> = {
    met: '是（已达标）',
    onPace: '是',
    lagging: '否',
    unjudged: '无法判断',
    unreported: '—',
  };
  const tableByKey = new Map(table.rows.map((r) => [`${r[1]}|${r[2]}`, r]));
  for (const i of dashboard) {
    const row = tableByKey.get(`${i.taskNo}|${i.metric}`);
    expect([i.metric, row?.[8]]).toEqual([i.metric, paceCell[i.rating]]);
    expect([i.metric, row?.[5] === '未报送' ? null : Number(row?.[5])]).toEqual([
      i.metric,
      i.value === null ? null : Math.round(i.value * 10_000) / 10_000,
    ]);
  }
  const indicatorSheet = (await workbookOf((await core.ledgers.exportLedger({ kind: 'indicator', roundId })).bytes))
    .worksheets[0];
  if (!indicatorSheet) throw new Error('no indicator ledger');
  const valueCol = column(indicatorSheet, '2025年第三季度完成值');
  const metricCol = column(indicatorSheet, '指标名称');
  const taskCol = column(indicatorSheet, '所属任务');
  const ledgerValues = new Map<string, number | null>();
  for (let r = 4; r <= indicatorSheet.rowCount; r++) {
    const task = /^(\d+)\./.exec(text(indicatorSheet, r, taskCol))?.[1];
    if (!task) continue;
    const v: unknown = indicatorSheet.getCell(r, valueCol).value;
    ledgerValues.set(`${task}|${text(indicatorSheet, r, metricCol)}`, typeof v === 'number' ? v : null);
  }
  for (const i of dashboard)
    expect([i.metric, ledgerValues.get(`${i.taskNo}|${i.metric}`) ?? null]).toEqual([i.metric, i.value]);
  // A counted value belongs to a report out of drafting.
  for (const i of dashboard) {
    if (i.reportId === null) continue;
    const state = core.workflow.reportQueries.get(world.coordinator, i.reportId).state;
    expect(state).not.toBe('drafting');
  }
}

describe('every screen and document states the same counts for the same round', () => {
  it('holds for the demo round as it is', async () => {
    await statesOfEveryOutput();
  }, 120_000);

  for (const seed of [1, 7, 42]) {
    it(`holds after a random sequence of ordinary actions (seed ${seed})`, async () => {
      const random = generator(seed);
      for (let i = 0; i < 25; i++) randomAction(random);
      await statesOfEveryOutput();
    }, 180_000);
  }
});
