import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupExtension } from './manifest';

/**
 * Backup files in the backups folder. Automatic and default-named backups are called
 * `luoshi-YYYYMMDD-HHMMSS.luoshibak` in local time, so users can tell them apart by name;
 * only files named that way are ever pruned, never a file the user named.
 */
const automaticName = /^luoshi-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.luoshibak$/;

export interface BackupFileInfo {
  /** Absolute path of the backup file. */
  file: string;
  /** The file name, e.g. `luoshi-20251008-140312.luoshibak`. */
  name: string;
  size: number;
  /** When it was made: from the name for automatic names, else the file's modification time. */
  createdAt: Date;
  /** True for files named by Luoshi (these are subject to pruning). */
  automatic: boolean;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `20251008-140312` in local time. */
export function compactTimestamp(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

export function backupFileName(date: Date, sequence = 1): string {
  const suffix = sequence > 1 ? `-${sequence}` : '';
  return `luoshi-${compactTimestamp(date)}${suffix}${backupExtension}`;
}

/** A name for a new backup in `dir` that does not clash with one made in the same second. */
export function nextBackupFile(dir: string, date: Date): string {
  const taken = new Set(safeReadDir(dir));
  for (let sequence = 1; ; sequence += 1) {
    const name = backupFileName(date, sequence);
    if (!taken.has(name)) return join(dir, name);
  }
}

interface ParsedName {
  createdAt: Date;
  sequence: number;
}

function parseAutomaticName(name: string): ParsedName | null {
  const match = automaticName.exec(name);
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    createdAt: new Date(year, month - 1, day, hours, minutes, seconds),
    sequence: match[7] === undefined ? 1 : Number(match[7]),
  };
}

/** Every `.luoshibak` file in `dir`, newest first. A missing folder has no backups. */
export function listBackups(dir: string): BackupFileInfo[] {
  const found: (BackupFileInfo & { sequence: number })[] = [];
  for (const name of safeReadDir(dir)) {
    if (!name.endsWith(backupExtension)) continue;
    const file = join(dir, name);
    let stats;
    try {
      stats = statSync(file);
    } catch {
      continue; // removed while listing
    }
    if (!stats.isFile()) continue;
    const parsed = parseAutomaticName(name);
    found.push({
      file,
      name,
      size: stats.size,
      createdAt: parsed?.createdAt ?? stats.mtime,
      automatic: parsed !== null,
      sequence: parsed?.sequence ?? 1,
    });
  }
  found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.sequence - a.sequence);
  return found.map(({ sequence: _sequence, ...info }) => info);
}

/**
 * Keep the newest `keep` automatically named backups in `dir` and delete older ones. Files the
 * user named are never deleted. Returns the paths removed.
 */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive integer, got ${keep}`);
  const old = listBackups(dir)
    .filter((backup) => backup.automatic)
    .slice(keep);
  for (const backup of old) rmSync(backup.file, { force: true });
  return old.map((backup) => backup.file);
}

function safeReadDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
