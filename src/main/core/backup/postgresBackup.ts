import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditKeySource } from '../audit/auditKey';
import { witnessLine } from '../audit/auditWitness';
import type { Clock } from '../clock';
import { copyPostgresToFolder, type TableDigest } from '../db/copy';
import { openDatabase } from '../db/database';
import { describeUrl } from '../db/postgres/connect';
import { diskFullError, isDiskFull } from '../files/diskFull';
import { dataPaths } from '../paths';
import { createBackup, type BackupResult } from './createBackup';

/**
 * Policy: a PostgreSQL deployment is backed up into the same `.luoshibak` format as a data folder,
 * so one restore reads both. The database is copied into a temporary data folder with `luoshi db
 * copy` (one read-only snapshot, verified by the table-by-table digest and the audit chain under
 * the deployment's key), that folder is backed up with the data folder's own code (createBackup.ts:
 * sha256 manifest, a sealed witness of the audit head), and the temporary folder is removed. It
 * is named `luoshi-backup-<pid>-…` in the temp folder, so the sweep at start (files/sweep.ts)
 * removes what a killed backup left.
 */
export interface PostgresBackupOptions {
  /** The deployment's audit key (beside its data folder, as core.ts keeps it); the backup's witness is sealed with it. */
  auditKey: AuditKeySource;
  clock: Clock;
  /** The app version recorded in the manifest. */
  version: string;
  progress?: (line: string) => void;
}

export interface PostgresBackupResult extends BackupResult {
  /** The digest both sides of the copy agreed on. */
  digest: TableDigest[];
  /** What the copy said about the audit chain. */
  notes: string[];
}

export async function backupPostgres(
  url: string,
  outFile: string,
  options: PostgresBackupOptions,
): Promise<PostgresBackupResult> {
  let work: string;
  try {
    work = mkdtempSync(join(tmpdir(), `luoshi-backup-${process.pid}-pg-`));
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError(`备份 ${describeUrl(url)}`, tmpdir());
    throw error;
  }
  try {
    const dataDir = join(work, 'data');
    const copied = await copyPostgresToFolder(url, dataDir, {
      auditKey: options.auditKey,
      now: () => options.clock.nowIso(),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    const paths = dataPaths(dataDir);
    // The copy is at this program's schema version (db copy refuses any other), so nothing migrates.
    const db = openDatabase(paths.database, { migrate: false });
    try {
      const key = loadKey(options.auditKey);
      const result = await createBackup(
        {
          db,
          paths,
          clock: options.clock,
          version: options.version,
          sealAuditWitness: (head) =>
            key
              ? witnessLine(key, {
                  id: head.id,
                  hash: head.hash,
                  mac: head.mac ?? '',
                  writtenAt: options.clock.nowIso(),
                })
              : null,
        },
        outFile,
      );
      return { ...result, digest: copied.source, notes: copied.notes };
    } finally {
      db.close();
    }
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError(`备份 ${describeUrl(url)}`, tmpdir());
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function loadKey(source: AuditKeySource): Buffer | null {
  try {
    return source.load();
  } catch {
    return null;
  }
}
