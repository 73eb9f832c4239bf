import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFolderOf } from '../../../src/main/core/audit/auditKey';
import { witnessFilesOf } from '../../../src/main/core/audit/auditWitness';
import { createCore } from '../../../src/main/core/core';
import { hashAuditRow } from '../../../src/main/core/services/auditService';
import type { DbAuditRow } from '../../../src/main/core/store/auditStore';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';
import { auditRows, lastAuditId, verifyAudit } from './helpers';

let world: TestWorld;
let spare: { dir: string; cleanup: () => void };

beforeEach(async () => {
  world = await createWorld();
  spare = makeTempDir('luoshi-witness-copy-');
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  const clerk = world.user('health.clerk', ['clerk'], unitNames.health);
  const leader = world.user('health.leader', ['leader'], unitNames.health);
  const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  const row = world.core.workflow.rounds.overview(round.id).rows.find((r) => r.no === 2 && r.kind === 'task');
  if (!row) throw new Error('task 2 missing');
  let version = world.core.workflow.reports.transition(clerk, {
    reportId: row.reportId,
    version: world.completeDraft(clerk, row.reportId),
    event: 'report.submit',
  });
  version = world.core.workflow.reports.transition(leader, {
    reportId: row.reportId,
    version,
    event: 'report.approve',
    opinion: '同意',
  });
  world.core.workflow.reports.transition(coordinator, { reportId: row.reportId, version, event: 'report.file' });
  world.core.flushAuditWitness();
});
afterEach(() => {
  world.cleanup();
  spare.cleanup();
});

const verify = (...witnessFiles: string[]) => verifyAudit(world.core.paths.dataDir, ...witnessFiles);

const db = () => world.core.db;
const rows = () => auditRows(db());
const lastId = () => lastAuditId(db());
const idOf = (event: string) =>
  (db().prepare('SELECT id FROM audit_log WHERE event = ?').get(event) as { id: number }).id;

