import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditKeySource } from '../audit/auditKey';
import { witnessFilesOf } from '../audit/auditWitness';
import { systemClock, type Clock } from '../clock';
import { copyFolderToPostgres, type TableDigest } from '../db/copy';
import { openDatabase } from '../db/database';
import { userTablesIn } from '../db/copy/postgresSide';
import { connectPostgres, describeUrl } from '../db/postgres/connect';
import { LuoshiError } from '../../../shared/errors';
import { diskFullError, isDiskFull } from '../files/diskFull';
import { compactTimestamp } from './files';
import type { BackupManifest } from './manifest';
import { restoreBackup } from './restoreBackup';

/**
 * Policy: a `.luoshibak` is restored into a PostgreSQL database by the data folder's own restore
 * into a temporary folder (every entry against its sha256, integrity_check, the audit trail under
 * the deployment's key, refusals and `--accept-unverified-audit` as for a folder), the schema
 * brought up to this program's version there, and then `luoshi db copy` into the target: the old
 * contents are dropped and the backup's rows written in ONE transaction, checked by the
 * table-by-table digest before the commit, so a restore that fails anywhere leaves the database as
 * it was. A database that holds tables is replaced only with `force`: unlike a folder's restore,
 * nothing is kept aside (back it up first). The witnesses of the replaced trail in the
 * deployment's audit folder are set aside, as a folder's restore does (restoreBackup.ts).
 */
export interface PostgresRestoreOptions {
  /** The deployment's audit key (beside its data folder, as core.ts keeps it). */
  auditKey: AuditKeySource;
  /** The folder that holds the key and the witnesses of the audit head. */
  auditFolder: string;
  clock?: Clock;
  acceptUnverifiedAudit?: boolean;
  /** Replace a database that already holds tables. */
  force?: boolean;
  /** Run every check of the backup and stop before the database is touched. */
  checkOnly?: boolean;
  progress?: (line: string) => void;
}

export interface PostgresRestoreResult {
  manifest: BackupManifest;
  auditWarning: string | null;
  auditRefusal: string | null;
  /** The digest of what was written (empty with checkOnly). */
  digest: TableDigest[];
  rows: number;
  attachments: number;
  /** Witness files of the replaced trail, now kept aside. */
  witnessesAside: string[];
}

export async function restoreBackupToPostgres(
  file: string,
  url: string,
  options: PostgresRestoreOptions,
): Promise<PostgresRestoreResult> {
  const clock = options.clock ?? systemClock;
  // Before a large backup is unpacked: can the server be reached, and may the target be replaced?
  // (db copy checks the second again inside its transaction.)
  if (options.checkOnly !== true) await assertTargetReady(url, options.force === true);
  let work: string;
  try {
    work = mkdtempSync(join(tmpdir(), `luoshi-backup-${process.pid}-restore-`));
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError(`从 ${file} 恢复的数据`, tmpdir());
    throw error;
  }
  try {
    const dataDir = join(work, 'data');
    const restored = await restoreBackup(file, dataDir, {
      clock,
      auditKey: options.auditKey,
      acceptUnverifiedAudit: options.acceptUnverifiedAudit === true,
      checkOnly: options.checkOnly === true,
    });
    const checked = {
      manifest: restored.manifest,
      auditWarning: restored.auditWarning,
      auditRefusal: restored.auditRefusal,
    };
    if (options.checkOnly === true) return { ...checked, digest: [], rows: 0, attachments: 0, witnessesAside: [] };
    // A backup of an older version is migrated here, as the app does when it opens a restored folder.
    openDatabase(join(dataDir, 'luoshi.db')).close();
    const copied = await copyFolderToPostgres(dataDir, url, {
      force: options.force === true,
      auditKey: options.auditKey,
      acceptUnverifiedAudit: options.acceptUnverifiedAudit === true,
      now: () => clock.nowIso(),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    const witnessesAside = setWitnessesAside(options.auditFolder, compactTimestamp(clock.now()));
    return {
      ...checked,
      digest: copied.target,
      rows: copied.rows,
      attachments: copied.attachments,
      witnessesAside,
    };
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError(`从 ${file} 恢复到 ${describeUrl(url)} 的数据`, tmpdir());
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function assertTargetReady(url: string, force: boolean): Promise<void> {
  const client = await connectPostgres(url);
  try {
    const existing = await userTablesIn(client);
    if (existing.length > 0 && !force) {
      throw new LuoshiError(
        'conflict',
        `目标数据库 ${describeUrl(url)} 不是空的（已有 ${existing.length} 张表，如 ${existing.slice(0, 3).join('、')}）。恢复会删除其中现有的落实通数据且不另行保留：请先用 luoshi backup 备份它，再加 --force 恢复。`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function setWitnessesAside(auditFolder: string, stamp: string): string[] {
  const files = witnessFilesOf(auditFolder);
  const moved: string[] = [];
  for (const witness of [files.head, files.receipts]) {
    if (!existsSync(witness)) continue;
    const aside = `${witness}.before-restore-${stamp}`;
    renameSync(witness, aside);
    moved.push(aside);
  }
  return moved;
}
