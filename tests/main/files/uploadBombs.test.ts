import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { refusal } from '../../helpers/refusal';
import { docxBomb, withBomb, xlsxBomb } from '../../helpers/zipBomb';
import { createLedgerWorld, units, type LedgerWorld } from '../ledgers/world';

/**
 * Every upload that is a zip is inflated within bounded limits before exceljs or mammoth (which
 * unzip whole) see it: a 4 MB bomb that inflates to gigabytes is refused with a message that names
 * the part and the limit, and nothing is read into memory beyond the limit.
 */
let world: LedgerWorld;
let coordinator: Actor;
let clerk: Actor;
let roundId: number;
let social: number;

beforeEach(async () => {
  world = await createLedgerWorld();
  coordinator = world.user('coord', ['coordinator'], units.economy, '王专班');
  clerk = world.user('social.clerk', ['clerk'], units.social, '李经办');
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  social = world.unitId(units.social);
});
afterEach(() => world.cleanup());

describe('zip bombs in uploads', () => {
  it('refuses a real fill-in sheet carrying a bomb, in preview and apply, before parsing it', async () => {
    const sheet = await world.core.ledgers.exportFillIn(clerk, roundId, social);
    const bomb = withBomb(Buffer.from(sheet.bytes), 'xl/worksheets/sheet1.xml');
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    for (const attempt of [
      world.core.ledgers.previewFillIn(clerk, roundId, social, bomb),
      world.core.ledgers.applyFillIn(clerk, roundId, social, bomb),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('50 MB');
    }
  });

  it('refuses a .docx and an .xlsx bomb offered as a plan, in preview and import', async () => {
    for (const [fileName, bytes] of [
      ['方案.docx', docxBomb()],
      ['任务清单.xlsx', xlsxBomb()],
    ] as const) {
      for (const attempt of [
        world.core.plan.preview({ fileName, bytes }, coordinator),
        world.core.plan.import({ fileName, bytes }, coordinator),
      ]) {
        const error = await refusal(attempt);
        expect(error.code).toBe('invalid_input');
        expect(error.message).toContain(fileName);
      }
    }
  });

  it('lets only administrators and the task force preview a plan import', async () => {
    const error = await refusal(
      world.core.plan.preview({ fileName: '方案.txt', bytes: Buffer.from('一、总则') }, clerk),
    );
    expect(error.code).toBe('forbidden');
  });
});
