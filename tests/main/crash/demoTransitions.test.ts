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
  transactionsOf,
} from './harness';

/**
 * A burst of transitions killed by SIGKILL: `luoshi demo` creates the accounts in one transaction,
 * then plays each quarter (open the round, edit, submit, approve, sign, file…) in one transaction
 * per round. After a kill, every round present must be exactly the round of an unkilled run
 * (reports, states, signatures, audit entries), the rounds present must be the first ones, and
 * the audit chain must verify.
 */
const quarters = 3;
const demoArgs = (dir: string) => ['demo', '--data-dir', dir, '--quarters', String(quarters)];

interface RoundPrint {
  quarter: string;
  reports: number;
  states: string;
  signatures: number;
  values: number;
  audit: number;
}

interface Snapshot {
  users: number;
  rounds: RoundPrint[];
  /** Audit entries not tied to a round (accounts). */
  otherAudit: number;
}

function snapshot(db: Database.Database): Snapshot {
  const rounds = db.prepare('SELECT id, year, quarter, opened_at FROM rounds ORDER BY id').all() as {
    id: number;
    year: number;
    quarter: number;
    opened_at: string;
  }[];
  const inRound = 'SELECT id FROM reports WHERE round_id = ?';
  // The demo's 批示 (demoInstructions.ts) are issued in their round's transaction, after it opens
  // and before the next one does: their entries belong to that round.
  const instructionAudit = `SELECT count(*) FROM audit_log WHERE subject_type = 'instruction' AND report_id IS NULL AND at >= ? AND at < ?`;
  const roundAudit = `SELECT count(*) FROM audit_log WHERE report_id IN (${inRound}) OR (subject_type = 'round' AND subject_id = ?)`;
  const prints = rounds.map((r, i) => ({
    quarter: `${r.year}Q${r.quarter}`,
    reports: count(db, 'SELECT count(*) FROM reports WHERE round_id = ?', r.id),
    states:
      (db
        .prepare(
          `SELECT group_concat(state || '=' || n) FROM (SELECT state, count(*) AS n FROM reports WHERE round_id = ? GROUP BY state ORDER BY state)`,
        )
        .pluck()
        .get(r.id) as string | null) ?? '',
    signatures: count(db, `SELECT count(*) FROM report_signatures WHERE report_id IN (${inRound})`, r.id),
    values: count(db, `SELECT count(*) FROM report_indicator_values WHERE report_id IN (${inRound})`, r.id),
    audit:
      count(db, roundAudit, r.id, r.id) +
      count(db, instructionAudit, r.opened_at, rounds[i + 1]?.opened_at ?? '9999-12-31T00:00:00Z'),
  }));
  const total = count(db, 'SELECT count(*) FROM audit_log');
  return {
    users: count(db, 'SELECT count(*) FROM users'),
    rounds: prints,
    otherAudit: total - prints.reduce((s, p) => s + p.audit, 0),
  };
}

let template: { dir: string; cleanup: () => void };
let before: Snapshot;
let after: Snapshot;
let transactions: number[] = [];
let referenceMs = 0;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  requireBuiltCli();
  template = makeTempDir('luoshi-crash-demo-');
  cleanups.push(template.cleanup);
  (await createCore({ dataDir: template.dir, resourcesDir })).close();
  before = inspect(template.dir, snapshot).value;
  const reference = copyOf(template.dir);
  cleanups.push(reference.cleanup);
  const started = Date.now();
  const outcome = await runCli(demoArgs(reference.dir), { count: true });
  referenceMs = Date.now() - started;
  expect(outcome.code, outcome.stderr).toBe(0);
  transactions = transactionsOf(outcome);
  after = inspect(reference.dir, snapshot).value;
}, 120_000);

afterAll(() => cleanups.forEach((c) => c()));

/** Whatever survived a kill is a prefix of the reference run, whole transaction by whole transaction. */
function expectPrefixOfReference(found: Snapshot, label: string): number {
  expect([before.users, after.users], label).toContain(found.users);
  expect([before.otherAudit, after.otherAudit], label).toContain(found.otherAudit);
  expect(found.rounds, label).toEqual(after.rounds.slice(0, found.rounds.length));
  return found.rounds.length;
}

describe('a burst of transitions killed with SIGKILL', () => {
  it('the reference run is one accounts transaction and one busy transaction per quarter', () => {
    expect(before).toMatchObject({ users: 0, rounds: [] });
    expect(after.rounds).toHaveLength(quarters);
    expect(transactions).toHaveLength(quarters + 1);
    for (const round of after.rounds) expect(round.audit).toBeGreaterThan(round.reports);
  });

  it('inside each transaction: earlier rounds whole, the interrupted one absent; database and audit chain sound', async () => {
    const points: { transaction: number; write: number }[] = [];
    transactions.forEach((writes, index) => {
      const transaction = index + 1;
      points.push({ transaction, write: Math.ceil(writes / 2) });
      if (transaction === 2) points.push({ transaction, write: 1 }, { transaction, write: writes });
    });
    for (const point of points) {
      const copy = copyOf(template.dir);
      try {
        const outcome = await runCli(demoArgs(copy.dir), { stopAt: point });
        expect(outcome.signal).toBe('SIGKILL');
        expect(outcome.stoppedOn).not.toBeNull();
        const { integrity, value } = inspect(copy.dir, snapshot);
        expect(integrity).toBe('ok');
        const label = `killed at ${point.transaction}:${point.write}`;
        const roundsKept = expectPrefixOfReference(value, label);
        // Transaction 1 is the accounts; transaction t > 1 plays round t − 1, which must be absent.
        expect(value.users, label).toBe(point.transaction === 1 ? 0 : after.users);
        expect(roundsKept, label).toBe(Math.max(0, point.transaction - 2));
        expect(await auditVerifies(copy.dir), label).toMatchObject({ ok: true });
      } finally {
        copy.cleanup();
      }
    }
  }, 240_000);

  it('at arbitrary moments: a whole prefix of the burst survives and `luoshi audit verify` passes', async () => {
    const kept: number[] = [];
    for (const fraction of [0.2, 0.4, 0.6, 0.8]) {
      const copy = copyOf(template.dir);
      try {
        await runCli(demoArgs(copy.dir), { killAfterMs: Math.round(referenceMs * fraction) });
        const { integrity, value } = inspect(copy.dir, snapshot);
        expect(integrity).toBe('ok');
        kept.push(expectPrefixOfReference(value, `killed after ${fraction} of the run`));
        const verify = cliAuditVerify(copy.dir);
        expect(verify.output).toContain('校验通过');
        expect(verify.status).toBe(0);
      } finally {
        copy.cleanup();
      }
    }
    console.info(`demo killed at arbitrary moments kept rounds: ${kept.join(', ')} of ${quarters}`);
  }, 240_000);
});
