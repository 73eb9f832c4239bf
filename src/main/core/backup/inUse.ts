import Database from 'better-sqlite3';
import { LuoshiError } from '../../../shared/errors';

/**
 * Refuse to replace a database another connection has open (the desktop app or `luoshi serve`
 * still running): every WAL connection holds a shared lock, so an exclusive lock taken without
 * waiting fails. A file SQLite cannot read at all is not in use in any way that matters here.
 */
export function assertDatabaseNotInUse(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.transaction(() => undefined).exclusive();
  } catch (error) {
    if (
      (error as { code?: unknown }).code === 'SQLITE_BUSY' ||
      (error as { code?: unknown }).code === 'SQLITE_LOCKED'
    ) {
      throw new LuoshiError(
        'conflict',
        `数据库 ${file} 正在被使用。请先关闭落实通桌面程序和浏览器模式（luoshi serve），再恢复备份。`,
      );
    }
  } finally {
    db.close();
  }
}
