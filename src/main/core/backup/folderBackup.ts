import { createBackup, type BackupResult, type BackupSource } from './createBackup';
import { nextBackupFile, pruneBackups } from './files';
import { backupPostgres } from './postgresBackup';
import { readBackupSettings } from './settings';

export interface FolderBackupResult extends BackupResult {
  /** Older automatic backups deleted to keep the configured number. */
  pruned: string[];
}

/**
 * Back up into the data folder's `backups/` under a time-stamped name, then delete the oldest
 * automatic backups beyond the number the administrator chose to keep.
 */
export async function backupToFolder(source: BackupSource): Promise<FolderBackupResult> {
  const file = nextBackupFile(source.paths.backups, source.clock.now());
  // A PostgreSQL deployment's backup goes into the same folder and format, through a verified copy.
  const result = source.postgres
    ? await backupPostgres(source.postgres.url, file, {
        auditKey: source.postgres.auditKey,
        clock: source.clock,
        version: source.version,
      })
    : await createBackup(source, file);
  const pruned = pruneBackups(source.paths.backups, readBackupSettings(source.paths).keep);
  return { ...result, pruned };
}
