import fc from 'fast-check';
import { appItself } from '../../../src/main/core/policy';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { LuoshiCore } from '../../../src/main/core/core';
import { readFillInSheet } from '../../../src/main/core/exports/xlsx/fillIn/readFillInSheet';
import { toActor } from '../../../src/main/core/store/usersStore';
import { makeTestCore } from '../../helpers/testCore';
import { hostileText, longHostileText, refusesCleanly, runs } from './hostile';

/**
 * Hostile fill-in sheets: random bytes, a real sheet with bytes flipped, with zip entries broken,
 * and with cells, sheets and rows changed the way a spreadsheet user (or attacker) could. Preview
 * and apply either succeed or refuse with a LuoshiError; after every apply the audit chain holds.
 */
let test: Awaited<ReturnType<typeof makeTestCore>>;
let core: LuoshiCore;
let clerk: Actor;
let roundId = 0;
let unitId = 0;
let sheet: Buffer;

beforeAll(async () => {
  test = await makeTestCore();
  core = test.core;
  const firstUnit = core.db.prepare('SELECT id FROM units ORDER BY id LIMIT 1').pluck().get() as number;
  const coordinator = toActor(
    core.workflow.accounts.create(
      appItself,
      {
        username: 'fuzz.coord',
        displayName: '专班',
        password: 'password-123',
        unitId: firstUnit,
        roles: ['coordinator'],
        mustChangePassword: false,
      },
      { hashCost: 'demo' },
    ),
  );
  roundId = core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  unitId = core.db
    .prepare(
      'SELECT drafting_unit_id FROM reports WHERE round_id = ? AND drafting_unit_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    )
    .pluck()
    .get(roundId) as number;
  clerk = toActor(
    core.workflow.accounts.create(
      appItself,
      {
        username: 'fuzz.clerk',
        displayName: '李经办',
        password: 'password-123',
        unitId,
        roles: ['clerk'],
        mustChangePassword: false,
      },
      { hashCost: 'demo' },
    ),
  );
  sheet = (await core.ledgers.exportFillIn(clerk, roundId, unitId)).bytes;
}, 60_000);

afterAll(() => test.cleanup());

/** Preview, then apply when the preview allows it; only LuoshiErrors may escape as refusals. */
async function previewAndApply(bytes: Buffer): Promise<string> {
  let canApply = false;
  const preview = await refusesCleanly(async () => {
    canApply = (await core.ledgers.previewFillIn(clerk, roundId, unitId, bytes)).canApply;
  });
  if (preview === 'refused' || !canApply) return preview;
  const applied = await refusesCleanly(() => core.ledgers.applyFillIn(clerk, roundId, unitId, bytes));
  expect(core.workflow.audit.verify().ok).toBe(true);
  return `applied:${applied}`;
}

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  hostileText(12),
  longHostileText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  hostileText(4).map((t) => ({ formula: `"${t.replace(/"/g, '')}"&1`, result: t })),
  hostileText(6).map((t) => ({ richText: [{ text: t }, { text: '粗体', font: { bold: true } }] })),
  hostileText(4).map((t) => ({ text: t, hyperlink: 'http://evil.example/' })),
  fc.constant({ error: '#N/A' as const }),
);

type SheetEdit =
  | { kind: 'cell'; sheet: number; row: number; col: number; value: ExcelJS.CellValue }
  | { kind: 'removeSheet'; sheet: number }
  | { kind: 'renameSheet'; sheet: number; name: string }
  | { kind: 'spliceRows'; sheet: number; row: number; count: number };

const sheetEdit: fc.Arbitrary<SheetEdit> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('cell' as const),
      sheet: fc.nat(3),
      row: fc.integer({ min: 1, max: 40 }),
      col: fc.integer({ min: 1, max: 10 }),
      value: cellValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeSheet' as const), sheet: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('renameSheet' as const),
      sheet: fc.nat(3),
      name: fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[*?:\\/[\]]/g, '') || 'x'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('spliceRows' as const),
      sheet: fc.nat(3),
      row: fc.integer({ min: 1, max: 30 }),
      count: fc.integer({ min: 1, max: 5 }),
    }),
  },
);

