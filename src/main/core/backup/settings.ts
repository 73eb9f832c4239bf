import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DataPaths } from '../paths';

/**
 * Backup settings live in a small file beside the database rather than in it, so restoring an
 * older backup does not also roll back how many backups to keep.
 */
export const backupSettingsSchema = z.object({
  keep: z.number().int().min(1).max(365),
  /** Hours between automatic backups while the app runs (files written before this field read as daily). */
  intervalHours: z.number().int().min(1).max(720).default(24),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const defaultBackupSettings: BackupSettings = { keep: 10, intervalHours: 24 };

function backupSettingsFile(paths: DataPaths): string {
  return join(paths.dataDir, 'backup-settings.json');
}

/** The saved settings, or the defaults when the file is missing or unreadable. */
export function readBackupSettings(paths: DataPaths): BackupSettings {
  try {
    const parsed = backupSettingsSchema.safeParse(JSON.parse(readFileSync(backupSettingsFile(paths), 'utf8')));
    return parsed.success ? parsed.data : { ...defaultBackupSettings };
  } catch {
    return { ...defaultBackupSettings };
  }
}

export function writeBackupSettings(paths: DataPaths, settings: z.input<typeof backupSettingsSchema>): BackupSettings {
  const valid = backupSettingsSchema.parse(settings);
  const file = backupSettingsFile(paths);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(valid, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return valid;
}
