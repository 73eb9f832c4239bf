import type { ReadableDB } from '../db/database';
import { preparedOnce } from './preparedStatements';
import type { DbAuditRow } from './auditStore';

export interface AuditSearchFilter {
  reportId?: number;
  /** Part of the actor's name as recorded, or of the account's user name. */
  user?: string;
  /** ISO instants: entries at or after `fromIso` and before `beforeIso`. */
  fromIso?: string;
  beforeIso?: string;
  /** Keyset paging: entries older than this id. */
  beforeId?: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first; `total` counts every match, `rows` is one page. */
export function searchAuditRows(
  db: ReadableDB,
  filter: AuditSearchFilter,
  limit: number,
): { rows: DbAuditRow[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.reportId !== undefined) {
    where.push('report_id = ?');
    params.push(filter.reportId);
  }
  const user = filter.user?.trim();
  if (user) {
    where.push(
      `(actor_name LIKE ? ESCAPE '\\' OR user_id IN (SELECT id FROM users WHERE username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\'))`,
    );
    params.push(likePattern(user), likePattern(user), likePattern(user));
  }
  if (filter.fromIso !== undefined) {
    where.push('at >= ?');
    params.push(filter.fromIso);
  }
  if (filter.beforeIso !== undefined) {
    where.push('at < ?');
    params.push(filter.beforeIso);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = (preparedOnce(db, `SELECT count(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }).n;
  const page = filter.beforeId !== undefined ? `${clause ? `${clause} AND` : 'WHERE'} id < ?` : clause;
  const pageParams = filter.beforeId !== undefined ? [...params, filter.beforeId] : params;
  const rows = preparedOnce(db, `SELECT * FROM audit_log ${page} ORDER BY id DESC LIMIT ?`).all(
    ...pageParams,
    limit,
  ) as DbAuditRow[];
  return { rows, total };
}
