import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite } from './preparedStatements';

/** Which limit a failure counts against (migration 0014). */
export type AuthFailureScope = 'login' | 'password';

/** The times (ms) of the newest `limit` failures of a key after `since`, newest first. */
export function recentFailureTimes(
  db: ReadableDB,
  scope: AuthFailureScope,
  key: string,
  since: number,
  limit: number,
): number[] {
  const rows = prepared(
    db,
    'SELECT at FROM auth_failures WHERE scope = ? AND key = ? AND at > ? ORDER BY at DESC, id DESC LIMIT ?',
  ).all(scope, key, since, limit) as { at: number }[];
  return rows.map((row) => Number(row.at));
}

export function insertFailure(db: WritableDB, scope: AuthFailureScope, key: string, at: number): void {
  preparedWrite(db, 'INSERT INTO auth_failures (scope, key, at) VALUES (?, ?, ?)').run(scope, key, at);
}

export function deleteFailuresOfKey(db: WritableDB, scope: AuthFailureScope, key: string): void {
  preparedWrite(db, 'DELETE FROM auth_failures WHERE scope = ? AND key = ?').run(scope, key);
}

/** Failures of a scope at or before `before` have left its window: they no longer count. */
export function pruneFailures(db: WritableDB, scope: AuthFailureScope, before: number): void {
  preparedWrite(db, 'DELETE FROM auth_failures WHERE scope = ? AND at <= ?').run(scope, before);
}
