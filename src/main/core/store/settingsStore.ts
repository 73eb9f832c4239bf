import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite } from './preparedStatements';

/** Key-value settings (archive-number patterns, sequences, the audit head). */
export function getSetting(db: ReadableDB, key: string): string | null {
  const row = prepared(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: WritableDB, key: string, value: string): void {
  preparedWrite(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** Take the next number of a sequence (1, 2, 3 …). Call inside the transaction that uses it. */
export function nextSequence(db: WritableDB, key: string): number {
  const row = preparedWrite(
    db,
    `INSERT INTO settings (key, value) VALUES (?, '1')
       ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)
       RETURNING value`,
  ).get(key) as { value: string };
  return Number(row.value);
}
