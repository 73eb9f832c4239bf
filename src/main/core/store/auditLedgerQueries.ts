import type { ReadableDB } from '../db/database';
import type { DbAuditRow } from './auditStore';
import { prepared } from './preparedStatements';

/** The audit fields the audit ledger shows (no chain links or details: a ledger row is read, not verified). */
export type AuditLedgerDbRow = Pick<
  DbAuditRow,
  | 'id'
  | 'at'
  | 'actor_name'
  | 'unit_name'
  | 'role'
  | 'subject_type'
  | 'subject_id'
  | 'report_id'
  | 'revision'
  | 'event'
  | 'opinion'
  | 'state_before'
  | 'state_after'
> & {
  /** The hash's first 16 hex digits. */
  hash_prefix: string;
};

/**
 * One page of the audit log after `afterId`, in chain order. The audit ledger reads the log in
 * pages (keyset on the primary key) so an export that yields to the event loop never holds a
 * statement open on the shared connection between pages; only the shown columns are read,
 * which makes reading 100,000 entries markedly cheaper than `SELECT *` (npm run bench).
 */
export function auditLedgerRowsAfter(db: ReadableDB, afterId: number, limit: number): AuditLedgerDbRow[] {
  return prepared(
    db,
    `SELECT id, at, actor_name, unit_name, role, subject_type, subject_id, report_id, revision, event, opinion,
            state_before, state_after, substr(hash, 1, 16) AS hash_prefix
       FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`,
  ).all(afterId, limit) as AuditLedgerDbRow[];
}

export function auditRowCount(db: ReadableDB): number {
  return (prepared(db, 'SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}
