import { writeFileSync } from 'node:fs';
import { appItself } from '../../../src/main/core/policy';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { createCore } from '../../../src/main/core/core';
import { toActor } from '../../../src/main/core/store/usersStore';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import {
  auditVerifies,
  cliAuditVerify,
  copyOf,
  count,
  inspect,
  requireBuiltCli,
  runCli,
  spreadPoints,
  transactionsOf,
} from './harness';

/**
 * A fill-in import (`luoshi import fill-in … --apply`) killed by SIGKILL applies every change of
 * the sheet or none: the typed text, the report versions and the audit entries move together.
 */
const marker = '崩溃测试：本季度新建儿童之家';

let template: { dir: string; cleanup: () => void };
let sheetFile = '';
let unitName = '';
let rowsOnSheet = 0;
let before: number[];
let after: number[];
let applyTransaction = 0;
let applyWrites = 0;
let referenceMs = 0;
const cleanups: (() => void)[] = [];

const state = (db: Database.Database): number[] => [
  count(db, `SELECT count(*) FROM reports WHERE progress LIKE ?`, `${marker}%`),
  count(db, 'SELECT sum(version) FROM reports'),
  count(db, 'SELECT count(*) FROM audit_log'),
];
const importArgs = (dir: string) => [
  'import',
  'fill-in',
  sheetFile,
  '--round',
  '2025Q3',
  '--unit',
  unitName,
  '--apply',
  '--as',
  'crash.clerk',
  '--data-dir',
  dir,
];

beforeAll(async () => {
  requireBuiltCli();
  template = makeTempDir('luoshi-crash-fillin-');
  cleanups.push(template.cleanup);
  const dataDir = join(template.dir, 'data');
  const core = await createCore({ dataDir, resourcesDir });
  try {
    // The unit drafting the most reports in the round gets the sheet.
    const units = core.db.prepare('SELECT id, name FROM units ORDER BY id').all() as { id: number; name: string }[];
    const coordinatorUnit = units[0];
    if (!coordinatorUnit) throw new Error('seed plan has no units');
    const coordinator = toActor(
      core.workflow.accounts.create(
        appItself,
        {
          username: 'crash.coord',
          displayName: '专班',
          password: 'password-123',
          unitId: coordinatorUnit.id,
          roles: ['coordinator'],
          mustChangePassword: false,
        },
        { hashCost: 'demo' },
      ),
    );
    const roundId = core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
    const busiest = core.db
      .prepare(
        `SELECT drafting_unit_id AS id, count(*) AS n FROM reports WHERE round_id = ? AND drafting_unit_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      )
      .get(roundId) as { id: number; n: number };
    unitName = units.find((u) => u.id === busiest.id)?.name ?? '';
    const clerk = toActor(
      core.workflow.accounts.create(
        appItself,
        {
          username: 'crash.clerk',
          displayName: '李经办',
          password: 'password-123',
          unitId: busiest.id,
          roles: ['clerk'],
          mustChangePassword: false,
        },
        { hashCost: 'demo' },
      ),
    );
    const file = await core.ledgers.exportFillIn(clerk, roundId, busiest.id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const progress = workbook.getWorksheet('进展填报');
    if (!progress) throw new Error('fill-in sheet has no 进展填报');
    for (let r = 4; r <= progress.rowCount; r++) {
      const key = progress.getCell(r, 7).text;
      if (!key.startsWith('R')) continue;
      progress.getCell(r, 4).value = `${marker} ${r} 个。`;
      rowsOnSheet += 1;
    }
    sheetFile = join(template.dir, 'filled.xlsx');
    writeFileSync(sheetFile, Buffer.from(await workbook.xlsx.writeBuffer()));
  } finally {
    core.close();
  }
  template = { dir: dataDir, cleanup: template.cleanup };
  before = inspect(template.dir, state).value;

  const reference = copyOf(template.dir);
  cleanups.push(reference.cleanup);
  const started = Date.now();
  const outcome = await runCli(importArgs(reference.dir), { count: true });
  referenceMs = Date.now() - started;
  expect(outcome.code, outcome.stderr).toBe(0);
  const transactions = transactionsOf(outcome);
  applyWrites = Math.max(...transactions);
  applyTransaction = transactions.indexOf(applyWrites) + 1;
  after = inspect(reference.dir, state).value;
}, 120_000);

afterAll(() => cleanups.forEach((c) => c()));

describe('fill-in import killed with SIGKILL', () => {
  it('the reference run applies every row of the sheet, one version and one audit entry per report', () => {
    expect(rowsOnSheet).toBeGreaterThan(1);
    expect(after).toEqual([rowsOnSheet, (before[1] ?? 0) + rowsOnSheet, (before[2] ?? 0) + rowsOnSheet]);
  });

  it('inside the apply transaction: no change of the sheet remains; database and audit chain are sound', async () => {
    for (const write of spreadPoints(applyWrites)) {
      const copy = copyOf(template.dir);
      try {
        const outcome = await runCli(importArgs(copy.dir), { stopAt: { transaction: applyTransaction, write } });
        expect(outcome.signal).toBe('SIGKILL');
        expect(outcome.stoppedOn).not.toBeNull();
        const { integrity, value } = inspect(copy.dir, state);
        expect(integrity).toBe('ok');
        expect({ write, state: value }).toEqual({ write, state: before });
        expect(await auditVerifies(copy.dir)).toMatchObject({ ok: true });
      } finally {
        copy.cleanup();
      }
    }
  }, 180_000);

  it('at arbitrary moments: whole or absent, and `luoshi audit verify` passes', async () => {
    const outcomes: string[] = [];
    for (const fraction of [0.15, 0.3, 0.45, 0.6, 1.5]) {
      const copy = copyOf(template.dir);
      try {
        await runCli(importArgs(copy.dir), { killAfterMs: Math.round(referenceMs * fraction) });
        const { integrity, value } = inspect(copy.dir, state);
        expect(integrity).toBe('ok');
        expect([before, after]).toContainEqual(value);
        outcomes.push(value[0] === 0 ? 'absent' : 'whole');
        const verify = cliAuditVerify(copy.dir);
        expect(verify.output).toContain('哈希链校验通过');
        expect(verify.status).toBe(0);
      } finally {
        copy.cleanup();
      }
    }
    console.info(`fill-in import killed at arbitrary moments: ${outcomes.join(', ')}`);
  }, 180_000);
});
