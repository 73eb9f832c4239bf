import Database from 'better-sqlite3';
import { LuoshiError } from '../../../shared/errors';
import { migrate } from './migrations';
import { connectPostgres } from './postgres/connect';
import { migratePostgres } from './postgres/migrate';
import { PostgresDatabase } from './postgres/postgresDatabase';

/**
 * Handles typed by intent. A WritableDB is the connection itself; a ReadableDB offers no way to
 * prepare or run a statement by itself: reads go through `prepared()` (store/preparedStatements.ts),
 * whose cache refuses statements that change the database. Every WritableDB is a ReadableDB, not
 * the other way round. Both are the same better-sqlite3 connection at run time.
 */
export type WritableDB = Database.Database & { readonly __writable: unique symbol };
export interface ReadableDB {
  readonly __readable?: unique symbol;
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
}

/** The connection behind a handle, for the statement caches only. */
export function connectionOf(db: ReadableDB): Database.Database {
  return db as unknown as Database.Database;
}

export interface OpenOptions {
  /** Run pending migrations (default true). Tests pass false to migrate step by step. */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): WritableDB {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new LuoshiError('internal', `无法打开数据库文件 ${file}：${(error as Error).message}`);
  }
  try {
    try {
      configure(db);
    } catch (error) {
      // A damaged file often fails already here ("database disk image is malformed").
      throw new LuoshiError(
        'internal',
        `数据库文件 ${file} 已损坏（${(error as Error).message}），未以写入方式打开。请从最近的备份恢复。`,
      );
    }
    checkIntegrity(db, file);
    if (options.migrate !== false) migrate(db as WritableDB);
  } catch (error) {
    db.close();
    throw error;
  }
  return db as WritableDB;
}

/**
 * A PostgreSQL database as the store's connection: migrated first (one numbered list for both
 * engines, db/postgres/migrate.ts), then opened as a synchronous connection with better-sqlite3's
 * shape (db/postgres/postgresDatabase.ts). One connection per process, as on SQLite.
 */
export async function openPostgresDatabase(url: string): Promise<WritableDB> {
  const client = await connectPostgres(url);
  try {
    await migratePostgres(client);
  } finally {
    await client.end().catch(() => undefined);
  }
  return new PostgresDatabase(url) as unknown as WritableDB;
}

/** An in-memory database for tests and dry runs. */
export function openMemoryDatabase(options: OpenOptions = {}): WritableDB {
  return openDatabase(':memory:', options);
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Filed records and their audit trail are worth an fdatasync per commit (~0.4 ms here).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function checkIntegrity(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const first = rows[0]?.quick_check;
  if (first !== 'ok') {
    throw new LuoshiError(
      'internal',
      `数据库文件 ${file} 已损坏（${first ?? '未知错误'}），未以写入方式打开。请从最近的备份恢复。`,
    );
  }
}

/** Run `fn` in one transaction; better-sqlite3 transactions are synchronous by design. */
export function inTransaction<T>(db: WritableDB, fn: () => T): T {
  return db.transaction(fn).immediate();
}
