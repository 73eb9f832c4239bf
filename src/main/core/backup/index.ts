/**
 * Backups of the data folder: one `.luoshibak` file holds a consistent SQLite snapshot and the
 * attachments, with a manifest of sha256 sums. Restore refuses anything it cannot verify.
 */
export { createBackup, type BackupResult, type BackupSource } from './createBackup';
export { backupToFolder, type FolderBackupResult } from './folderBackup';
export { inspectBackup } from './readBackup';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restoreBackup';
export { backupFileName, listBackups, pruneBackups, type BackupFileInfo } from './files';
export { BackupScheduler, startAutomaticBackups, type BackupSchedulerOptions } from './scheduler';
export { checkDataFolder, latestGoodBackup, type DataFolderCheck } from './checkDataFolder';
export {
  backupSettingsSchema,
  defaultBackupSettings,
  readBackupSettings,
  writeBackupSettings,
  type BackupSettings,
} from './settings';
export { backupExtension, type BackupManifest } from './manifest';
