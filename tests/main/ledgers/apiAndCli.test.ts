import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { dispatchCalls } from '../../helpers/dispatch';
import { runCliCaptured } from '../../helpers/cliRunner';
import { createLedgerWorld, text, units, workbookOf, type LedgerWorld } from './world';

let world: LedgerWorld;
let api: Dispatcher;
let roundId: number;
let social: number;
let firstReport: number;

beforeEach(async () => {
  world = await createLedgerWorld();
  api = createDispatcher(world.core, () => undefined);
  const coordinator = world.user('coord', ['coordinator'], units.economy, '王专班');
  world.user('social.clerk', ['clerk'], units.social, '李经办');
  world.user('edu.clerk', ['clerk'], units.education, '赵教育');
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  social = world.unitId(units.social);
  const first = world.core.db
    .prepare(`SELECT id FROM reports WHERE round_id = ? AND drafting_unit_id = ? ORDER BY id LIMIT 1`)
    .get(roundId, social) as { id: number };
  firstReport = first.id;
});
afterEach(() => world.cleanup());

const { call, session } = dispatchCalls(() => api);

/** Type the progress of the sheet's row for `reportId`. */
async function fillProgress(bytes: Buffer, reportId: number, progress: string): Promise<Buffer> {
  const workbook = await workbookOf(bytes);
  const sheet = workbook.getWorksheet('进展填报');
  if (!sheet) throw new Error('no progress sheet');
  for (let r = 4; r <= sheet.rowCount; r++)
    if (text(sheet, r, 7) === `R${reportId}`) sheet.getCell(r, 4).value = progress;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('ledger and fill-in API', () => {
  it('exports ledgers and runs the fill-in loop through the dispatcher', async () => {
    const clerk = await session('social.clerk');
    // The plan-wide ledgers gather every unit's reports: the task force's; a clerk takes the unit's own.
    expect((await api.call('ledgers.export', { kind: 'indicator', from: '2025Q3' }, clerk)).ok).toBe(false);
    expect((await call('ledgers.export', { kind: 'unit', from: '2025Q3', unitId: social }, clerk)).fileName).toContain(
      units.social,
    );
    const ledger = await call('ledgers.export', { kind: 'indicator', from: '2025Q3' }, await session('coord'));
    expect(ledger.fileName).toBe('儿童友好城市建设指标台账（2025年第三季度）.xlsx');
    expect(Buffer.from(ledger.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    const sheet = await call('fillIn.export', { roundId, unitId: social }, clerk);
    const filled = await fillProgress(Buffer.from(sheet.contentBase64, 'base64'), firstReport, '经接口导入的进展');
    const upload = { roundId, unitId: social, contentBase64: filled.toString('base64') };
    const preview = await call('fillIn.preview', upload, clerk);
    expect(preview.changes.map((c) => c.field)).toEqual(['progress']);
    expect(await call('fillIn.apply', upload, clerk)).toEqual({ applied: 1, reports: 1 });
    expect((await call('reports.get', { reportId: firstReport }, clerk)).content.progress).toBe('经接口导入的进展');
  });

  it('answers refusals with the error envelope', async () => {
    const other = await session('edu.clerk');
    const refused = await api.call('fillIn.export', { roundId, unitId: social }, other);
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    const huge = await api.call(
      'fillIn.preview',
      { roundId, unitId: social, contentBase64: Buffer.alloc(11 * 1024 * 1024).toString('base64') },
      other,
    );
    expect(huge.ok ? null : huge.error.message).toContain('10 MB');
    const anonymous = await api.call('ledgers.export', { kind: 'task', roundId }, localContext('http'));
    expect(anonymous.ok ? null : anonymous.error.code).toBe('unauthenticated');
  });
});

describe('ledger and fill-in CLI', () => {
  it('exports a ledger and a fill-in sheet, previews the import and applies it as a named user', async () => {
    const dir = world.dataDir;
    const ledgerPath = join(dir, 'task.xlsx');
    const exported = await runCliCaptured([
      'export',
      'ledger',
      '--kind',
      'task',
      '--round',
      '2025Q3',
      '--data-dir',
      dir,
      '-o',
      ledgerPath,
    ]);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toContain('儿童友好城市建设任务台账（2025年第三季度）');
    const ledger = await workbookOf(readFileSync(ledgerPath));
    expect(ledger.worksheets[0]?.name).toBe('重点任务推进台账');

    const unitLedger = await runCliCaptured([
      'export',
      'ledger',
      '--kind',
      'unit',
      '--from',
      '2025Q2',
      '--to',
      '2025Q3',
      '--unit',
      units.social,
      '--data-dir',
      dir,
      '-o',
      join(dir, 'unit.xlsx'),
    ]);
    expect(unitLedger.code).toBe(0);
    expect(existsSync(join(dir, 'unit.xlsx'))).toBe(true);

    const sheetPath = join(dir, 'fill.xlsx');
    expect(
      (
        await runCliCaptured([
          'export',
          'fill-in',
          '--round',
          '2025Q3',
          '--unit',
          units.social,
          '--data-dir',
          dir,
          '-o',
          sheetPath,
        ])
      ).code,
    ).toBe(0);
    writeFileSync(sheetPath, await fillProgress(readFileSync(sheetPath), firstReport, '经命令行导入的进展'));

    const preview = await runCliCaptured([
      'import',
      'fill-in',
      sheetPath,
      '--round',
      '2025Q3',
      '--unit',
      units.social,
      '--data-dir',
      dir,
    ]);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('将修改 1 处');
    expect(preview.out).toContain('经命令行导入的进展');

    const withoutUser = await runCliCaptured([
      'import',
      'fill-in',
      sheetPath,
      '--round',
      '2025Q3',
      '--unit',
      units.social,
      '--apply',
      '--data-dir',
      dir,
    ]);
    expect(withoutUser.code).toBe(2);
    expect(withoutUser.err).toContain('--as');

    const applied = await runCliCaptured([
      'import',
      'fill-in',
      sheetPath,
      '--round',
      '2025Q3',
      '--unit',
      units.social,
      '--apply',
      '--as',
      'social.clerk',
      '--data-dir',
      dir,
    ]);
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.out).toContain('已导入 1 处修改');
    const stored = world.core.db.prepare('SELECT progress FROM reports WHERE id = ?').get(firstReport) as {
      progress: string;
    };
    expect(stored.progress).toBe('经命令行导入的进展');

    const unknownUnit = await runCliCaptured([
      'export',
      'fill-in',
      '--round',
      '2025Q3',
      '--unit',
      '不存在的局',
      '--data-dir',
      dir,
      '-o',
      sheetPath,
    ]);
    expect(unknownUnit.err).toContain('不存在的局');
    const noRound = await runCliCaptured([
      'export',
      'ledger',
      '--kind',
      'task',
      '--round',
      '2024Q1',
      '--data-dir',
      dir,
      '-o',
      ledgerPath,
    ]);
    expect(noRound.err).toContain('2024年第一季度尚未开启');
  });
});
