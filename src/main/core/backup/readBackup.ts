import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LuoshiError } from '../../../shared/errors';
import { latestSchemaVersion } from '../db/migrations';
import {
  backupFormatVersion,
  backupManifestSchema,
  databaseEntryName,
  isSafeEntryPath,
  manifestEntryName,
  type BackupEntry,
  type BackupManifest,
} from './manifest';
import { listZipEntries, readZipEntry, ZipFormatError, type ZipEntryInfo } from './zipArchive';

/** A backup file whose structure has been checked; entry contents are checked as they are read. */
export interface OpenedBackup {
  file: string;
  manifest: BackupManifest;
  /** The archive's files by path (folders left out). */
  entries: Map<string, ZipEntryInfo>;
}

/** The manifest is small; anything larger is not one of ours. */
const maxManifestBytes = 4 * 1024 * 1024;

const notABackup = (file: string, why: string): LuoshiError =>
  new LuoshiError('invalid_input', `文件 ${file} 不是有效的落实通备份：${why}。`);

/** Read the zip and its manifest, and check that the manifest and the entries agree. */
export async function openBackup(file: string): Promise<OpenedBackup> {
  if (!existsSync(file)) throw new LuoshiError('not_found', `无法读取备份文件 ${file}：文件不存在。`);
  const entries = new Map<string, ZipEntryInfo>();
  try {
    for (const entry of listZipEntries(file)) if (!entry.name.endsWith('/')) entries.set(entry.name, entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) {
      throw new LuoshiError('not_found', `无法读取备份文件 ${file}：${(error as Error).message}`);
    }
    throw notABackup(file, '文件不是备份包格式，或已不完整（可能在复制时被截断）');
  }
  const manifestFile = entries.get(manifestEntryName);
  if (!manifestFile) throw notABackup(file, `缺少 ${manifestEntryName}，可能是其他程序生成的压缩包`);
  let raw: unknown;
  try {
    const chunks: Uint8Array[] = [];
    for await (const chunk of readZipEntry(file, manifestFile, maxManifestBytes)) chunks.push(chunk);
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw notABackup(file, `${manifestEntryName} 无法读取`);
  }
  const appName = (raw as { appName?: unknown } | null)?.appName;
  if (appName !== 'luoshi') throw notABackup(file, '清单中的程序名不是 luoshi，可能是其他程序生成的压缩包');
  const formatVersion = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof formatVersion === 'number' && formatVersion > backupFormatVersion) {
    throw new LuoshiError(
      'unsupported',
      `备份文件 ${file} 由更新版本的落实通生成（备份格式 ${formatVersion}，本程序支持 ${backupFormatVersion}），请先升级落实通再恢复。`,
    );
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) throw notABackup(file, `${manifestEntryName} 内容不完整`);
  const manifest = parsed.data;

  const listed = new Set<string>();
  for (const entry of manifest.entries) {
    if (!isSafeEntryPath(entry.path)) throw notABackup(file, `清单中含有不允许的路径「${entry.path}」`);
    if (listed.has(entry.path)) throw notABackup(file, `清单中重复列出「${entry.path}」`);
    listed.add(entry.path);
    if (!entries.has(entry.path)) throw notABackup(file, `缺少清单中列出的「${entry.path}」，文件可能不完整`);
  }
  if (!listed.has(databaseEntryName)) throw notABackup(file, '其中没有数据库');
  for (const path of entries.keys()) {
    if (path === manifestEntryName) continue;
    if (!listed.has(path)) throw notABackup(file, `含有清单之外的文件「${path}」，可能被改动过`);
  }
  return { file, manifest, entries };
}

/** Refuse a backup whose database is newer than this app can read. */
export function assertSchemaSupported(file: string, schemaVersion: number): void {
  if (schemaVersion > latestSchemaVersion) {
    throw new LuoshiError(
      'unsupported',
      `备份文件 ${file} 的数据库版本为 ${schemaVersion}，高于本程序支持的版本 ${latestSchemaVersion}。请先升级落实通再恢复此备份。`,
    );
  }
}

/**
 * Validate a backup completely without changing anything: structure, manifest, the sha256 of
 * every entry, and the schema version. Returns the manifest.
 */
export async function inspectBackup(file: string): Promise<BackupManifest> {
  const opened = await openBackup(file);
  assertSchemaSupported(file, opened.manifest.schemaVersion);
  for (const entry of opened.manifest.entries) await copyEntry(opened, entry, null);
  return opened.manifest;
}

/**
 * Stream one entry to `targetDir` (or nowhere, when null), checking its size and sha256 against
 * the manifest. A mismatch names the entry and the file.
 */
export async function copyEntry(opened: OpenedBackup, entry: BackupEntry, targetDir: string | null): Promise<void> {
  const object = opened.entries.get(entry.path);
  if (!object) throw notABackup(opened.file, `缺少「${entry.path}」`);
  const hash = createHash('sha256');
  let size = 0;
  // Inflated at most to the manifest's size (plus one byte, to tell "larger" from "equal").
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of readZipEntry(opened.file, object as ZipEntryInfo, entry.size + 1)) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  try {
    if (targetDir === null) {
      for await (const chunk of counted()) void chunk;
    } else {
      const target = entryTarget(targetDir, entry.path);
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(Readable.from(counted()), createWriteStream(target, { mode: 0o600 }));
    }
  } catch (error) {
    if (error instanceof LuoshiError) throw error;
    // Larger than the manifest says: reading stopped at the first byte over (a zip bomb costs one step).
    if (error instanceof ZipFormatError && error.tooLarge) throw mismatch(opened.file, entry.path);
    throw new LuoshiError(
      'invalid_input',
      `备份文件 ${opened.file} 中的「${entry.path}」已损坏，无法读出：${(error as Error).message}`,
    );
  }
  if (size !== entry.size || hash.digest('hex') !== entry.sha256) throw mismatch(opened.file, entry.path);
}

const mismatch = (file: string, path: string): LuoshiError =>
  new LuoshiError(
    'invalid_input',
    `备份文件 ${file} 中的「${path}」与清单记录的校验值不符，备份已损坏或被改动，不能恢复。`,
  );

/** Where an entry lands below `targetDir`; refuses any path that would leave it. */
function entryTarget(targetDir: string, entryPath: string): string {
  const base = resolve(targetDir);
  const target = entryPath === databaseEntryName ? join(base, 'luoshi.db') : resolve(base, ...entryPath.split('/'));
  const inside = relative(base, target);
  if (inside === '' || inside.startsWith('..') || inside.split(sep)[0] === '..') {
    throw new LuoshiError('invalid_input', `备份中的路径「${entryPath}」超出数据目录，已拒绝。`);
  }
  return target;
}
