import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFolderOf } from '../../../src/main/core/audit/auditKey';
import { witnessFilesOf } from '../../../src/main/core/audit/auditWitness';
import { backupToFolder, restoreBackup } from '../../../src/main/core/backup';
import { sha256Of } from '../../../src/main/core/files/wholeFile';
import { hashAuditRow } from '../../../src/main/core/services/auditService';
import type { DbAuditRow } from '../../../src/main/core/store/auditStore';
import { LuoshiError } from '../../../src/shared/errors';
import { makeTempDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';
import { verifyAudit } from './helpers';
import { runCliCaptured } from '../../helpers/cliRunner';

let world: TestWorld;
let temp: { dir: string; cleanup: () => void };
let backup: string;

beforeEach(async () => {
  world = await createWorld();
  temp = makeTempDir('luoshi-backup-witness-');
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
  backup = (await backupToFolder(world.core)).file;
});
afterEach(() => {
  world.cleanup();
  temp.cleanup();
});

const verify = (...witnessFiles: string[]) => verifyAudit(world.core.paths.dataDir, ...witnessFiles);

const lastRow = (db: Database.Database) =>
  db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as DbAuditRow;

/** A data folder of this install (same key) for restores to land in. */
function sameInstallTarget(): string {
  const target = join(temp.dir, 'target');
  mkdirSync(auditFolderOf(target), { recursive: true });
  copyFileSync(join(world.core.auditFolder, 'key'), join(auditFolderOf(target), 'key'));
  return target;
}

/** Rewrite the backup's database (and its manifest sums, which are not authenticated). */
async function tamperedBackup(
  name: string,
  change: (db: Database.Database) => void,
  manifestChange?: (manifest: Record<string, unknown>) => void,
): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(backup));
  const dbFile = join(temp.dir, `${name}.db`);
  writeFileSync(dbFile, await zip.file('database/luoshi.db')!.async('nodebuffer'));
  const db = new Database(dbFile);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
  change(db);
  db.close();
  const bytes = readFileSync(dbFile);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
    entries: { path: string; size: number; sha256: string }[];
  } & Record<string, unknown>;
  const entry = manifest.entries.find((e) => e.path === 'database/luoshi.db')!;
  entry.size = bytes.length;
  entry.sha256 = sha256Of(bytes);
  manifestChange?.(manifest);
  zip.file('database/luoshi.db', bytes);
  zip.file('manifest.json', JSON.stringify(manifest));
  const file = join(temp.dir, `${name}.luoshibak`);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

function rewriteLastOpinion(db: Database.Database): number {
  const row = lastRow(db);
  const changed = { ...row, opinion: '伪造的意见' };
  const { hash: _hash, mac: _mac, ...rest } = changed;
  const hash = hashAuditRow(rest);
  db.prepare('UPDATE audit_log SET opinion = ?, hash = ? WHERE id = ?').run(changed.opinion, hash, row.id);
  db.prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(`${row.id}:${hash}`);
  return row.id;
}

async function restoreError(file: string, target: string): Promise<LuoshiError> {
  const error = await restoreBackup(file, target).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LuoshiError);
  return error as LuoshiError;
}

describe('backups witness the audit trail', () => {
  it('carry a sealed witness of the snapshot head in the manifest', async () => {
    const zip = await JSZip.loadAsync(readFileSync(backup));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { auditWitness?: string };
    const head = lastRow(world.core.db);
    expect(JSON.parse(manifest.auditWitness ?? '{}')).toMatchObject({ head: `${head.id}:${head.hash}:${head.mac}` });
  });

  it('`audit verify --witness BACKUP` catches a tail cut after the backup even with the kept witnesses gone', async () => {
    const total = lastRow(world.core.db).id;
    world.core.db.exec('DROP TRIGGER audit_log_no_delete');
    world.core.db.prepare('DELETE FROM audit_log WHERE id = ?').run(total);
    const head = lastRow(world.core.db);
    world.core.db.prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(`${head.id}:${head.hash}`);
    const files = witnessFilesOf(world.core.auditFolder);
    rmSync(files.head);
    rmSync(files.receipts);
    expect((await verify()).code).toBe(0);
    const result = await verify(backup);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`第 ${total} 条记录`);
    expect(result.err).toContain(backup);
  });

  it('a clean backup restores into a folder of the same install without a warning', async () => {
    const result = await restoreBackup(backup, sameInstallTarget());
    expect(result.auditWarning).toBeNull();
  });

  it('refuses to restore a backup whose entry was rewritten with the chain recomputed, naming the entry', async () => {
    let id = 0;
    const file = await tamperedBackup('rewritten', (db) => {
      id = rewriteLastOpinion(db);
    });
    const target = sameInstallTarget();
    const error = await restoreError(file, target);
    expect(error.message).toContain('未恢复');
    expect(error.message).toContain(`第 ${id} 条记录`);
    expect(error.message).toContain('--accept-unverified-audit');
    // With the explicit flag it restores, and says what failed.
    const accepted = await restoreBackup(file, target, { acceptUnverifiedAudit: true });
    expect(accepted.auditWarning).toContain(`第 ${id} 条记录`);
  });

  it('refuses a backup whose trail was wiped and an account password hash swapped', async () => {
    const file = await tamperedBackup('wiped', (db) => {
      db.exec('DELETE FROM audit_log');
      db.prepare(`DELETE FROM settings WHERE key = 'audit.head'`).run();
      db.prepare(`UPDATE users SET password_hash = 'swapped' WHERE username = 'coord'`).run();
    });
    const error = await restoreError(file, sameInstallTarget());
    expect(error.message).toContain('数据库中只有 0 条');
  });

  it('refuses a backup of this install whose manifest lost its witness', async () => {
    const file = await tamperedBackup(
      'stripped',
      (db) => {
        const row = lastRow(db);
        db.prepare('DELETE FROM audit_log WHERE id = ?').run(row.id);
        const head = lastRow(db);
        db.prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(`${head.id}:${head.hash}`);
      },
      (manifest) => {
        delete manifest.auditWitness;
      },
    );
    const error = await restoreError(file, sameInstallTarget());
    expect(error.message).toContain('缺少审计见证');
  });

  it('`luoshi restore` refuses the tampered backup and restores it only with --accept-unverified-audit, warning', async () => {
    let id = 0;
    const file = await tamperedBackup('cli', (db) => {
      id = rewriteLastOpinion(db);
    });
    const target = sameInstallTarget();
    const run = (...extra: string[]) => runCliCaptured(['restore', file, '--data-dir', target, '--yes', ...extra]);
    const refused = await run();
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(`第 ${id} 条记录`);
    const accepted = await run('--accept-unverified-audit');
    expect(accepted.code).toBe(0);
    expect(accepted.err).toContain('注意：审计记录未通过校验');
  });

  it('restores into a machine without the key with a plain warning (only the chain could be checked)', async () => {
    const result = await restoreBackup(backup, join(temp.dir, 'elsewhere'));
    expect(result.auditWarning).toContain('只核对了哈希链');
  });
});
