import type { AuditKeySource } from '../audit/auditKey';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  type ReadStream,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LuoshiError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { DataPaths } from '../paths';
import { diskFullError, isDiskFull } from '../files/diskFull';
import { partialPrefix } from '../files/wholeFile';
import { referencedAttachmentFiles } from '../store/attachmentFilesQueries';
import { auditHeadRow } from '../store/auditStore';
import { digestFile } from './hash';
import {
  attachmentsPrefix,
  backupAppName,
  backupFormatVersion,
  databaseEntryName,
  isSafeEntryPath,
  manifestEntryName,
  type BackupEntry,
  type BackupManifest,
} from './manifest';
import { runExclusive } from './queue';
import { writeZip } from './zipArchive';
import { assertSnapshotSound, checkDatabaseFile } from './snapshot';

/** What a backup needs from the application; a LuoshiCore is one. */
export interface BackupSource {
  readonly db: Database.Database;
  readonly paths: DataPaths;
  readonly clock: Clock;
  /** The app version recorded in the manifest. */
  readonly version: string;
  /** A sealed witness line of an audit head, or null without an audit key (a LuoshiCore provides it). */
  sealAuditWitness?(head: { id: number; hash: string; mac: string | null }): string | null;
  /** Set when the data is on PostgreSQL (a LuoshiCore opened with a databaseUrl): backed up through a copy (postgresBackup.ts). */
  readonly postgres?: { url: string; auditKey: AuditKeySource } | undefined;
}

export interface BackupResult {
  file: string;
  size: number;
  manifest: BackupManifest;
}

interface PlannedEntry {
  path: string;
  source: string;
  compress: boolean;
}

/**
 * Write one backup file: a consistent snapshot of the database taken with SQLite's online backup
 * (the app may keep writing meanwhile), plus every attachment, with a manifest of sha256 sums.
 * The file appears under its final name only when complete.
 */
export function createBackup(source: BackupSource, outFile: string): Promise<BackupResult> {
  return runExclusive(() => writeBackup(source, resolve(outFile)));
}

async function writeBackup(source: BackupSource, outFile: string): Promise<BackupResult> {
  const createdAt = source.clock.now();
  // Both names carry the pid, so the sweep at the next start can tell a killed backup's leftovers.
  let work: string;
  try {
    work = mkdtempSync(join(tmpdir(), `luoshi-backup-${process.pid}-`));
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError('备份', tmpdir());
    throw error;
  }
  const partial = `${outFile}.partial-${process.pid}`;
  // Where bytes are being written, for a disk-full message: the snapshot first, then the archive.
  let writingTo = work;
  const inputs: ReadStream[] = [];
  try {
    const snapshot = join(work, 'luoshi.db');
    await source.db.backup(snapshot);
    const check = checkDatabaseFile(snapshot, { full: false, singleFile: true });
    assertSnapshotSound(check, source.paths.database);
    const auditWitness = witnessOfSnapshot(snapshot, source);
    const referenced = referencedInSnapshot(snapshot);

    const planned: PlannedEntry[] = [
      { path: databaseEntryName, source: snapshot, compress: true },
      ...listAttachmentFiles(source.paths.attachments).filter((entry) => !isOrphan(entry.path, referenced)),
    ];
    const entries: BackupEntry[] = [];
    for (const entry of planned) entries.push({ path: entry.path, ...(await digestFile(entry.source)) });
    const manifest: BackupManifest = {
      appName: backupAppName,
      formatVersion: backupFormatVersion,
      appVersion: source.version,
      schemaVersion: check.schemaVersion,
      createdAt: createdAt.toISOString(),
      entries,
      ...(auditWitness ? { auditWitness } : {}),
    };

    const digests = new Map<string, string>();
    writingTo = dirname(outFile);
    mkdirSync(dirname(outFile), { recursive: true });
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
    await writeZip(
      partial,
      [
        { name: manifestEntryName, compress: true, chunks: [manifestBytes] },
        // Attachments are mostly already compressed (docx, pdf, images); the database is not.
        ...planned.map((entry) => ({
          name: entry.path,
          compress: entry.compress,
          chunks: hashed(entry.path, entry.source, digests, inputs),
        })),
      ],
      createdAt,
    );
    // An attachment replaced between hashing and archiving would make the backup fail its own check.
    for (const entry of entries) {
      if (digests.get(entry.path) !== entry.sha256) {
        throw new LuoshiError('conflict', `备份过程中文件 ${entry.path} 发生了变化，备份未生成，请重试。`);
      }
    }
    renameSync(partial, outFile);
    return { file: outFile, size: statSync(outFile).size, manifest };
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError(`备份 ${outFile}`, writingTo);
    throw error;
  } finally {
    for (const input of inputs) input.destroy();
    rmSync(work, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}

/** The snapshot's own audit head, sealed: the backup then witnesses the trail as it was when taken. */
function witnessOfSnapshot(snapshot: string, source: BackupSource): string | null {
  if (!source.sealAuditWitness) return null;
  const db = new Database(snapshot, { readonly: true, fileMustExist: true });
  try {
    const hasTable =
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;
    if (!hasTable) return null;
    const head = auditHeadRow(db);
    return head ? source.sealAuditWitness(head) : null;
  } finally {
    db.close();
  }
}

/**
 * Attachment files the snapshot's rows refer to (null for a database without the table). A file
 * the app stored under a content hash that no row refers to (a refused or failed upload) is an
 * orphan: it is left out of the backup, as the sweep at start removes it from the folder.
 */
function referencedInSnapshot(snapshot: string): Set<string> | null {
  const db = new Database(snapshot, { readonly: true, fileMustExist: true });
  try {
    const hasTable =
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'`).get() !== undefined;
    return hasTable ? referencedAttachmentFiles(db) : null;
  } finally {
    db.close();
  }
}

function isOrphan(entryPath: string, referenced: Set<string> | null): boolean {
  if (referenced === null) return false;
  const name = entryPath.slice(attachmentsPrefix.length);
  return /^[0-9a-f]{64}$/.test(name) && !referenced.has(name);
}

/** A file's chunks as read from disk, its sha256 recorded once it has been read through. */
async function* hashed(
  path: string,
  file: string,
  digests: Map<string, string>,
  inputs: ReadStream[],
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  const input = createReadStream(file, { highWaterMark: 256 * 1024 });
  inputs.push(input);
  for await (const chunk of input as AsyncIterable<Buffer>) {
    hash.update(chunk);
    yield chunk;
  }
  digests.set(path, hash.digest('hex'));
}

/** Regular files below the attachments folder; symbolic links are not followed. */
function listAttachmentFiles(root: string): PlannedEntry[] {
  const found: PlannedEntry[] = [];
  const walk = (dir: string, relative: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      const full = join(dir, name);
      const path = `${relative}${name}`;
      const stats = lstatSync(full);
      if (stats.isDirectory()) walk(full, `${path}/`);
      // A write still in progress (or one a crash cut off) is not an attachment yet.
      else if (stats.isFile() && !name.startsWith(partialPrefix)) {
        if (!isSafeEntryPath(path)) {
          throw new LuoshiError('invalid_input', `附件文件名 ${full} 含有备份不支持的字符，请改名后再备份。`);
        }
        found.push({ path, source: full, compress: false });
      }
    }
  };
  walk(root, attachmentsPrefix);
  return found;
}
