import type { ReadableDB } from '../db/database';
import { idList } from '../db/dialect';
import { prepared } from './preparedStatements';
import type { DbReport } from './reportsStore';

/**
 * Every revision of every task and project report of a round, oldest first within a subject; of
 * one subject only when `subjectKey` is given (the report page needs no more).
 */
export function subjectRevisionsOfRound(db: ReadableDB, roundId: number, subjectKey?: string): DbReport[] {
  if (subjectKey !== undefined) {
    return prepared(db, `SELECT * FROM reports WHERE round_id = ? AND subject_key = ? ORDER BY revision`).all(
      roundId,
      subjectKey,
    ) as DbReport[];
  }
  return prepared(
    db,
    `SELECT * FROM reports WHERE round_id = ? AND kind != 'compiled' ORDER BY subject_key, revision`,
  ).all(roundId) as DbReport[];
}

/** Indicator values (with notes) of the given report revisions: reportId → indicatorId → value. */
export function valuesOfReports(
  db: ReadableDB,
  reportIds: readonly number[],
): Map<number, Map<number, { value: number | null; note: string }>> {
  const map = new Map<number, Map<number, { value: number | null; note: string }>>();
  for (const id of reportIds) map.set(id, new Map());
  if (reportIds.length === 0) return map;
  // One statement for all of them: one round trip on PostgreSQL instead of one per report.
  const list = idList(db, reportIds);
  const rows = prepared(
    db,
    `SELECT report_id, indicator_id, value, note FROM report_indicator_values WHERE report_id IN ${list.sql}`,
  ).all(list.param) as { report_id: number; indicator_id: number; value: number | null; note: string }[];
  for (const r of rows) map.get(r.report_id)?.set(r.indicator_id, { value: r.value, note: r.note });
  return map;
}