async function edited(edits: SheetEdit[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sheet as unknown as ArrayBuffer);
  for (const edit of edits) {
    const target = workbook.worksheets[edit.sheet % Math.max(1, workbook.worksheets.length)];
    if (!target) continue;
    if (edit.kind === 'cell') target.getCell(edit.row, edit.col).value = edit.value;
    else if (edit.kind === 'removeSheet') workbook.removeWorksheet(target.id);
    else if (edit.kind === 'renameSheet') {
      try {
        if (!workbook.worksheets.some((w) => w.name === edit.name)) target.name = edit.name;
      } catch {
        // exceljs refuses names Excel would refuse; such an edit cannot be made by a user either.
      }
    } else target.spliceRows(edit.row, edit.count);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('fill-in import under hostile input', () => {
  it('the untouched sheet previews cleanly (the fuzzing starts from a valid file)', async () => {
    const preview = await core.ledgers.previewFillIn(clerk, roundId, unitId, sheet);
    expect(preview.conflicts).toEqual([]);
    expect(preview.changes).toEqual([]);
  });

  it('random bytes: readFillInSheet only ever throws LuoshiError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.string({ maxLength: 64 }), async (bytes, secret) => {
        expect(await refusesCleanly(() => readFillInSheet(Buffer.from(bytes), { roundId, unitId, secret }))).toBe(
          'refused',
        );
      }),
      runs(150),
    );
  });

  it('a real sheet with bytes flipped: preview and apply succeed or refuse clearly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: sheet.length - 1 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }),
        async (flips) => {
          const bytes = Buffer.from(sheet);
          for (const [at, value] of flips) bytes[at] = value;
          await previewAndApply(bytes);
        },
      ),
      runs(60),
    );
  });

  it('a real sheet with zip entries dropped, cut or replaced: preview and apply succeed or refuse clearly', async () => {
    const zip = await JSZip.loadAsync(sheet);
    const entries = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
    const damage = fc.record({
      entry: fc.constantFrom(...entries),
      how: fc.constantFrom('drop', 'cut', 'replace', 'inject'),
      text: hostileText(6),
      at: fc.nat({ max: 4000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 3 }), async (damages) => {
        const copy = await JSZip.loadAsync(sheet);
        for (const d of damages) {
          const content = (await copy.file(d.entry)?.async('string')) ?? '';
          if (d.how === 'drop') copy.remove(d.entry);
          else if (d.how === 'cut') copy.file(d.entry, content.slice(0, d.at));
          else if (d.how === 'replace') copy.file(d.entry, d.text);
          else copy.file(d.entry, content.slice(0, d.at) + d.text + content.slice(d.at));
        }
        await previewAndApply(await copy.generateAsync({ type: 'nodebuffer' }));
      }),
      runs(60),
    );
  });

  it('a real sheet edited cell by cell, sheet by sheet: preview and apply succeed or refuse clearly', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(sheetEdit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const outcome = await previewAndApply(await edited(edits));
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }),
      runs(60),
    );
    console.info(`fill-in edits: ${JSON.stringify(Object.fromEntries(seen))}`);
  }, 60_000);

  it('hostile text typed into the progress columns is applied exactly as previewed, or refused', async () => {
    const outcomes = { applied: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 4, max: 6 }), fc.oneof(hostileText(12), longHostileText)), {
          minLength: 1,
          maxLength: 4,
        }),
        async (typed) => {
          const fresh = (await core.ledgers.exportFillIn(clerk, roundId, unitId)).bytes;
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(fresh as unknown as ArrayBuffer);
          const progress = workbook.getWorksheet('进展填报');
          if (!progress) throw new Error('no 进展填报 sheet');
          const keyed: number[] = [];
          for (let r = 4; r <= progress.rowCount; r++) if (progress.getCell(r, 7).text.startsWith('R')) keyed.push(r);
          for (const [pick, col, text] of typed) progress.getCell(keyed[pick % keyed.length] ?? 4, col).value = text;
          const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
          let preview: Awaited<ReturnType<LuoshiCore['ledgers']['previewFillIn']>> | null = null;
          const read = await refusesCleanly(async () => {
            preview = await core.ledgers.previewFillIn(clerk, roundId, unitId, bytes);
          });
          if (read === 'refused' || preview === null) {
            outcomes.refused += 1;
            return;
          }
          const planned: Awaited<ReturnType<LuoshiCore['ledgers']['previewFillIn']>> = preview;
          if (!planned.canApply || planned.changes.length === 0) return;
          if ((await refusesCleanly(() => core.ledgers.applyFillIn(clerk, roundId, unitId, bytes))) === 'refused') {
            outcomes.refused += 1;
            return;
          }
          outcomes.applied += 1;
          const columns = { progress: 'progress', problems: 'problems', nextSteps: 'next_steps' } as const;
          for (const change of planned.changes) {
            if (change.field === 'indicator' || change.field === 'completed') continue;
            const stored = core.db
              .prepare(`SELECT ${columns[change.field]} FROM reports WHERE id = ?`)
              .pluck()
              .get(change.reportId) as string;
            expect(stored).toBe(change.new);
          }
          expect(core.workflow.audit.verify().ok).toBe(true);
        },
      ),
      runs(30),
    );
    expect(outcomes.applied).toBeGreaterThan(0);
  }, 60_000);
});