/** What someone holding only the database can do: rewrite rows from `fromId` on and recompute every hash after. */
function rewriteFrom(fromId: number, change: (row: DbAuditRow) => DbAuditRow, keepMacs = true): void {
  const all = rows();
  let previous = all.find((r) => r.id === fromId - 1)?.hash ?? '0'.repeat(64);
  const update = db().prepare(
    'UPDATE audit_log SET opinion = @opinion, details_json = @details_json, prev_hash = @prev_hash, hash = @hash, mac = @mac WHERE id = @id',
  );
  for (const original of all.filter((r) => r.id >= fromId)) {
    const changed = original.id === fromId ? change(original) : original;
    const next = { ...changed, prev_hash: previous };
    const { hash: _hash, mac: _mac, ...rest } = next;
    const hash = hashAuditRow(rest);
    update.run({ ...next, hash, mac: keepMacs ? next.mac : null });
    previous = hash;
  }
  db()
    .prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`)
    .run(`${all[all.length - 1]?.id}:${previous}`);
}

function cutTailTo(keep: number, head: 'fixed' | 'deleted'): void {
  db().exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
  db().prepare('DELETE FROM audit_log WHERE id > ?').run(keep);
  if (head === 'deleted') db().prepare(`DELETE FROM settings WHERE key = 'audit.head'`).run();
  else {
    const row = db().prepare('SELECT id, hash FROM audit_log WHERE id = ?').get(keep) as { id: number; hash: string };
    db().prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(`${row.id}:${row.hash}`);
  }
}

describe('the audit key and its witnesses', () => {
  it('creates a 0600 key beside the data folder, marks the trail keyed and witnesses the head outside the database', async () => {
    const folder = auditFolderOf(world.core.paths.dataDir);
    expect(folder).toBe(`${world.core.paths.dataDir}.audit`);
    expect(statSync(join(folder, 'key')).mode & 0o777).toBe(0o600);
    expect(rows()[0]?.event).toBe('audit.keyed');
    expect(rows().every((r) => r.mac !== null && /^[0-9a-f]{64}$/.test(r.mac))).toBe(true);
    const head = JSON.parse(readFileSync(witnessFilesOf(folder).head, 'utf8')) as { head: string; seal: string };
    const last = rows()[rows().length - 1];
    expect(head.head).toBe(`${last?.id}:${last?.hash}:${last?.mac}`);
    expect(head.seal).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(witnessFilesOf(folder).receipts, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
    const result = await verify();
    expect(result.code).toBe(0);
    expect(result.out).toContain('认证码校验通过');
    expect(result.out).toContain('审计见证一致');
  });

  it('introduces the key to a database from before keys with an audit.keyed entry after its history', async () => {
    const temp = makeTempDir();
    try {
      const old = await createCore({ dataDir: temp.dir, resourcesDir, introduceAuditKey: false });
      const before = (old.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      expect(before).toBeGreaterThan(0);
      expect(existsSync(join(`${temp.dir}.audit`, 'key'))).toBe(false);
      old.close();
      const keyed = await createCore({ dataDir: temp.dir, resourcesDir });
      const marker = keyed.db
        .prepare(`SELECT id, details_json, mac FROM audit_log WHERE event = 'audit.keyed'`)
        .get() as {
        id: number;
        details_json: string;
        mac: string;
      };
      expect(marker.id).toBe(before + 1);
      expect(JSON.parse(marker.details_json)).toMatchObject({ entriesBefore: before });
      expect(keyed.workflow.audit.verify()).toMatchObject({ ok: true });
      keyed.close();
    } finally {
      temp.cleanup();
    }
  });

  it('catches a row edited with every later hash recomputed, naming the row, without any witness', async () => {
    const id = idOf('report.approve');
    rewriteFrom(id, (row) => ({ ...row, opinion: '不同意' }));
    rmSync(auditFolderOf(world.core.paths.dataDir) + '/head.json');
    rmSync(auditFolderOf(world.core.paths.dataDir) + '/receipts.log');
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${id} 条记录`);
    expect(result.err).toContain('认证码不符');
  });

  it('catches a forged entry inserted at the end with a valid hash', async () => {
    const last = rows()[rows().length - 1] as DbAuditRow;
    const forged = {
      ...last,
      id: last.id + 1,
      event: 'report.approve',
      opinion: '伪造',
      prev_hash: last.hash,
      mac: null,
    };
    const { hash: _hash, mac: _mac, ...rest } = forged;
    const hash = hashAuditRow(rest);
    db()
      .prepare(
        `INSERT INTO audit_log SELECT @id, at, user_id, actor_name, unit_id, unit_name, role, subject_type, subject_id, report_id,
           revision, @event, @opinion, state_before, state_after, details_json, @prev_hash, @hash, NULL FROM audit_log WHERE id = @lastId`,
      )
      .run({ ...forged, hash, lastId: last.id });
    db().prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(`${forged.id}:${hash}`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${forged.id} 条记录`);
    expect(result.err).toContain('缺少认证码');
  });

  it.each(['fixed', 'deleted'] as const)('catches the tail cut and the head %s, by the kept witness', async (head) => {
    const total = lastId();
    cutTailTo(total - 2, head);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${total - 1} 条记录`);
    expect(result.err).toContain(`记载审计记录至第 ${total} 条，数据库中只有 ${total - 2} 条`);
  });

  it('catches the whole trail and its head deleted (not "empty, passed")', async () => {
    const total = lastId();
    db().exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;');
    db().prepare(`DELETE FROM settings WHERE key = 'audit.head'`).run();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).not.toContain('审计记录为空，校验通过');
    expect(result.err).toContain(`第 1 条记录`);
    expect(result.err).toContain(`数据库中只有 0 条`);
    // Reopened for work, the empty database is keyed afresh, but the receipts still hold the evidence.
    world.core.close();
    const reopened = await createCore({ dataDir: world.core.paths.dataDir, resourcesDir, loadSeedPlan: false });
    reopened.flushAuditWitness();
    const again = reopened.workflow.audit.verify();
    expect(again).toMatchObject({ ok: false, firstBroken: { id: 1 } });
    expect(again.message).toContain('receipts.log');
    expect(total).toBeGreaterThan(1);
    reopened.close();
  });

  it('a witness copied before a rewrite catches it even after the kept witnesses are deleted', async () => {
    const copy = join(spare.dir, 'witness.json');
    copyFileSync(witnessFilesOf(auditFolderOf(world.core.paths.dataDir)).head, copy);
    const total = lastId();
    cutTailTo(total - 1, 'fixed');
    rmSync(auditFolderOf(world.core.paths.dataDir) + '/head.json');
    rmSync(auditFolderOf(world.core.paths.dataDir) + '/receipts.log');
    // Without the copy the shortened trail looks whole: every remaining MAC is genuine.
    expect((await verify()).code).toBe(0);
    const result = await verify(copy);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${total} 条记录`);
    expect(result.err).toContain(copy);
  });

  it('a full rewrite without the key (markers and MACs dropped, chain recomputed) disagrees with the witness', async () => {
    rewriteFrom(1, (row) => ({ ...row, details_json: '{}' }), false);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/第 1 条记录.*缺少认证码/);
  });

  it('refuses a witness that was edited (its seal no longer matches)', async () => {
    const copy = join(spare.dir, 'edited.json');
    const text = readFileSync(witnessFilesOf(auditFolderOf(world.core.paths.dataDir)).head, 'utf8');
    const record = JSON.parse(text) as { head: string };
    const [, hash, mac] = record.head.split(':');
    writeFileSync(copy, JSON.stringify({ ...record, head: `2:${hash}:${mac}` }));
    const result = await verify(copy);
    expect(result.code).toBe(1);
    expect(result.err).toContain('认证码不符（见证被改动');
    const junk = join(spare.dir, 'junk.txt');
    writeFileSync(junk, 'hello');
    expect((await verify(junk)).err).toContain('无法识别');
  });

  it('says plainly when the key is missing, without calling it tampering', async () => {
    rmSync(join(auditFolderOf(world.core.paths.dataDir), 'key'));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain('审计密钥');
    expect(result.err).toContain('不一定是篡改');
    expect(result.err).not.toContain('可能已被改动');
    // Opening for work does not silently make a new key for a keyed trail.
    world.core.close();
    const reopened = await createCore({ dataDir: world.core.paths.dataDir, resourcesDir, loadSeedPlan: false });
    expect(existsSync(join(auditFolderOf(world.core.paths.dataDir), 'key'))).toBe(false);
    reopened.close();
  });

  it('witnesses the head soon after a burst of writes, with receipts kept sparse', async () => {
    const files = witnessFilesOf(auditFolderOf(world.core.paths.dataDir));
    const receiptsBefore = readFileSync(files.receipts, 'utf8').trim().split('\n').length;
    for (let i = 0; i < 20; i += 1) {
      world.core.db.transaction(() =>
        world.core.workflow.audit.append({
          actor: null,
          role: null,
          subjectType: 'settings',
          subjectId: null,
          event: 'settings.update',
        }),
      )();
    }
    const last = rows()[rows().length - 1];
    const deadline = Date.now() + 5000;
    const headNow = () => (JSON.parse(readFileSync(files.head, 'utf8')) as { head: string }).head;
    while (headNow() !== `${last?.id}:${last?.hash}:${last?.mac}` && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(headNow()).toBe(`${last?.id}:${last?.hash}:${last?.mac}`);
    expect(readFileSync(files.receipts, 'utf8').trim().split('\n').length - receiptsBefore).toBeLessThanOrEqual(1);
    // Closing brings the receipts up to the head.
    world.core.close();
    const receipts = readFileSync(files.receipts, 'utf8').trim().split('\n');
    expect((JSON.parse(receipts[receipts.length - 1] ?? '{}') as { head: string }).head).toBe(headNow());
  });

  it('never witnesses an entry that was rolled back', () => {
    const before = lastId();
    expect(() =>
      world.core.db.transaction(() => {
        world.core.workflow.audit.append({
          actor: null,
          role: null,
          subjectType: 'settings',
          subjectId: null,
          event: 'settings.update',
        });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    world.core.flushAuditWitness();
    const head = JSON.parse(readFileSync(witnessFilesOf(auditFolderOf(world.core.paths.dataDir)).head, 'utf8')) as {
      head: string;
    };
    expect(head.head.startsWith(`${before}:`)).toBe(true);
    expect(world.core.workflow.audit.verify().ok).toBe(true);
  });
});

describe('reading the database file directly', () => {
  it('an edit made with sqlite3 on the closed file is caught on the next open', async () => {
    const file = world.core.paths.database;
    const id = idOf('report.approve');
    world.core.close();
    const raw = new Database(file);
    raw.prepare(`UPDATE audit_log SET opinion = '不同意' WHERE id = ?`).run(id);
    raw.close();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${id} 条记录`);
  });
});
