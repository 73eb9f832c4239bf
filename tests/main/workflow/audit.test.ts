import { repoRoot, resourcesDir } from '../../helpers/tempDir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { createCore } from '../../../src/main/core/core';
import { dialectOf } from '../../../src/main/core/db/dialect';
import { createWorld, unitNames, type TestWorld } from './helpers';

let world: TestWorld;

beforeEach(async () => {
  world = await createWorld();
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  const clerk = world.user('health.clerk', ['clerk'], unitNames.health);
  const leader = world.user('health.leader', ['leader'], unitNames.health);
  const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const row = world.core.workflow.rounds.overview(round.id).rows.find((r) => r.no === 2 && r.kind === 'task');
  if (!row) throw new Error('task 2 missing');
  let version = world.completeDraft(clerk, row.reportId);
  version = world.core.workflow.reports.transition(clerk, { reportId: row.reportId, version, event: 'report.submit' });
  version = world.core.workflow.reports.transition(leader, {
    reportId: row.reportId,
    version,
    event: 'report.approve',
    opinion: '同意',
  });
  world.core.workflow.reports.transition(coordinator, { reportId: row.reportId, version, event: 'report.file' });
});
afterEach(() => world.cleanup());

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    packageRoot: repoRoot,
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const approvalId = () =>
  (world.core.db.prepare(`SELECT id FROM audit_log WHERE event = 'report.approve'`).get() as { id: number }).id;

describe('the audit chain', () => {
  it('verifies a clean log and `luoshi audit verify` exits 0', async () => {
    expect(world.core.workflow.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
    const result = await cli(['audit', 'verify', '--data-dir', world.core.paths.dataDir, ...world.engineArgs]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('校验通过');
  });

  it('names the entry edited by hand, in the service, the CLI and system.integrity on open', async () => {
    const id = approvalId();
    world.core.db.prepare(`UPDATE audit_log SET opinion = '不同意' WHERE id = ?`).run(id);
    const result = world.core.workflow.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.id).toBe(id);
    const command = await cli(['audit', 'verify', '--data-dir', world.core.paths.dataDir, ...world.engineArgs]);
    expect(command.code).toBe(1);
    expect(command.err).toContain(`第 ${id} 条记录`);
    const reopened = await createCore({
      dataDir: world.core.paths.dataDir,
      resourcesDir,
      loadSeedPlan: false,
      ...(world.databaseUrl === undefined ? {} : { databaseUrl: world.databaseUrl }),
    });
    try {
      expect(reopened.integrity.ok).toBe(false);
      expect(reopened.integrity.firstBroken?.id).toBe(id);
    } finally {
      reopened.close();
    }
  });

  it('notices a re-hashed edit by the broken link to the next entry', () => {
    const id = approvalId();
    // Someone edits a row and recomputes its hash: the next entry still points to the old hash.
    world.core.db.prepare(`UPDATE audit_log SET hash = ? WHERE id = ?`).run('f'.repeat(64), id);
    const result = world.core.workflow.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.id).toBe(id);
  });

  it('refuses deletes, and notices a removed tail when the guard is dropped', () => {
    expect(() => world.core.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    world.core.db.exec(
      dialectOf(world.core.db) === 'postgres'
        ? 'DROP TRIGGER audit_log_no_delete ON audit_log'
        : 'DROP TRIGGER audit_log_no_delete',
    );
    const last = (world.core.db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    world.core.db.prepare('DELETE FROM audit_log WHERE id = ?').run(last);
    const result = world.core.workflow.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.id).toBe(last);
  });

  it('entries carry who, unit, role, states and the opinion', () => {
    const entry = world.core.workflow.audit.entriesOfReports([
      (
        world.core.db.prepare(`SELECT report_id FROM audit_log WHERE event = 'report.approve'`).get() as {
          report_id: number;
        }
      ).report_id,
    ]);
    expect(entry.map((e) => [e.eventLabel, e.roleLabel, e.unitName, e.stateBefore, e.stateAfter, e.opinion])).toEqual([
      ['修改内容', '经办人', unitNames.health, 'drafting', 'drafting', ''],
      ['提交审核', '经办人', unitNames.health, 'drafting', 'leadReview', ''],
      ['审核通过', '负责人', unitNames.health, 'leadReview', 'filing', '同意'],
      ['归档', '专班', unitNames.economy, 'filing', 'filed', ''],
    ]);
  });
});
