import { LuoshiError } from '../../../shared/errors';

/**
 * A full disk, however it surfaces: `ENOSPC`/`EDQUOT` from the file system, `SQLITE_FULL` from
 * SQLite (better-sqlite3 puts the SQLite code in `code`). SQLite rolls the transaction back and
 * every file writer here removes its temporary file, so nothing half-written is left behind.
 */
export function isDiskFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** The Chinese message: what was not saved, where, and what to do. */
export function diskFullError(what: string, folder: string): LuoshiError {
  return new LuoshiError(
    'internal',
    `磁盘空间不足：${what}未保存（文件夹 ${folder} 所在的磁盘已满）。未写完的内容已清除，原有数据未受影响。请清理该磁盘或联系管理员后重试。`,
  );
}
