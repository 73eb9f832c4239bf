import type Database from 'better-sqlite3';
import type { ReadableDB } from '../db/database';

/**
 * Prepared statements cached per connection. Preparing costs more than running the small
 * statements of a transition, and the demo generator runs tens of thousands of them.
 */
const caches = new WeakMap<object, Map<string, Database.Statement>>();

export function prepared(db: ReadableDB, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
