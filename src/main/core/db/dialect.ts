import { isPostgresDatabase } from './postgres/postgresDatabase';
import type { ReadableDB } from './database';

/**
 * Which engine a handle runs on. The store writes portable SQL; the few statements that cannot be
 * (full-text search, list aggregation, a JSON list parameter) choose their text here, side by side,
 * so both forms are read and changed together.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: ReadableDB): Dialect {
  return isPostgresDatabase(db) ? 'postgres' : 'sqlite';
}

export function sqlFor(db: ReadableDB, forms: Record<Dialect, string>): string {
  return forms[dialectOf(db)];
}

/** A list aggregate of `expression` joined by `separator` (an SQL expression): group_concat / string_agg. */
export function listOf(db: ReadableDB, expression: string, separator: string): string {
  return dialectOf(db) === 'postgres'
    ? `string_agg(${expression}, ${separator === 'char(10)' ? 'chr(10)' : separator})`
    : `group_concat(${expression}, ${separator})`;
}

/**
 * A list of ids as one parameter, for `x IN ${list.sql}`: a JSON array read by json_each on SQLite,
 * a bigint[] on PostgreSQL. One statement whatever the list's length, so the statement cache stays small.
 */
export function idList(db: ReadableDB, ids: readonly number[]): { sql: string; param: unknown } {
  return dialectOf(db) === 'postgres'
    ? { sql: '(SELECT unnest(CAST(? AS bigint[])))', param: [...ids] }
    : { sql: '(SELECT value FROM json_each(?))', param: JSON.stringify(ids) };
}
