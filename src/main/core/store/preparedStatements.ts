import type Database from 'better-sqlite3';
import { LuoshiError } from '../../../shared/errors';
import { connectionOf, type ReadableDB, type WritableDB } from '../db/database';

/**
 * Prepared statements cached per connection, one cache for reads and one for writes. Preparing
 * costs more than running the small statements of a transition, and the demo generator runs tens
 * of thousands of them. The read cache takes only statements that do not change the database
 * (better-sqlite3's `readonly`), so a function given a ReadableDB cannot write through it; writes
 * need a WritableDB and `preparedWrite`.
 */
const readCaches = new WeakMap<object, Map<string, Database.Statement>>();
const writeCaches = new WeakMap<object, Map<string, Database.Statement>>();

/** A read statement; refuses one that would change the database. */
export function prepared(db: ReadableDB, sql: string): Database.Statement {
  const connection = connectionOf(db);
  let cache = readCaches.get(connection);
  const hit = cache?.get(sql);
  if (hit) return hit;
  const statement = connection.prepare(sql);
  if (!statement.readonly) {
    throw new LuoshiError(
      'internal',
      `程序内部错误：读语句缓存收到了写入语句（${sql.trim().slice(0, 40)}…），未执行。`,
    );
  }
  if (!cache) {
    cache = new Map();
    readCaches.set(connection, cache);
  }
  cache.set(sql, statement);
  return statement;
}

/** A write statement (INSERT, UPDATE, DELETE …), for a handle typed writable. */
export function preparedWrite(db: WritableDB, sql: string): Database.Statement {
  let cache = writeCaches.get(db);
  if (!cache) {
    cache = new Map();
    writeCaches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * A read statement built for one call (SQL whose shape depends on the request, e.g. a search
 * with a number of terms): checked like `prepared` but not cached, so the cache cannot grow
 * with what users type.
 */
export function preparedOnce(db: ReadableDB, sql: string): Database.Statement {
  const statement = connectionOf(db).prepare(sql);
  if (!statement.readonly) {
    throw new LuoshiError('internal', `程序内部错误：只读查询收到了写入语句（${sql.trim().slice(0, 40)}…），未执行。`);
  }
  return statement;
}

/**
 * The id an `INSERT … RETURNING id` statement's `get()` gave back: both engines answer it the same
 * way (PostgreSQL has no "last row id"), so the store never reads better-sqlite3's lastInsertRowid.
 */
export function insertedId(row: unknown): number {
  const id = (row as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'number' && typeof id !== 'bigint') {
    throw new LuoshiError('internal', '程序内部错误：插入语句没有返回新记录的编号。');
  }
  return Number(id);
}
