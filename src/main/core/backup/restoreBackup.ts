import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { systemClock, type Clock } from '../clock';
import { dataPaths } from '../paths';
import { auditFolderOf, fileAuditKeySource, type AuditKeySource } from '../audit/auditKey';
import { checkBackupAudit } from './auditCheck';
import { witnessFilesOf } from '../audit/auditWitness';
import { diskFullError, isDiskFull } from '../files/diskFull';
import { compactTimestamp } from './files';
import { assertDatabaseNotInUse } from './inUse';
import type { BackupManifest } from './manifest';
import { assertSchemaSupported, copyEntry, openBackup } from './readBackup';
import { checkDatabaseFile } from './snapshot';

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database that was replaced now lives, or null if the folder had none. */
  previousDatabase: string | null;
  /** Where the attachments folder that was replaced now lives, or null if there was none. */
  previousAttachments: string | null;
  /** What about the backup's audit trail could not be checked (or was accepted despite failing). */
  auditWarning: string | null;
  /** With `checkOnly`: why the backup's audit trail would be refused (null when it passes). */
  auditRefusal: string | null;
}

export interface RestoreOptions {
  clock?: Clock;
  /** This install's audit key (a file beside the data folder by default). */
  auditKey?: AuditKeySource;
  /** Restore even when the backup's audit trail fails its check (the failure is returned as a warning). */
  acceptUnverifiedAudit?: boolean;
  /** Run every check (sha256 of each entry, integrity_check, the audit trail) and stop before replacing anything. */
  checkOnly?: boolean;
}

/**
 * Replace the data folder's database and attachments with those of a backup.
 *
 * Nothing in the data folder changes until the backup has been extracted into a staging folder
 * beside it, every entry has matched its sha256 and the database has passed `integrity_check`.
 * Then the current database (with its -wal/-shm) and attachments are renamed aside as
 * `luoshi.db.before-restore-<time>` and `attachments.before-restore-<time>`, and the staged ones
 * renamed in; renames within one folder are atomic, and a failure midway puts the old ones back.
 * A database another process still has open is refused: close the app and `luoshi serve` first.
 * The desktop app restores at startup, before it opens the database.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const source = resolve(file);
  const opened = await openBackup(source);
  assertSchemaSupported(source, opened.manifest.schemaVersion);

  const paths = dataPaths(resolve(dataDir));
  // A check changes nothing, so it may run while the app has the database open.
  if (options.checkOnly !== true) assertDatabaseNotInUse(paths.database);
  mkdirSync(paths.dataDir, { recursive: true });
  const staging = mkdtempSync(join(paths.dataDir, `.restore-${process.pid}-`));
  try {
    for (const entry of opened.manifest.entries) await copyEntry(opened, entry, staging);
    const stagedDatabase = join(staging, 'luoshi.db');
    const check = checkDatabaseFile(stagedDatabase, { full: true });
    if (check.result !== 'ok') {
      throw new LuoshiError(
        'invalid_input',
        `备份文件 ${source} 中的数据库未通过完整性检查（${check.result}），不能恢复。`,
      );
    }
    assertSchemaSupported(source, check.schemaVersion);
    const clock = options.clock ?? systemClock;
    const audit = checkBackupAudit(
      stagedDatabase,
      opened.manifest,
      source,
      options.auditKey ?? fileAuditKeySource(paths.dataDir),
      clock.nowIso(),
    );
    if (audit.refusal !== null && options.acceptUnverifiedAudit !== true) {
      throw new LuoshiError(
        'invalid_input',
        `备份文件 ${source} 中的审计记录未通过校验，未恢复：${audit.refusal} 如确需恢复（例如只为取回数据），请加 --accept-unverified-audit。`,
      );
    }
    if (options.checkOnly === true) {
      return {
        manifest: opened.manifest,
        previousDatabase: null,
        previousAttachments: null,
        auditWarning: audit.warning,
        auditRefusal: audit.refusal,
      };
    }
    const auditWarning =
      audit.refusal !== null ? `审计记录未通过校验（已按要求仍然恢复）：${audit.refusal}` : audit.warning;
    const stagedAttachments = join(staging, 'attachments');
    mkdirSync(stagedAttachments, { recursive: true });

    const stamp = compactTimestamp(clock.now());
    const asidePrefix = `${paths.database}.before-restore-${stamp}`;
    const previousDatabase = existsSync(paths.database) ? asidePrefix : null;
    const previousAttachments = existsSync(paths.attachments) ? `${paths.attachments}.before-restore-${stamp}` : null;
    swapIn([
      // The -wal and -shm files belong to the old database: left behind, SQLite would replay
      // the old log onto the restored file. Moves of files that do not exist are skipped.
      ...['', '-wal', '-shm', '-journal'].map((suffix) => ({
        from: `${paths.database}${suffix}`,
        to: `${asidePrefix}${suffix}`,
      })),
      ...(previousAttachments ? [{ from: paths.attachments, to: previousAttachments }] : []),
      { from: stagedDatabase, to: paths.database },
      { from: stagedAttachments, to: paths.attachments },
    ]);
    setWitnessesAside(paths.dataDir, stamp);
    return { manifest: opened.manifest, previousDatabase, previousAttachments, auditWarning, auditRefusal: null };
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError(`从 ${source} 恢复的数据`, paths.dataDir);
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The restored database is older than the witnesses of the one it replaced, which would read as a
 * cut trail: they are kept aside (`*.before-restore-<time>`) for checking the replaced database.
 */
function setWitnessesAside(dataDir: string, stamp: string): void {
  const files = witnessFilesOf(auditFolderOf(dataDir));
  for (const file of [files.head, files.receipts]) {
    if (existsSync(file)) renameSync(file, `${file}.before-restore-${stamp}`);
  }
}

interface Move {
  from: string;
  to: string;
}

/** Perform the renames in order; if one fails, undo the ones done and rethrow. */
function swapIn(moves: Move[]): void {
  const done: Move[] = [];
  try {
    for (const move of moves) {
      if (!existsSync(move.from)) continue;
      if (existsSync(move.to)) throw new LuoshiError('conflict', `恢复中止：${move.to} 已存在。`);
      renameSync(move.from, move.to);
      done.push(move);
    }
  } catch (error) {
    for (const move of done.reverse()) {
      try {
        renameSync(move.to, move.from);
      } catch {
        // Keep undoing the rest; the message below tells the user where things are.
      }
    }
    throw new LuoshiError('internal', `恢复未完成，原有数据已放回（${(error as Error).message}）。`);
  }
}
