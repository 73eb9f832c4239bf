import type { ReportState } from '../../../shared/domain/reports';
import type { ReadableDB } from '../db/database';
import { prepared } from './preparedStatements';
import type { DbIndicatorTarget } from './reportsStore';

/**
 * The reads the official Word documents need: the plan a round reports on, its tasks with their
 * category and units (retired tasks included, since the round still holds their reports), the
 * newest filed revision of each task report, and indicator values of chosen report revisions.
 */

export interface DocPlan {
  id: number;
  title: string;
  doc_number: string | null;
}

/** The plan whose tasks the round's reports are about; the current plan when the round has none. */
export function planOfRound(db: ReadableDB, roundId: number): DocPlan | null {
  const row = prepared(
    db,
    `SELECT p.id, p.title, p.doc_number FROM plans p
      WHERE p.id = coalesce(
        (SELECT t.plan_id FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.round_id = ? ORDER BY t.plan_id DESC LIMIT 1),
        (SELECT id FROM plans WHERE is_current = 1))`,
  ).get(roundId) as DocPlan | undefined;
  return row ?? null;
}

export function planById(db: ReadableDB, planId: number): DocPlan | null {
  return (
    (prepared(db, 'SELECT id, title, doc_number FROM plans WHERE id = ?').get(planId) as DocPlan | undefined) ?? null
  );
}

export interface DocCategory {
  id: number;
  no: number;
  title: string;
}

/** A plan's categories in the plan's order. */
export function categoriesOfPlan(db: ReadableDB, planId: number): DocCategory[] {
  return prepared(db, 'SELECT id, no, title FROM categories WHERE plan_id = ? ORDER BY no').all(
    planId,
  ) as DocCategory[];
}

export interface DocTask {
  id: number;
  plan_id: number;
  no: number;
  title: string;
  body: string;
  category_id: number;
  category_no: number;
  category_title: string;
}

const taskColumns = `t.id, t.plan_id, t.no, t.title, t.body, c.id AS category_id, c.no AS category_no, c.title AS category_title`;

/** The tasks a round has reports for, in the plan's order (category, then task number). */
export function tasksOfRound(db: ReadableDB, roundId: number): DocTask[] {
  return prepared(
    db,
    `SELECT DISTINCT ${taskColumns} FROM reports r
       JOIN tasks t ON t.id = r.task_id JOIN categories c ON c.id = t.category_id
      WHERE r.round_id = ? AND r.kind = 'task'
      ORDER BY c.no, t.no`,
  ).all(roundId) as DocTask[];
}

export function taskById(db: ReadableDB, taskId: number): DocTask | null {
  return (
    (prepared(db, `SELECT ${taskColumns} FROM tasks t JOIN categories c ON c.id = t.category_id WHERE t.id = ?`).get(
      taskId,
    ) as DocTask | undefined) ?? null
  );
}

export interface TaskUnitNames {
  lead: string[];
  responsible: string[];
}

/** Lead and responsible unit names of every task as the plan lists them (migration 0013), in its order. */
export function unitNamesOfTasks(db: ReadableDB, planId: number): Map<number, TaskUnitNames> {
  const rows = prepared(
    db,
    `SELECT tu.task_id, tu.role, u.name FROM task_units_as_listed tu
       JOIN tasks t ON t.id = tu.task_id JOIN units u ON u.id = tu.unit_id
      WHERE t.plan_id = ? ORDER BY tu.task_id, tu.role, tu.position`,
  ).all(planId) as { task_id: number; role: 'lead' | 'responsible'; name: string }[];
  const map = new Map<number, TaskUnitNames>();
  for (const row of rows) {
    let entry = map.get(row.task_id);
    if (!entry) {
      entry = { lead: [], responsible: [] };
      map.set(row.task_id, entry);
    }
    entry[row.role].push(row.name);
  }
  return map;
}

export type DocIndicator = DbIndicatorTarget & { task_id: number };

/** Indicators attached to a plan's tasks (retired ones left out), by task number and position. */
export function indicatorsOfPlan(db: ReadableDB, planId: number): DocIndicator[] {
  return prepared(
    db,
    `SELECT i.id, i.task_id, i.metric, i.comparator, i.value, i.value2, i.unit, i.year, i.base_year, i.baseline_value, i.baseline_year
       FROM indicators i JOIN tasks t ON t.id = i.task_id
      WHERE i.plan_id = ? AND i.retired_at IS NULL ORDER BY t.no, i.position`,
  ).all(planId) as DocIndicator[];
}

/** A revision of a task report, with what the documents print from it. */
export interface DocReport {
  id: number;
  round_id: number;
  kind: 'task' | 'project' | 'compiled';
  task_id: number | null;
  revision: number;
  state: ReportState;
  drafting_unit_id: number | null;
  progress: string;
  problems: string;
  next_steps: string;
  completed: number;
  content_json: string | null;
  archive_no: string | null;
  first_submitted_at: string | null;
  filed_at: string | null;
}

const reportColumns = `p.id, p.round_id, p.kind, p.task_id, p.revision, p.state, p.drafting_unit_id, p.progress, p.problems,
  p.next_steps, p.completed, p.content_json, p.archive_no, p.first_submitted_at, p.filed_at`;

export function reportById(db: ReadableDB, reportId: number): DocReport | null {
  return (
    (prepared(db, `SELECT ${reportColumns} FROM reports p WHERE p.id = ?`).get(reportId) as DocReport | undefined) ??
    null
  );
}

/** The newest revision of a task's report in a round. */
export function latestReportOfTask(db: ReadableDB, roundId: number, taskId: number): DocReport | null {
  return (
    (prepared(
      db,
      `SELECT ${reportColumns} FROM reports p WHERE p.round_id = ? AND p.kind = 'task' AND p.task_id = ?
      ORDER BY p.revision DESC LIMIT 1`,
    ).get(roundId, taskId) as DocReport | undefined) ?? null
  );
}

/** The newest revision of a round's compiled report, if it has one. */
export function latestCompiledReport(db: ReadableDB, roundId: number): DocReport | null {
  return (
    (prepared(
      db,
      `SELECT ${reportColumns} FROM reports p WHERE p.round_id = ? AND p.kind = 'compiled' ORDER BY p.revision DESC LIMIT 1`,
    ).get(roundId) as DocReport | undefined) ?? null
  );
}

/** Indicator values of the given report revisions: reportId → indicatorId → value. */
export function indicatorValuesOfReports(
  db: ReadableDB,
  reportIds: readonly number[],
): Map<number, Map<number, number | null>> {
  const map = new Map<number, Map<number, number | null>>();
  const statement = prepared(db, 'SELECT indicator_id, value FROM report_indicator_values WHERE report_id = ?');
  for (const id of reportIds) {
    const rows = statement.all(id) as { indicator_id: number; value: number | null }[];
    map.set(id, new Map(rows.map((r) => [r.indicator_id, r.value])));
  }
  return map;
}

export function unitNameById(db: ReadableDB, unitId: number): string | null {
  return (
    (prepared(db, 'SELECT name FROM units WHERE id = ?').get(unitId) as { name: string } | undefined)?.name ?? null
  );
}

export function taskIdByNo(db: ReadableDB, planId: number, no: number): number | null {
  return (
    (prepared(db, 'SELECT id FROM tasks WHERE plan_id = ? AND no = ?').get(planId, no) as { id: number } | undefined)
      ?.id ?? null
  );
}
