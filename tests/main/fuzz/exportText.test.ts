import { completeDraft } from '../workflow/helpers';
import { appItself } from '../../../src/main/core/policy';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import type { LuoshiCore } from '../../../src/main/core/core';
import { LuoshiError } from '../../../src/shared/errors';
import { safeText } from '../../../src/main/core/exports/xlsx/safeCell';
import { toActor } from '../../../src/main/core/store/usersStore';
import { makeTestCore } from '../../helpers/testCore';
import { hostileText, longHostileText, runs } from './hostile';

/**
 * Hostile text in report content (control characters, lone surrogates, markup, formula
 * prefixes, 10,000 characters) goes into every Excel export as text: the workbook reopens, the
 * cell holds exactly the legal part of the text as a string (never a formula), and a fill-in sheet
 * exported and returned untouched changes nothing.
 */
let test: Awaited<ReturnType<typeof makeTestCore>>;
let core: LuoshiCore;
let clerk: Actor;
let roundId = 0;
let unitId = 0;
let reportIds: number[] = [];

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
      `SELECT drafting_unit_id FROM reports WHERE round_id = ? AND drafting_unit_id IS NOT NULL AND kind = 'task' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )
    .pluck()
    .get(roundId) as number;
  reportIds = core.db
    .prepare(`SELECT id FROM reports WHERE round_id = ? AND drafting_unit_id = ? AND kind = 'task' ORDER BY id`)
    .pluck()
    .all(roundId, unitId) as number[];
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
}, 60_000);

afterAll(() => test.cleanup());

/**
 * Write hostile content into one report and return it as stored, or null when refused. SQLite
 * stores UTF-8, so a lone surrogate comes back as U+FFFD: the stored text is what exports must hold.
 */
function writeContent(
  reportId: number,
  progress: string,
  problems: string,
  nextSteps: string,
): { progress: string; problems: string; nextSteps: string } | null {
  const { version } = core.workflow.reportQueries.get(clerk, reportId);
  try {
    core.workflow.reports.updateContent(clerk, reportId, version, {
      progress,
      problems,
      nextSteps,
      completed: false,
      indicatorValues: [],
    });
  } catch (error) {
    if (error instanceof LuoshiError) return null;
    throw error;
  }
  return core.workflow.reportQueries.get(clerk, reportId).content;
}

async function cellsOf(bytes: Buffer): Promise<ExcelJS.Cell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
  return cells;
}

/** XML text decoded once, as a spreadsheet program reads it. */
function decodeXml(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, entity: string) =>
    entity.startsWith('#x') || entity.startsWith('#X')
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(Number(entity.slice(1)))
        : (named[entity.toLowerCase()] ?? ''),
  );
}

/**
 * The cells of a streamed ledger straight from the sheet XML. exceljs's reader decodes entities
 * twice in `t="str"` cells (it reads the text "&amp;" back as "&"), so it cannot be the judge of
 * what the file holds; it is still used to check that the workbook opens.
 */
async function xmlCells(bytes: Buffer): Promise<{ formula: boolean; text: string }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const cells: { formula: boolean; text: string }[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = (await zip.file(name)?.async('string')) ?? '';
    for (const match of xml.matchAll(/<c\b[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const inner = match[1] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? '';
      cells.push({ formula: /<f[\s>]/.test(inner), text: decodeXml(value) });
    }
  }
  return cells;
}

const content = fc.oneof({ weight: 3, arbitrary: hostileText(30) }, { weight: 1, arbitrary: longHostileText });

describe('exported text fields under hostile report content', () => {
  it('task and unit ledgers reopen and hold the legal part of the progress text, as text', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(content, fc.nat(), async (text, pick) => {
        serial += 1;
        const marker = `【标记${serial}】`;
        const reportId = reportIds[pick % reportIds.length] ?? 0;
        const stored = writeContent(reportId, text + marker, text, text);
        if (!stored) return;
        // Ledgers show submitted reports only: submit, export, then withdraw to edit again.
        const version = completeDraft(core, clerk, reportId);
        core.workflow.reports.transition(clerk, { reportId, version, event: 'report.submit' });
        try {
          await checkLedgers(stored, marker);
        } finally {
          const view = core.workflow.reportQueries.get(clerk, reportId);
          core.workflow.reports.transition(clerk, {
            reportId,
            version: view.version,
            event: 'report.withdraw',
            opinion: '继续修改',
          });
        }
      }),
      runs(15),
    );
  }, 60_000);

  /** The task and unit ledgers open and hold the stored progress text, as text. */
  async function checkLedgers(stored: { progress: string }, marker: string): Promise<void> {
    for (const request of [
      { kind: 'task' as const, roundId },
      { kind: 'unit' as const, roundId, unitId },
    ]) {
      // A ledger of any content is produced; a refusal here would be a failure too.
      const { bytes } = await core.ledgers.exportLedger(request);
      expect((await cellsOf(bytes)).length).toBeGreaterThan(0);
      const holding = (await xmlCells(bytes)).filter((c) => c.text.includes(marker));
      expect(holding.length, `${request.kind} ledger has the report's progress`).toBeGreaterThan(0);
      for (const cell of holding) expect(cell).toEqual({ formula: false, text: safeText(stored.progress) });
    }
  }

  it('a fill-in sheet carries the text and, returned untouched, changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(content, content, content, fc.nat(), async (progress, problems, nextSteps, pick) => {
        const reportId = reportIds[pick % reportIds.length] ?? 0;
        const stored = writeContent(reportId, progress, problems, nextSteps);
        if (!stored) return;
        const sheet = (await core.ledgers.exportFillIn(clerk, roundId, unitId)).bytes;
        const texts = (await cellsOf(sheet)).map((c) => c.value);
        for (const field of [stored.progress, stored.problems, stored.nextSteps])
          if (safeText(field).trim() !== '') expect(texts).toContain(safeText(field));
        const preview = await core.ledgers.previewFillIn(clerk, roundId, unitId, sheet);
        expect(preview.conflicts).toEqual([]);
        expect(preview.changes.filter((c) => c.reportId === reportId)).toEqual([]);
      }),
      runs(15),
    );
  }, 60_000);

  it('a long text of characters outside the BMP (rare hanzi, emoji) survives the fill-in sheet round trip', async () => {
    // Ext-B hanzi such as 𠮷 are two UTF-16 units; 9,999 of them cross the 16,384-unit boundary
    // where the sheet writer has split a pair into two U+FFFD.
    const reportId = reportIds[0] ?? 0;
    const stored = writeContent(reportId, '', '𠮷'.repeat(9999), '');
    expect(stored?.problems).toBe('𠮷'.repeat(9999));
    const sheet = (await core.ledgers.exportFillIn(clerk, roundId, unitId)).bytes;
    expect((await cellsOf(sheet)).map((c) => c.value)).toContain('𠮷'.repeat(9999));
    const preview = await core.ledgers.previewFillIn(clerk, roundId, unitId, sheet);
    expect(preview.changes).toEqual([]);
  }, 30_000);
});
