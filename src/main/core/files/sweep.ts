import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadableDB } from '../db/database';
import type { DataPaths } from '../paths';
import { referencedAttachmentFiles } from '../store/attachmentFilesQueries';
import { isProcessAlive, partialPrefix } from './wholeFile';

/**
 * Leftovers removed at start. Policy: only what the app itself writes is ever removed, and
 * only when no running process can still be writing it:
 * - `.partial-*` attachment writes whose process is gone (or older than the grace period);
 * - attachment files named by a sha256 that no attachment row refers to, older than the grace
 *   period (a file is written just before the transaction that records it, and a refused or
 *   failed upload leaves one behind);
 * - interrupted backups (`*.luoshibak.partial-<pid>` in the backups folder, `luoshi-backup-<pid>-*`
 *   snapshots in the temp folder) and restores (`.restore-<pid>-*` in the data folder) of processes
 *   that are gone, or older than a day whatever their name says.
 */
const defaultSweepGraceMs = 60 * 60_000;
const staleLeftoverMs = 24 * 60 * 60_000;
const hashName = /^[0-9a-f]{64}$/;

export interface SweepResult {
  removed: string[];
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function ageOf(path: string, nowMs: number): { ms: number; isFile: boolean; isDirectory: boolean } | null {
  try {
    const stats = lstatSync(path);
    return { ms: nowMs - stats.mtimeMs, isFile: stats.isFile(), isDirectory: stats.isDirectory() };
  } catch {
    return null;
  }
}

/** The pid a leftover's name carries after `prefix` (`<prefix><pid>-…` or `<prefix><pid>` at the end). */
function pidAfter(name: string, prefix: string): number | null {
  const rest = name.slice(name.indexOf(prefix) + prefix.length);
  const match = /^(\d+)(?:-|$)/.exec(rest);
  return match ? Number(match[1]) : null;
}

/** Remove what can be removed (another user's leftover in the temp folder may not be); returns those removed. */
function removeAll(paths: string[]): string[] {
  return paths.filter((path) => {
    try {
      rmSync(path, { recursive: true, force: true });
      return true;
    } catch {
      return false;
    }
  });
}

export function sweepAttachments(
  db: ReadableDB,
  dir: string,
  nowMs = Date.now(),
  graceMs = defaultSweepGraceMs,
): SweepResult {
  const removed: string[] = [];
  let referenced: Set<string> | null = null;
  for (const name of entries(dir)) {
    const path = join(dir, name);
    const age = ageOf(path, nowMs);
    if (!age?.isFile) continue;
    if (name.startsWith(partialPrefix)) {
      // `.partial-<hash>-<pid>-<random>`
      const pid = Number(name.split('-').at(-2));
      if (!isProcessAlive(pid) || age.ms > graceMs) removed.push(path);
    } else if (hashName.test(name) && age.ms > graceMs) {
      referenced ??= referencedAttachmentFiles(db);
      if (!referenced.has(name)) removed.push(path);
    }
  }
  return { removed: removeAll(removed) };
}

export function sweepInterruptedBackups(paths: DataPaths, nowMs = Date.now(), tempDir = tmpdir()): SweepResult {
  const removed: string[] = [];
  const consider = (path: string, pid: number | null, kind: 'file' | 'directory') => {
    const age = ageOf(path, nowMs);
    if (!age || (kind === 'file' ? !age.isFile : !age.isDirectory)) return;
    if ((pid !== null && !isProcessAlive(pid)) || age.ms > staleLeftoverMs) removed.push(path);
  };
  for (const name of entries(paths.backups)) {
    if (name.includes('.luoshibak.partial-')) consider(join(paths.backups, name), pidAfter(name, '.partial-'), 'file');
  }
  for (const name of entries(tempDir)) {
    if (name.startsWith('luoshi-backup-')) consider(join(tempDir, name), pidAfter(name, 'luoshi-backup-'), 'directory');
  }
  for (const name of entries(paths.dataDir)) {
    if (name.startsWith('.restore-')) consider(join(paths.dataDir, name), pidAfter(name, '.restore-'), 'directory');
  }
  return { removed: removeAll(removed) };
}
