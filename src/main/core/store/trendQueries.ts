import { idList } from '../db/dialect';
import type { ReadableDB } from '../db/database';
import { prepared } from './preparedStatements';
import type { DbExtension } from './remindersStore';
import type { DbReport } from './reportsStore';

/**
 * The trend's loads: a plan's (or one task's) reports over every round, each in one statement, so
 * ten years of quarters cost four queries, not four per round (docs/performance.md).
 */

export interface TrendRoundRow {
  id: number;
  year: number;
  quarter: number;
  deadline: string;
}

/** Rounds holding a report of the plan's tasks (of one task when given), oldest quarter first. */
export function trendRounds(db: ReadableDB, planId: number, taskId?: number): TrendRoundRow[] {
  if (taskId !== undefined) {
    return prepared(
      db,
      `SELECT ro.id, ro.year, ro.quarter, ro.deadline FROM rounds ro
        WHERE EXISTS (SELECT 1 FROM reports r WHERE r.round_id = ro.id AND r.task_id = ?)
        ORDER BY ro.year, ro.quarter`,
    ).all(taskId) as TrendRoundRow[];
  }
  return prepared(
    db,
    `SELECT ro.id, ro.year, ro.quarter, ro.deadline FROM rounds ro
      WHERE EXISTS (SELECT 1 FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.round_id = ro.id AND t.plan_id = ?)
      ORDER BY ro.year, ro.quarter`,
  ).all(planId) as TrendRoundRow[];
}

/** Every revision of the task reports of the plan (of one task), by round, subject and revision. */
export function trendRevisions(db: ReadableDB, planId: number, taskId?: number): DbReport[] {
  if (taskId !== undefined) {
    return prepared(db, `SELECT * FROM reports WHERE task_id = ? AND kind = 'task' ORDER BY round_id, revision`).all(
      taskId,
    ) as DbReport[];
  }
  return prepared(
    db,
    `SELECT r.* FROM reports r JOIN tasks t ON t.id = r.task_id
      WHERE t.plan_id = ? AND r.kind = 'task' ORDER BY r.round_id, r.subject_key, r.revision`,
  ).all(planId) as DbReport[];
}

/** Indicator values of the given revisions in one statement: reportId → indicatorId → value. */
export function valuesOfReportSet(
  db: ReadableDB,
  reportIds: readonly number[],
): Map<number, Map<number, { value: number | null }>> {
  const map = new Map<number, Map<number, { value: number | null }>>();
  if (reportIds.length === 0) return map;
  const list = idList(db, reportIds);
  const rows = prepared(
    db,
    `SELECT report_id, indicator_id, value FROM report_indicator_values WHERE report_id IN ${list.sql}`,
  ).all(list.param) as { report_id: number; indicator_id: number; value: number | null }[];
  for (const r of rows) {
    let values = map.get(r.report_id);
    if (!values) {
      values = new Map();
      map.set(r.report_id, values);
    }
    values.set(r.indicator_id, { value: r.value });
  }
  return map;
}

/** The extensions (延期) of the given rounds in one statement. */
export function extensionsOfRounds(db: ReadableDB, roundIds: readonly number[]): DbExtension[] {
  if (roundIds.length === 0) return [];
  const list = idList(db, roundIds);
  return prepared(
    db,
    `SELECT e.round_id, e.unit_id, un.name AS unit_name, e.deadline, e.reason, u.display_name AS granted_by_name, e.granted_at
       FROM round_extensions e JOIN units un ON un.id = e.unit_id LEFT JOIN users u ON u.id = e.granted_by
      WHERE e.round_id IN ${list.sql}`,
  ).all(list.param) as DbExtension[];
}
