import type { ReadableDB } from '../db/database';
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
  const statement = prepared(db, 'SELECT indicator_id, value, note FROM report_indicator_values WHERE report_id = ?');
  for (const id of reportIds) {
    const rows = statement.all(id) as { indicator_id: number; value: number | null; note: string }[];
    map.set(id, new Map(rows.map((r) => [r.indicator_id, { value: r.value, note: r.note }])));
  }
  return map;
}
