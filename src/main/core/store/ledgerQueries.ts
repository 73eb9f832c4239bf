import type { ReportKind } from '../../../shared/domain/reports';
import type { DbReport } from './reportsStore';
import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite } from './preparedStatements';

/**
 * The reads the Excel ledgers and the fill-in loop need, in bulk: rounds of a quarter range,
 * the newest revision of every report of those rounds with its indicator values, what a unit
 * takes part in, and the fill-in sheets' HMAC key. Writes to reports go through reportsStore.
 */

export interface LedgerRound {
  id: number;
  year: number;
  quarter: number;
  deadline: string;
  status: 'open' | 'closed';
}

/** Rounds from (year, quarter) to (year, quarter), inclusive, oldest first. */
export function roundsInRange(
  db: ReadableDB,
  from: { year: number; quarter: number },
  to: { year: number; quarter: number },
): LedgerRound[] {
  return prepared(
    db,
    `SELECT id, year, quarter, deadline, status FROM rounds
      WHERE (year * 4 + quarter) BETWEEN (? * 4 + ?) AND (? * 4 + ?)
      ORDER BY year, quarter`,
  ).all(from.year, from.quarter, to.year, to.quarter) as LedgerRound[];
}

export function ledgerRound(db: ReadableDB, roundId: number): LedgerRound | null {
  return (
    (prepared(db, 'SELECT id, year, quarter, deadline, status FROM rounds WHERE id = ?').get(roundId) as
      LedgerRound | undefined) ?? null
  );
}

/** A report's newest revision in its round, with what the ledgers show. */
export type LedgerReport = Pick<
  DbReport,
  | 'id'
  | 'round_id'
  | 'task_id'
  | 'project_id'
  | 'revision'
  | 'state'
  | 'version'
  | 'drafting_unit_id'
  | 'progress'
  | 'problems'
  | 'next_steps'
  | 'completed'
  | 'content_json'
  | 'archive_no'
  | 'first_submitted_at'
> & { kind: Exclude<ReportKind, 'compiled'> };

const reportColumns = `p.id, p.round_id, p.kind, p.task_id, p.project_id, p.revision, p.state, p.version, p.drafting_unit_id,
  p.progress, p.problems, p.next_steps, p.completed, p.content_json, p.archive_no, p.first_submitted_at`;

const newestRevision = `p.revision = (SELECT max(q.revision) FROM reports q WHERE q.round_id = p.round_id AND q.subject_key = p.subject_key)`;

/** The newest revisions a unit drafts in a round (any state: the import compares against them). */
export function latestReportsDraftedBy(db: ReadableDB, roundId: number, unitId: number): LedgerReport[] {
  return prepared(
    db,
    `SELECT ${reportColumns} FROM reports p
      WHERE p.round_id = ? AND p.drafting_unit_id = ? AND p.kind != 'compiled' AND ${newestRevision}
      ORDER BY p.id`,
  ).all(roundId, unitId) as LedgerReport[];
}

export interface UnitParticipation {
  subject: 'task' | 'project';
  subject_id: number;
  role: 'lead' | 'responsible';
}

/**
 * What a unit takes part in, directly or through a collective it belongs to (各办事处). A unit
 * listed both directly and through a group counts once, in its stronger role.
 */
export function unitParticipation(db: ReadableDB, unitId: number): UnitParticipation[] {
  return prepared(
    db,
    `WITH mine(id) AS (SELECT CAST(? AS bigint) UNION SELECT group_id FROM unit_group_members WHERE member_id = ?)
     SELECT subject, subject_id, min(role) AS role FROM (
       SELECT 'task' AS subject, tu.task_id AS subject_id, tu.role FROM task_units tu
         JOIN tasks t ON t.id = tu.task_id JOIN plans pl ON pl.id = t.plan_id
        WHERE pl.is_current = 1 AND t.retired_at IS NULL AND tu.unit_id IN (SELECT id FROM mine)
       UNION ALL
       SELECT 'project', pu.project_id, pu.role FROM project_units pu
         JOIN projects j ON j.id = pu.project_id JOIN plans pl ON pl.id = j.plan_id
        WHERE pl.is_current = 1 AND j.retired_at IS NULL AND pu.unit_id IN (SELECT id FROM mine)
     ) AS parts GROUP BY subject, subject_id`,
  ).all(unitId, unitId) as UnitParticipation[];
}

export function unitRow(db: ReadableDB, unitId: number): { id: number; name: string; kind: 'unit' | 'group' } | null {
  return (
    (prepared(db, 'SELECT id, name, kind FROM units WHERE id = ?').get(unitId) as
      { id: number; name: string; kind: 'unit' | 'group' } | undefined) ?? null
  );
}

/** Read a setting, or store `fresh` under it if none exists yet (first writer wins). */
export function settingOrCreate(db: WritableDB, key: string, fresh: () => string): string {
  const read = (): string | undefined =>
    (prepared(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const existing = read();
  if (existing !== undefined) return existing;
  preparedWrite(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, fresh());
  return read() ?? '';
}

/** Each active task's text (its 具体内容), by task id. */
export function taskBodies(db: ReadableDB, planId: number): Map<number, string> {
  const rows = prepared(db, 'SELECT id, body FROM tasks WHERE plan_id = ? AND retired_at IS NULL').all(planId) as {
    id: number;
    body: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.body]));
}
