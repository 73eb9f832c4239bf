import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { column, createLedgerWorld, rowOf, text, units, workbookOf, type LedgerWorld } from './world';

let world: LedgerWorld;
let coordinator: Actor;
let clerkSocial: Actor;

beforeEach(async () => {
  world = await createLedgerWorld();
  coordinator = world.user('coord', ['coordinator'], units.economy, '王专班');
  clerkSocial = world.user('social.clerk', ['clerk'], units.social, '李经办');
});
afterEach(() => world.cleanup());

const fillOf = (
  sheet: { getCell(r: number, c: number): { fill?: unknown } },
  r: number,
  c: number,
): string | undefined => (sheet.getCell(r, c).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;

describe('预警 in the progress ledgers', () => {
  it('has a 预警 column after 状态 whose cells carry the red, yellow or green fill', async () => {
    const q2 = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 2, deadline: '2025-07-10' }).id;
    const q3 = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
    const socialTask = world.core.workflow.rounds
      .overview(q3)
      .rows.find((r) => r.kind === 'task' && r.draftingUnit === units.social);
    if (!socialTask?.no) throw new Error('seed changed: no task drafted by 区社会事业局');
    world.edit(clerkSocial, socialTask.reportId, { progress: '已全部完成。', completed: true });
    world.submit(clerkSocial, socialTask.reportId);
    // 2025-10-08 China time: Q3's deadline is two days away (yellow for what is unreported); Q2's has passed (red).
    world.clock.set(new Date('2025-10-08T01:00:00Z'));

    const q3Ledger = await workbookOf((await world.core.ledgers.exportLedger({ kind: 'task', roundId: q3 })).bytes);
    const sheet = q3Ledger.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const warning = column(sheet, '预警');
    expect(warning).toBe(column(sheet, '状态') + 1);
    const done = rowOf(sheet, socialTask.no);
    expect(text(sheet, done, warning)).toBe('绿');
    expect(fillOf(sheet, done, warning)).toBe('FFC6EFCE');
    const other = world.core.workflow.rounds.overview(q3).rows.find((r) => r.kind === 'task' && r.state === 'drafting');
    if (!other?.no) throw new Error('no drafting task');
    expect(text(sheet, rowOf(sheet, other.no), warning)).toBe('黄');
    expect(fillOf(sheet, rowOf(sheet, other.no), warning)).toBe('FFFFEB9C');

    const q2Ledger = await workbookOf((await world.core.ledgers.exportLedger({ kind: 'task', roundId: q2 })).bytes);
    const old = q2Ledger.worksheets[0];
    if (!old) throw new Error('no sheet');
    expect(text(old, rowOf(old, other.no), column(old, '预警'))).toBe('红');
    expect(fillOf(old, rowOf(old, other.no), column(old, '预警'))).toBe('FFFFC7CE');
    // The sheet keeps its A4 landscape print setup and stays about as wide as before the column.
    expect(old.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    const width = old.columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
    expect(width).toBeLessThanOrEqual(200);
  });
});
