import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { createCore } from '../../../src/main/core/core';
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
 * A plan import killed by SIGKILL leaves the plan whole or absent. The process is the real
 * `luoshi serve` on a data folder without a plan: its first act is importing the shipped plan.
 */
const planTables = [
  'plans',
  'plan_imports',
  'categories',
  'tasks',
  'projects',
  'task_units',
  'project_units',
  'indicators',
  'baselines',
  'units',
  'unit_aliases',
  'unit_group_members',
  'search_docs',
];
const planCounts = (db: Database.Database): number[] => planTables.map((t) => count(db, `SELECT count(*) FROM ${t}`));
const serveArgs = (dir: string) => ['serve', '--data-dir', dir, '--port', '0'];
const serverUp = /已启动：http/;

let template: { dir: string; cleanup: () => void };
let before: number[];
let after: number[];
let importTransaction = 0;
let importWrites = 0;
let referenceMs = 0;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  requireBuiltCli();
  template = makeTempDir('luoshi-crash-plan-');
  cleanups.push(template.cleanup);
  (await createCore({ dataDir: template.dir, resourcesDir, loadSeedPlan: false })).close();
  before = inspect(template.dir, planCounts).value;

  const reference = copyOf(template.dir);
  cleanups.push(reference.cleanup);
  const started = Date.now();
  const outcome = await runCli(serveArgs(reference.dir), { count: true, killOnStdout: serverUp });
  referenceMs = Date.now() - started;
  // Browser mode listens on loopback unless --host is given.
  expect(outcome.stdout, `${outcome.stderr} (signal ${String(outcome.signal)}, code ${String(outcome.code)})`).toMatch(
    /已启动：http:\/\/127\.0\.0\.1:\d+\//,
  );
  const transactions = transactionsOf(outcome);
  importWrites = Math.max(...transactions);
  importTransaction = transactions.indexOf(importWrites) + 1;
  after = inspect(reference.dir, planCounts).value;
}, 120_000);

afterAll(() => cleanups.forEach((c) => c()));

describe('plan import killed with SIGKILL', () => {
  it('the reference run imports a real plan in one large transaction', () => {
    expect(importWrites).toBeGreaterThan(100);
    expect(after[planTables.indexOf('tasks')]).toBeGreaterThan(10);
    expect(before.every((n) => n === 0)).toBe(true);
  });

  it('inside the import transaction: nothing of the plan remains, the database and audit chain are sound', async () => {
    const statements: string[] = [];
    for (const write of spreadPoints(importWrites)) {
      const copy = copyOf(template.dir);
      try {
        const outcome = await runCli(serveArgs(copy.dir), { stopAt: { transaction: importTransaction, write } });
        expect(outcome.signal).toBe('SIGKILL');
        expect(outcome.stoppedOn).not.toBeNull();
        statements.push(outcome.stoppedOn ?? '');
        const { integrity, value } = inspect(copy.dir, planCounts);
        expect(integrity).toBe('ok');
        expect({ write, counts: value }).toEqual({ write, counts: before });
        expect(await auditVerifies(copy.dir)).toMatchObject({ ok: true });
      } finally {
        copy.cleanup();
      }
    }
    // The kills really landed in the plan import: it writes the plan's own tables.
    expect(statements.some((s) => /INSERT INTO (tasks|units|indicators|projects|categories)\b/i.test(s))).toBe(true);
  }, 180_000);

  it('at arbitrary moments: the plan is either whole or absent, and `luoshi audit verify` passes', async () => {
    const outcomes: string[] = [];
    for (const fraction of [0.3, 0.6, 0.9, 1.2, 2.0]) {
      const copy = copyOf(template.dir);
      try {
        await runCli(serveArgs(copy.dir), { killAfterMs: Math.round(referenceMs * fraction), killOnStdout: serverUp });
        const { integrity, value } = inspect(copy.dir, planCounts);
        expect(integrity).toBe('ok');
        expect([before, after]).toContainEqual(value);
        outcomes.push(value.every((n, i) => n === before[i]) ? 'absent' : 'whole');
        const verify = cliAuditVerify(copy.dir);
        expect(verify.output).toContain('校验通过');
        expect(verify.status).toBe(0);
      } finally {
        copy.cleanup();
      }
    }
    expect(outcomes).toHaveLength(5);
    console.info(`plan import killed at arbitrary moments: ${outcomes.join(', ')}`);
  }, 180_000);
});
