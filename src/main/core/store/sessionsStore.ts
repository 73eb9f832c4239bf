import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite } from './preparedStatements';

export function insertSession(db: WritableDB, tokenHash: string, userId: number, now: string, expiresAt: string): void {
  preparedWrite(db, 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    tokenHash,
    userId,
    now,
    expiresAt,
  );
}

export function getSession(
  db: ReadableDB,
  tokenHash: string,
  now: string,
): { userId: number; expiresAt: string } | null {
  const row = prepared(db, 'SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?').get(
    tokenHash,
    now,
  ) as { user_id: number; expires_at: string } | undefined;
  return row ? { userId: row.user_id, expiresAt: row.expires_at } : null;
}

export function extendSession(db: WritableDB, tokenHash: string, expiresAt: string): void {
  preparedWrite(db, 'UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(expiresAt, tokenHash);
}

export function deleteSession(db: WritableDB, tokenHash: string): void {
  preparedWrite(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

/** Sign a user out everywhere (disabled, password reset). */
export function deleteSessionsOfUser(db: WritableDB, userId: number): void {
  preparedWrite(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
}

/** Sign a user out everywhere but in the session that asked (their own password change). */
export function deleteOtherSessionsOfUser(db: WritableDB, userId: number, keepTokenHash: string | null): void {
  preparedWrite(db, 'DELETE FROM sessions WHERE user_id = ? AND token_hash IS DISTINCT FROM ?').run(
    userId,
    keepTokenHash,
  );
}

export function deleteExpiredSessions(db: WritableDB, now: string): void {
  preparedWrite(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now);
}
