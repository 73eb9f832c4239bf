import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { ReportEventType, ReportView } from '../../../src/shared/domain/reports';
import { sameIndicator } from '../../fixtures/sameIndicator';
import { readDocx } from '../exports/docx/ooxml';
import { column, rowOf, text, workbookOf } from '../ledgers/world';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

/**
 * The same indicator in the ledger, the Word document and (through the contract) on screen: its
 * target text, its numbers, the quarter's Chinese numeral and the filing date are the same words
 * everywhere (tests/fixtures/sameIndicator.ts; the screen half is tests/renderer/sameIndicator.test.tsx).
 */

let world: TestWorld;
let roundId: number;
let reportId: number;
let view: ReportView;
const { printed } = sameIndicator;

/** Task 1 of the small plan reported (5.8), reviewed, signed and filed at `filedAt`. */
beforeAll(async () => {
  world = await createWorld();
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy, '王专班');
  const clerk = world.user('social.clerk', ['clerk'], unitNames.social, '李经办');
  const leader = (unit: string, i: number): Actor => world.user(`leader${i}`, ['leader'], unit, `负责人${i}`);
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  const row = world.core.workflow.rounds.overview(roundId).rows.find((r) => r.kind === 'task' && r.no === 1);
  if (!row) throw new Error('task 1 missing');
  reportId = row.reportId;
  const draft = world.core.workflow.reportQueries.get(clerk, reportId);
  world.core.workflow.reports.updateContent(clerk, reportId, draft.version, {
    ...draft.content,
    progress: '新增托位 120 个。',
    indicatorValues: [{ indicatorId: draft.indicators[0]?.indicatorId ?? 0, value: 5.8, note: '' }],
  });
  world.clock.set(new Date(sameIndicator.filedAt));
  let version = draft.version + 1;
  const step = (actor: Actor, event: ReportEventType) =>
    (version = world.core.workflow.reports.transition(actor, { reportId, version, event }));
  step(clerk, 'report.submit');
  for (const [i, unit] of [unitNames.social, unitNames.education].entries()) step(leader(unit, i), 'report.approve');
  for (const [i, unit] of [unitNames.health, unitNames.finance, unitNames.minghu, unitNames.chaohe].entries())
    step(leader(unit, i + 2), 'report.sign');
  step(coordinator, 'report.file');
  view = world.core.workflow.reportQueries.get(coordinator, reportId);
});
afterAll(() => world.cleanup());

describe('one indicator, the same words in every place', () => {
  it('the contract sends the screen the indicator, quarter and times the fixture renders', () => {
    expect(view.state).toBe('filed');
    expect(view.quarterLabel).toBe(sameIndicator.view.quarterLabel);
    expect(view.indicators).toEqual([sameIndicator.view.indicator]);
    expect(view.filedAt).toBe(sameIndicator.filedAt);
    expect(view.updatedAt).toBe(sameIndicator.filedAt);
    expect(view.signers.map((s) => s.acted?.at)).toEqual(Array(4).fill(sameIndicator.filedAt));
  });

  it('the indicator ledger prints the same target, numbers, quarter and date', async () => {
    const ledger = await world.core.ledgers.exportLedger({ kind: 'indicator', roundId });
    const sheet = (await workbookOf(ledger.bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const row = rowOf(sheet, 1);
    const cell = (title: string) => text(sheet, row, column(sheet, title));
    expect(cell('指标名称')).toBe(sameIndicator.view.indicator.metric);
    expect(cell('目标值')).toBe(printed.target);
    expect(cell(`${printed.quarter}完成值`)).toBe(printed.value);
    expect(cell('应达值')).toBe(printed.expected);
    expect(cell('单位')).toBe(printed.unit);
    expect(text(sheet, 2, 7)).toBe(`填报日期：${printed.date}`);
  });

  it('the task report’s Word document prints the same target, numbers, quarter and date', async () => {
    const rendered = await world.core.documents.render({ kind: 'task', reportId });
    const docx = await readDocx(rendered.bytes);
    const texts = docx.paragraphs.map((p) => p.text);
    const metricAt = texts.indexOf(sameIndicator.view.indicator.metric);
    expect(metricAt).toBeGreaterThan(0);
    // The table row after the name: 目标值, 基期值, 本季度值, 应达值, 单位 (compose/indicatorTable.ts).
    expect(texts.slice(metricAt + 1, metricAt + 6)).toEqual([
      printed.target,
      String(sameIndicator.view.indicator.baselineValue),
      printed.value,
      printed.expected,
      printed.unit,
    ]);
    expect(texts.some((t) => t.includes(`${printed.quarter}进展情况的报告`))).toBe(true);
    expect(texts).toContain(printed.date);
  });
});
