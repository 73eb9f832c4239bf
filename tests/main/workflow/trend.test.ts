import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryTrend } from '../../../src/main/core/services/trendQuery';
import type { Actor } from '../../../src/shared/domain/accounts';
import { workbookOf, text } from '../ledgers/world';
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

function rowOf(roundId: number, no: number) {
  const row = rounds()
    .overview(roundId)
    .rows.find((r) => r.kind === 'task' && r.no === no);
  if (!row) throw new Error(`no task ${no}`);
  return row;
}

/** 每千人口托位数 (2 at the end of 2022 → 6 by 2025) of task 1, set in the draft of `reportId`. */
function setNurseries(reportId: number, value: number): void {
  const view = world.core.workflow.reportQueries.get(people.clerkSocial, reportId);
  world.core.workflow.reports.updateContent(people.clerkSocial, reportId, view.version, {
    ...view.content,
    progress: '新增托位。',
    indicatorValues: view.content.indicatorValues.map((v) => ({ ...v, value })),
  });
}

function submit(actor: Actor, reportId: number): void {
  const version = world.completeDraft(actor, reportId);
  world.core.workflow.reports.transition(actor, { reportId, version, event: 'report.submit' });
}

describe('trend: a task’s quarters side by side', () => {
  it('lists the rounds oldest quarter first and counts only what was submitted, never a draft', () => {
    // Q4 opened before Q3: the trend still reads in quarter order.
    const q4 = rounds().open(people.coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' });
    const q3 = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const task1 = rowOf(q3.id, 1);
    // Q3: 5.2 submitted. 应达值 at 2025-09-30 is about 5.66, so 5.2 is 8 % behind: lagging, yellow.
    setNurseries(task1.reportId, 5.2);
    submit(people.clerkSocial, task1.reportId);
    // Q4: 5.9 only in a draft.
    setNurseries(rowOf(q4.id, 1).reportId, 5.9);

    const trend = world.core.dashboard.taskTrend(task1.taskId ?? 0);
    expect(trend.rounds.map((r) => r.label)).toEqual(['2025年第三季度', '2025年第四季度']);
    expect(trend.rounds[0]).toMatchObject({
      roundId: q3.id,
      status: 'lagging',
      warning: 'yellow',
      reportId: task1.reportId,
      asOf: '2025-09-30',
    });
    expect(trend.rounds[1]).toMatchObject({ roundId: q4.id, status: 'unreported', warning: 'green', reportId: null });
    const [nurseries] = trend.indicators;
    expect(nurseries?.metric).toBe('每千人口托位数');
    expect(nurseries?.points.map((p) => p.value)).toEqual([5.2, null]);
    expect(nurseries?.points.map((p) => p.rating)).toEqual(['lagging', 'unreported']);
    expect(nurseries?.points[0]?.expected).toBeCloseTo(2 + (4 * 1004) / 1096, 6);

    // The same as each round's own overview says.
    expect(trend.rounds[0]?.warning).toBe(rowOf(q3.id, 1).warning);
    expect(trend.rounds[1]?.status).toBe(rowOf(q4.id, 1).status);

    // Submitting the Q4 draft makes it count.
    submit(people.clerkSocial, rowOf(q4.id, 1).reportId);
    const after = world.core.dashboard.taskTrend(task1.taskId ?? 0);
    expect(after.indicators[0]?.points.map((p) => p.value)).toEqual([5.2, 5.9]);
    expect(after.rounds[1]?.status).toBe(rowOf(q4.id, 1).status);

    // The whole plan at once: every task, each with both rounds.
    const all = queryTrend(world.core.db, world.clock.nowIso());
    expect(all.map((t) => t.no)).toEqual([1, 2]);
    expect(all.every((t) => t.rounds.length === 2)).toBe(true);
    expect(all[0]).toEqual(after);
  });

  it('refuses a task that does not exist', () => {
    expect(refusal(() => world.core.dashboard.taskTrend(9999)).code).toBe('not_found');
  });

  it('exports the trend as an .xlsx with the status on its warning colour and each value beside its 应达值', async () => {
    const q3 = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const task1 = rowOf(q3.id, 1);
    // 4.5 against about 5.66: 20 % behind, red.
    setNurseries(task1.reportId, 4.5);
    submit(people.clerkSocial, task1.reportId);
    const file = await world.core.ledgers.exportTrend();
    expect(file.fileName).toMatch(/趋势表\.xlsx$/);
    const book = await workbookOf(file.bytes);
    const tasks = book.getWorksheet('任务趋势');
    const indicators = book.getWorksheet('指标趋势');
    if (!tasks || !indicators) throw new Error('trend sheets missing');
    expect(text(tasks, 3, 3)).toBe('2025年第三季度');
    expect(text(tasks, 4, 3)).toBe('进度滞后（红）');
    expect((tasks.getCell(4, 3).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    // Task 2 is unreported with nine days left: green.
    expect(text(tasks, 5, 3)).toBe('未报送（绿）');
    expect((tasks.getCell(5, 3).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFC6EFCE');
    expect(text(indicators, 3, 5)).toBe('2025年第三季度完成值');
    expect(indicators.getCell(4, 5).value).toBe(4.5);
    expect((indicators.getCell(4, 5).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(Number(indicators.getCell(4, 6).value)).toBeCloseTo(5.66, 2);
  });
});

describe('三色预警 per unit, on the round overview', () => {
  it('gives each drafting unit the worst level of its reports, red units first', () => {
    const q3 = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    // Social's task 1: 5.2, yellow; health's task 2 unreported.
    setNurseries(rowOf(q3.id, 1).reportId, 5.2);
    submit(people.clerkSocial, rowOf(q3.id, 1).reportId);
    // 2025-10-08 China time: two days left, within the three of the default rule → health yellow too.
    world.clock.set(new Date('2025-10-08T01:00:00Z'));
    const before = rounds().overview(q3.id).units;
    const health = world.unitId(unitNames.health);
    const social = world.unitId(unitNames.social);
    expect(before.find((u) => u.unitId === health)).toMatchObject({ level: 'yellow', overdue: 0 });
    expect(before.find((u) => u.unitId === social)).toMatchObject({ level: 'yellow', lagging: 1 });
    // Past the deadline: health is overdue and red; red units come before the others.
    world.clock.set(new Date('2025-10-11T01:00:00Z'));
    const after = rounds().overview(q3.id).units;
    expect(after.find((u) => u.unitId === health)).toMatchObject({
      unitName: unitNames.health,
      level: 'red',
      overdue: 1,
      counts: { red: 1, yellow: 0, green: 0 },
    });
    const levels = after.map((u) => u.level);
    expect(levels.lastIndexOf('red')).toBeLessThan(levels.indexOf('yellow'));
    expect(after.find((u) => u.unitId === social)?.level).toBe('yellow');
    // Every report of the round is counted once, under its drafting unit.
    const drafted = rounds()
      .overview(q3.id)
      .rows.filter((r) => r.draftingUnitId !== null).length;
    expect(after.reduce((n, u) => n + u.counts.red + u.counts.yellow + u.counts.green, 0)).toBe(drafted);
  });
});

describe('取消延期', () => {
  it('takes the extension back with a reason, audited; the unit is overdue again', () => {
    const q3 = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const health = world.unitId(unitNames.health);
    world.clock.set(new Date('2025-10-11T01:00:00Z'));
    rounds().extend(people.coordinator, { roundId: q3.id, unitId: health, deadline: '2025-10-20', reason: '申请延期' });
    expect(rowOf(q3.id, 2)).toMatchObject({ status: 'unreported', extended: true });

    expect(
      refusal(() => rounds().cancelExtension(people.coordinator, { roundId: q3.id, unitId: health, reason: ' ' }))
        .field,
    ).toBe('reason');
    expect(
      refusal(() => rounds().cancelExtension(people.clerkHealth, { roundId: q3.id, unitId: health, reason: '误操作' }))
        .code,
    ).toBe('forbidden');
    const left = rounds().cancelExtension(people.coordinator, {
      roundId: q3.id,
      unitId: health,
      reason: '延期申请未获批准',
    });
    expect(left).toEqual([]);
    expect(rowOf(q3.id, 2)).toMatchObject({
      status: 'overdue',
      extended: false,
      deadline: '2025-10-10',
      warning: 'red',
    });
    const audit = world.core.db.prepare("SELECT opinion FROM audit_log WHERE event = 'round.extend.cancel'").get() as
      { opinion: string } | undefined;
    expect(audit?.opinion).toBe(
      `取消${unitNames.health}2025年第三季度延期（原延至 2025年10月20日），恢复本轮截止日期 2025年10月10日：延期申请未获批准`,
    );
    // Nothing left to cancel.
    expect(
      refusal(() =>
        rounds().cancelExtension(people.coordinator, { roundId: q3.id, unitId: health, reason: '再次取消' }),
      ).code,
    ).toBe('not_found');
  });
});

describe('催办通知', () => {
  it('lists the units reminded with their deadline, how often and the message, in the official format', async () => {
    const q3 = rounds().open(people.coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const health = world.unitId(unitNames.health);
    expect(refusal(() => world.core.documents.composeReminderNotice(people.coordinator, q3.id)).message).toContain(
      '还没有催办记录',
    );
    world.core.workflow.supervision.remind(people.coordinator, {
      roundId: q3.id,
      unitId: health,
      message: '{单位}：请于{截止日期}前报送。',
    });
    world.core.workflow.supervision.remind(people.coordinator, {
      roundId: q3.id,
      unitId: health,
      message: '{单位}：请今天报送。',
    });
    expect(refusal(() => world.core.documents.composeReminderNotice(people.clerkHealth, q3.id)).code).toBe('forbidden');

    const doc = world.core.documents.composeReminderNotice(people.coordinator, q3.id);
    expect(doc.title).toBe('关于催报2025年第三季度测试工作进展情况的通知');
    expect(doc.addressee).toBe(unitNames.health);
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' ? table.rows : []).toEqual([
      ['1', unitNames.health, '2025年10月10日', '2', '2025年10月1日'],
    ]);
    expect(doc.blocks).toContainEqual({
      type: 'heading',
      level: 3,
      text: `1.${unitNames.health}：`,
      body: '请今天报送。',
    });
    expect(JSON.stringify(doc.blocks)).toContain('已对1个单位进行催办');
    const rendered = await world.core.documents.renderDocument(doc);
    expect(rendered.fileName).toBe('关于催报2025年第三季度测试工作进展情况的通知.docx');
    expect(rendered.bytes.subarray(0, 2).toString()).toBe('PK');
  });
});
