import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite } from './preparedStatements';

/** One audit row as stored. The hash covers every field but `hash` itself (services/auditChain.ts). */
export interface DbAuditRow {
  id: number;
  at: string;
  user_id: number | null;
  actor_name: string;
  unit_id: number | null;
  unit_name: string | null;
  role: string | null;
  subject_type: string;
  subject_id: number | null;
  report_id: number | null;
  revision: number | null;
  event: string;
  opinion: string;
  state_before: string | null;
  state_after: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
  /** HMAC of `id:hash` with the install's audit key (core/audit); NULL before the key was introduced. */
  mac: string | null;
}

export function lastAuditRow(db: ReadableDB): { id: number; hash: string } | null {
  const row = prepared(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  return row ?? null;
}

/** The newest entry's chain fields, for witnesses. */
export function auditHeadRow(db: ReadableDB): { id: number; hash: string; mac: string | null } | null {
  const row = prepared(db, 'SELECT id, hash, mac FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string; mac: string | null } | undefined;
  return row ?? null;
}

export function auditRowById(db: ReadableDB, id: number): { id: number; hash: string; mac: string | null } | null {
  const row = prepared(db, 'SELECT id, hash, mac FROM audit_log WHERE id = ?').get(id) as
    { id: number; hash: string; mac: string | null } | undefined;
  return row ?? null;
}

/** The newest entry with its time, for the 审计摘要 of official documents. */
export function auditHeadWithTime(db: ReadableDB): { id: number; at: string; hash: string; mac: string | null } | null {
  const row = prepared(db, 'SELECT id, at, hash, mac FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; at: string; hash: string; mac: string | null } | undefined;
  return row ?? null;
}

/** Is there an `audit.keyed` entry (the trail's entries are MAC'd from there on)? */
export function firstKeyedEntry(db: ReadableDB): { id: number; details_json: string } | null {
  const row = prepared(
    db,
    `SELECT id, details_json FROM audit_log WHERE event = 'audit.keyed' ORDER BY id LIMIT 1`,
  ).get() as { id: number; details_json: string } | undefined;
  return row ?? null;
}

export function insertAuditRow(db: WritableDB, row: DbAuditRow): void {
  preparedWrite(
    db,
    `INSERT INTO audit_log (id, at, user_id, actor_name, unit_id, unit_name, role, subject_type, subject_id,
       report_id, revision, event, opinion, state_before, state_after, details_json, prev_hash, hash, mac)
     VALUES (@id, @at, @user_id, @actor_name, @unit_id, @unit_name, @role, @subject_type, @subject_id,
       @report_id, @revision, @event, @opinion, @state_before, @state_after, @details_json, @prev_hash, @hash, @mac)`,
  ).run(row);
}

/** Every row in chain order, one at a time (the log can be long). */
export function iterateAuditRows(db: ReadableDB): IterableIterator<DbAuditRow> {
  return prepared(db, 'SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<DbAuditRow>;
}

export function auditRowsOfReports(db: ReadableDB, reportIds: readonly number[]): DbAuditRow[] {
  if (reportIds.length === 0) return [];
  const marks = reportIds.map(() => '?').join(', ');
  return prepared(db, `SELECT * FROM audit_log WHERE report_id IN (${marks}) ORDER BY id`).all(
    ...reportIds,
  ) as DbAuditRow[];
}

export function lastAuditRowOfReport(db: ReadableDB, reportId: number): DbAuditRow | null {
  const row = prepared(db, 'SELECT * FROM audit_log WHERE report_id = ? ORDER BY id DESC LIMIT 1').get(reportId) as
    DbAuditRow | undefined;
  return row ?? null;
}
