import type { ImportWarning, ParsedPlan, ParsedTarget, UnitRole } from '../../../shared/domain/plan';
import type { StoredCorrection } from '../../../shared/domain/planCorrections';
import { prepared, preparedWrite, insertedId } from './preparedStatements';
import type {
  Category,
  Indicator,
  PlanSummary,
  Project,
  TaskDetail,
  TaskSummary,
} from '../../../shared/domain/planView';
import type { ReadableDB, WritableDB } from '../db/database';
import { unitIdByName } from './unitStore';

export interface PlanImportRecord {
  sourceName: string;
  sourceSha256: string;
  importedBy: string | null;
  warnings: readonly ImportWarning[];
  diff: unknown;
}

export function currentPlanId(db: ReadableDB): number | null {
  const row = prepared(db, 'SELECT id FROM plans WHERE is_current = 1').get() as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * Store a parsed plan as the current plan. A re-import updates the plan in place: tasks and
 * projects are matched by number, indicators by metric within their task, so the reports
 * already written for tasks that remain keep pointing at them. Tasks, projects and indicators
 * that are gone are retired, never deleted. Units must already be in the directory. Call inside
 * a transaction.
 */
export function storePlan(db: WritableDB, plan: ParsedPlan, record: PlanImportRecord, now: string): number {
  const units = unitIdByName(db);
  const unitId = (name: string): number => {
    const id = units.get(name);
    if (id === undefined) throw new Error(`unit not in directory: ${name}`);
    return id;
  };

  let planId = currentPlanId(db);
  if (planId === null) {
    planId = insertedId(
      preparedWrite(
        db,
        'INSERT INTO plans (issuer, doc_number, title, created_at, is_current) VALUES (?, ?, ?, ?, 1) RETURNING id',
      ).get(plan.meta.issuer, plan.meta.docNumber, plan.meta.title, now),
    );
  } else {
    preparedWrite(db, 'UPDATE plans SET issuer = ?, doc_number = ?, title = ? WHERE id = ?').run(
      plan.meta.issuer,
      plan.meta.docNumber,
      plan.meta.title,
      planId,
    );
  }

  const categoryIds = new Map<number, number>();
  const upsertCategory = preparedWrite(
    db,
    `INSERT INTO categories (plan_id, no, title) VALUES (?, ?, ?)
     ON CONFLICT (plan_id, no) DO UPDATE SET title = excluded.title RETURNING id`,
  );
  for (const category of plan.categories) {
    const row = upsertCategory.get(planId, category.no, category.title) as { id: number };
    categoryIds.set(category.no, row.id);
  }

  const upsertTask = preparedWrite(
    db,
    `INSERT INTO tasks (plan_id, category_id, no, title, body, source_line) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, no) DO UPDATE SET category_id = excluded.category_id, title = excluded.title,
       body = excluded.body, source_line = excluded.source_line, retired_at = NULL
     RETURNING id`,
  );
  const clearTaskUnits = preparedWrite(db, 'DELETE FROM task_units WHERE task_id = ?');
  const insertTaskUnit = preparedWrite(
    db,
    'INSERT INTO task_units (task_id, unit_id, role, position, plan_role) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const markListedResponsible = preparedWrite(
    db,
    "UPDATE task_units SET listed_responsible_position = ? WHERE task_id = ? AND unit_id = ? AND role = 'lead'",
  );
  const keptTasks: number[] = [];
  for (const task of plan.tasks) {
    const categoryId = categoryIds.get(task.category);
    if (categoryId === undefined) throw new Error(`task ${task.no} names unknown category ${task.category}`);
    const { id: taskId } = upsertTask.get(planId, categoryId, task.no, task.title, task.body, task.line) as {
      id: number;
    };
    keptTasks.push(taskId);
    clearTaskUnits.run(taskId);
    // The plan's own word for a unit that does not lead (配合 / 参与 / 指导) is kept in plan_role.
    const planRole = (name: string): UnitRole =>
      task.unitRoles?.find((u) => u.unit === name && u.role !== 'lead')?.role ?? 'responsible';
    task.leadUnits.forEach((name, i) => insertTaskUnit.run(taskId, unitId(name), 'lead', i, 'lead'));
    task.responsibleUnits.forEach((name, i) => {
      // A lead unit the plan also lists as responsible keeps its one (lead) row and its place in the list.
      if (task.leadUnits.includes(name)) markListedResponsible.run(i, taskId, unitId(name));
      else insertTaskUnit.run(taskId, unitId(name), 'responsible', i, planRole(name));
    });
    storeIndicators(db, planId, taskId, task.targets, now);
  }
  retireMissing(db, 'tasks', planId, keptTasks, now);

  const upsertProject = preparedWrite(
    db,
    `INSERT INTO projects (plan_id, kind, no, title, body, source_line) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, kind, no) DO UPDATE SET title = excluded.title, body = excluded.body,
       source_line = excluded.source_line, retired_at = NULL
     RETURNING id`,
  );
  const clearProjectUnits = preparedWrite(db, 'DELETE FROM project_units WHERE project_id = ?');
  const insertProjectUnit = preparedWrite(
    db,
    'INSERT INTO project_units (project_id, unit_id, role, position) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const keptProjects: number[] = [];
  for (const project of plan.projects) {
    const { id: projectId } = upsertProject.get(
      planId,
      project.kind,
      project.no,
      project.title,
      project.body,
      project.line,
    ) as { id: number };
    keptProjects.push(projectId);
    clearProjectUnits.run(projectId);
    project.leadUnits.forEach((name, i) => insertProjectUnit.run(projectId, unitId(name), 'lead', i));
    project.responsibleUnits.forEach((name, i) => insertProjectUnit.run(projectId, unitId(name), 'responsible', i));
  }
  retireMissing(db, 'projects', planId, keptProjects, now);

  preparedWrite(db, 'DELETE FROM baselines WHERE plan_id = ?').run(planId);
  const insertBaseline = preparedWrite(
    db,
    `INSERT INTO baselines (plan_id, metric, value, unit, year, source_text, source_line)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const b of plan.baselines) insertBaseline.run(planId, b.metric, b.value, b.unit, b.year, b.text, b.line);

  preparedWrite(
    db,
    `INSERT INTO plan_imports (plan_id, source_name, source_sha256, imported_at, imported_by, warnings_json, diff_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    planId,
    record.sourceName,
    record.sourceSha256,
    now,
    record.importedBy,
    JSON.stringify(record.warnings),
    JSON.stringify(record.diff ?? null),
  );
  return planId;
}

function storeIndicators(
  db: WritableDB,
  planId: number,
  taskId: number,
  targets: readonly ParsedTarget[],
  now: string,
): void {
  const existing = prepared(db, 'SELECT id, metric FROM indicators WHERE task_id = ? ORDER BY position').all(
    taskId,
  ) as { id: number; metric: string }[];
  const byMetric = new Map(existing.map((row) => [row.metric, row.id]));
  const update = preparedWrite(
    db,
    `UPDATE indicators SET position = ?, comparator = ?, value = ?, value2 = ?, unit = ?, year = ?,
       base_year = ?, source_text = ?, baseline_value = ?, baseline_year = ?, standard = ?, retired_at = NULL
     WHERE id = ?`,
  );
  const insert = preparedWrite(
    db,
    `INSERT INTO indicators (plan_id, task_id, position, metric, comparator, value, value2, unit, year,
       base_year, source_text, baseline_value, baseline_year, standard)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const kept = new Set<number>();
  targets.forEach((t, position) => {
    const values = [
      t.comparator,
      t.value,
      t.value2 ?? null,
      t.unit,
      t.year,
      t.baseYear ?? null,
      t.text,
      t.baseline?.value ?? null,
      t.baseline?.year ?? null,
      t.standard ? 1 : 0,
    ] as const;
    const id = byMetric.get(t.metric);
    if (id !== undefined && !kept.has(id)) {
      update.run(position, ...values, id);
      kept.add(id);
    } else {
      kept.add(insertedId(insert.get(planId, taskId, position, t.metric, ...values)));
    }
  });
  const retire = preparedWrite(db, 'UPDATE indicators SET retired_at = ? WHERE id = ? AND retired_at IS NULL');
  for (const row of existing) if (!kept.has(row.id)) retire.run(now, row.id);
}

function retireMissing(db: WritableDB, table: 'tasks' | 'projects', planId: number, kept: number[], now: string): void {
  const rows = prepared(db, `SELECT id FROM ${table} WHERE plan_id = ? AND retired_at IS NULL`).all(planId) as {
    id: number;
  }[];
  const keep = new Set(kept);
  const retire = preparedWrite(db, `UPDATE ${table} SET retired_at = ? WHERE id = ?`);
  for (const row of rows) if (!keep.has(row.id)) retire.run(now, row.id);
}

export function getPlanSummary(db: ReadableDB): PlanSummary | null {
  const row = prepared(
    db,
    `SELECT p.id, p.issuer, p.doc_number, p.title,
              (SELECT max(imported_at) FROM plan_imports i WHERE i.plan_id = p.id) AS imported_at,
              (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.retired_at IS NULL) AS task_count,
              (SELECT count(*) FROM projects j WHERE j.plan_id = p.id AND j.retired_at IS NULL) AS project_count
         FROM plans p WHERE p.is_current = 1`,
  ).get() as
    | {
        id: number;
        issuer: string;
        doc_number: string | null;
        title: string;
        imported_at: string | null;
        task_count: number;
        project_count: number;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    issuer: row.issuer,
    docNumber: row.doc_number,
    title: row.title,
    importedAt: row.imported_at ?? '',
    taskCount: row.task_count,
    projectCount: row.project_count,
  };
}

export function listCategories(db: ReadableDB, planId: number): Category[] {
  return prepared(db, 'SELECT id, no, title FROM categories WHERE plan_id = ? ORDER BY no').all(planId) as Category[];
}

/** Lead and responsible unit names per task as the plan lists them, in the plan's order (migration 0013). */
function unitsByTask(db: ReadableDB, planId: number): Map<number, TaskUnits> {
  const rows = prepared(
    db,
    `SELECT tu.task_id, tu.role, tu.plan_role, u.name FROM task_units_as_listed tu
         JOIN tasks t ON t.id = tu.task_id JOIN units u ON u.id = tu.unit_id
        WHERE t.plan_id = ? ORDER BY tu.task_id, tu.role, tu.position`,
  ).all(planId) as { task_id: number; role: 'lead' | 'responsible'; plan_role: UnitRole | null; name: string }[];
  const map = new Map<number, TaskUnits>();
  for (const row of rows) {
    let entry = map.get(row.task_id);
    if (!entry) {
      entry = { lead: [], responsible: [], roles: [] };
      map.set(row.task_id, entry);
    }
    entry[row.role].push(row.name);
    // Rows stored before migration 0010 have no plan role: their workflow role stands for it.
    entry.roles.push({ unit: row.name, role: row.role === 'lead' ? 'lead' : (row.plan_role ?? 'responsible') });
  }
  return map;
}

interface TaskUnits {
  lead: string[];
  responsible: string[];
  roles: Array<{ unit: string; role: UnitRole }>;
}

export function listTaskSummaries(db: ReadableDB, planId: number): TaskSummary[] {
  const units = unitsByTask(db, planId);
  const rows = prepared(
    db,
    `SELECT t.id, t.no, c.no AS category_no, t.title,
              (SELECT count(*) FROM indicators i WHERE i.task_id = t.id AND i.retired_at IS NULL) AS indicator_count
         FROM tasks t JOIN categories c ON c.id = t.category_id
        WHERE t.plan_id = ? AND t.retired_at IS NULL ORDER BY t.no`,
  ).all(planId) as { id: number; no: number; category_no: number; title: string; indicator_count: number }[];
  return rows.map((r) => ({
    id: r.id,
    no: r.no,
    categoryNo: r.category_no,
    title: r.title,
    leadUnits: units.get(r.id)?.lead ?? [],
    responsibleUnits: units.get(r.id)?.responsible ?? [],
    indicatorCount: r.indicator_count,
  }));
}

interface DbIndicator {
  id: number;
  task_id: number | null;
  metric: string;
  comparator: Indicator['comparator'];
  value: number;
  value2: number | null;
  unit: string;
  year: number | null;
  base_year: number | null;
  source_text: string;
  baseline_value: number | null;
  baseline_year: number | null;
  standard: number;
}

function toIndicator(row: DbIndicator): Indicator {
  return {
    id: row.id,
    taskId: row.task_id,
    metric: row.metric,
    comparator: row.comparator,
    value: row.value,
    value2: row.value2,
    unit: row.unit,
    year: row.year,
    baseYear: row.base_year,
    sourceText: row.source_text,
    baselineValue: row.baseline_value,
    baselineYear: row.baseline_year,
    standard: row.standard === 1,
  };
}

export function listIndicators(db: ReadableDB, planId: number): Indicator[] {
  const rows = prepared(
    db,
    `SELECT i.* FROM indicators i LEFT JOIN tasks t ON t.id = i.task_id
        WHERE i.plan_id = ? AND i.retired_at IS NULL ORDER BY t.no, i.position`,
  ).all(planId) as DbIndicator[];
  return rows.map(toIndicator);
}

export function getTaskDetail(db: ReadableDB, taskId: number): TaskDetail | null {
  const row = prepared(
    db,
    `SELECT t.id, t.plan_id, t.no, t.title, t.body, c.no AS category_no, c.title AS category_title
         FROM tasks t JOIN categories c ON c.id = t.category_id WHERE t.id = ?`,
  ).get(taskId) as
    | {
        id: number;
        plan_id: number;
        no: number;
        title: string;
        body: string;
        category_no: number;
        category_title: string;
      }
    | undefined;
  if (!row) return null;
  const units = unitsByTask(db, row.plan_id).get(row.id) ?? { lead: [], responsible: [], roles: [] };
  const indicators = (
    prepared(db, 'SELECT * FROM indicators WHERE task_id = ? AND retired_at IS NULL ORDER BY position').all(
      taskId,
    ) as DbIndicator[]
  ).map(toIndicator);
  return {
    id: row.id,
    no: row.no,
    categoryNo: row.category_no,
    categoryTitle: row.category_title,
    title: row.title,
    body: row.body,
    leadUnits: units.lead,
    responsibleUnits: units.responsible,
    unitRoles: units.roles,
    indicatorCount: indicators.length,
    indicators,
  };
}

export function listProjects(db: ReadableDB, planId: number): Project[] {
  const rows = prepared(
    db,
    `SELECT id, kind, no, title, body FROM projects WHERE plan_id = ? AND retired_at IS NULL
        ORDER BY CASE kind WHEN 'keyProject' THEN 1 WHEN 'majorProject' THEN 2 ELSE 3 END, no`,
  ).all(planId) as Omit<Project, 'leadUnits' | 'responsibleUnits'>[];
  const unitRows = prepared(
    db,
    `SELECT pu.project_id, pu.role, u.name FROM project_units pu JOIN units u ON u.id = pu.unit_id
         JOIN projects p ON p.id = pu.project_id WHERE p.plan_id = ? ORDER BY pu.project_id, pu.role, pu.position`,
  ).all(planId) as { project_id: number; role: 'lead' | 'responsible'; name: string }[];
  return rows.map((p) => ({
    ...p,
    leadUnits: unitRows.filter((u) => u.project_id === p.id && u.role === 'lead').map((u) => u.name),
    responsibleUnits: unitRows.filter((u) => u.project_id === p.id && u.role === 'responsible').map((u) => u.name),
  }));
}

/** The id of the plan's latest import record. */
export function latestImportId(db: ReadableDB, planId: number): number | null {
  const row = prepared(db, 'SELECT max(id) AS id FROM plan_imports WHERE plan_id = ?').get(planId) as {
    id: number | null;
  };
  return row.id;
}

/** Store the corrections applied by one import, in order. Call inside the import's transaction. */
export function storeCorrections(
  db: WritableDB,
  planId: number,
  importId: number,
  corrections: readonly StoredCorrection[],
): void {
  const insert = preparedWrite(
    db,
    `INSERT INTO plan_corrections (plan_id, import_id, position, source_hash, task_key, operation_json, corrected_by, corrected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  corrections.forEach((c, i) =>
    insert.run(
      planId,
      importId,
      i,
      c.sourceHash,
      c.correction.key,
      JSON.stringify(c.correction),
      c.correctedBy,
      c.correctedAt,
    ),
  );
}

/** The corrections of the current plan's latest import, in the order they apply. */
export function listCurrentCorrections(db: ReadableDB): StoredCorrection[] {
  const planId = currentPlanId(db);
  if (planId === null) return [];
  const importId = latestImportId(db, planId);
  if (importId === null) return [];
  const rows = prepared(
    db,
    'SELECT source_hash, operation_json, corrected_by, corrected_at FROM plan_corrections WHERE import_id = ? ORDER BY position',
  ).all(importId) as {
    source_hash: string;
    operation_json: string;
    corrected_by: string | null;
    corrected_at: string;
  }[];
  return rows.map((r) => ({
    sourceHash: r.source_hash,
    correction: JSON.parse(r.operation_json) as StoredCorrection['correction'],
    correctedBy: r.corrected_by,
    correctedAt: r.corrected_at,
  }));
}
