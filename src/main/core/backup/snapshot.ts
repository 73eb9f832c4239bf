import Database from 'better-sqlite3';
import { LuoshiError } from '../../../shared/errors';
import { schemaVersionOf } from '../db/migrations';

export interface SnapshotCheck {
  /** `ok`, or the first problem SQLite reports. */
  result: string;
  schemaVersion: number;
}

/**
 * Check a database file that no one else has open (a fresh snapshot or a file being restored).
 * `full` runs `integrity_check`, which also verifies indexes; otherwise `quick_check`.
 * With `singleFile`, the file is switched out of WAL mode so it stands alone without a -wal file.
 */
export function checkDatabaseFile(file: string, options: { full: boolean; singleFile?: boolean }): SnapshotCheck {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    return { result: (error as Error).message, schemaVersion: 0 };
  }
  try {
    const pragma = options.full ? 'integrity_check' : 'quick_check';
    const rows = db.pragma(pragma) as Record<string, string>[];
    const result = rows.map((row) => Object.values(row)[0] ?? '').join('；') || '未知错误';
    if (options.singleFile && result === 'ok') db.pragma('journal_mode = DELETE');
    return { result, schemaVersion: schemaVersionOf(db) };
  } catch (error) {
    // A file that is not a database, or is damaged in its header, fails on the first read.
    return { result: (error as Error).message, schemaVersion: 0 };
  } finally {
    db.close();
  }
}

/** Fails with a message naming the file when a snapshot taken for a backup is not sound. */
export function assertSnapshotSound(check: SnapshotCheck, source: string): void {
  if (check.result !== 'ok') {
    throw new LuoshiError('internal', `数据库 ${source} 的备份副本未通过完整性检查（${check.result}），备份未生成。`);
  }
}
