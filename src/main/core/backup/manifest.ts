import { z } from 'zod';

/**
 * Policy: a backup is one zip file with `manifest.json` first. The manifest names the app, the
 * format, the app and schema versions, and the sha256 of every other entry, so a restore can
 * refuse a foreign, truncated or altered file before it touches the data folder. A new format
 * version is needed whenever the layout of entries changes; older apps then refuse the file.
 */
export const backupAppName = 'luoshi';
export const backupFormatVersion = 1;
export const backupExtension = '.luoshibak';

export const manifestEntryName = 'manifest.json';
export const databaseEntryName = 'database/luoshi.db';
export const attachmentsPrefix = 'attachments/';

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

const backupEntrySchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: sha256Schema,
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupManifestSchema = z.object({
  appName: z.literal(backupAppName),
  formatVersion: z.number().int().positive(),
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  entries: z.array(backupEntrySchema),
  /** A sealed witness of the snapshot's audit head (core/audit/auditWitness.ts), when the install has an audit key. */
  auditWitness: z.string().optional(),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/**
 * Entry paths a backup may contain: the database and files below `attachments/`. Anything else
 * (absolute paths, `..`, backslashes, drive letters) could write outside the data folder.
 */
export function isSafeEntryPath(path: string): boolean {
  if (path === databaseEntryName) return true;
  if (!path.startsWith(attachmentsPrefix) || path.length === attachmentsPrefix.length) return false;
  if (path.includes('\\') || path.includes(':') || path.includes('\0')) return false;
  return path
    .slice(attachmentsPrefix.length)
    .split('/')
    .every((part) => part !== '' && part !== '.' && part !== '..');
}
