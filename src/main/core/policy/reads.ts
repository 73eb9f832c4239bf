import { LuoshiError } from '../../../shared/errors';
import { viewOf, type Party } from '../../../shared/workflow';
import type { ReadableDB } from '../db/database';
import { prepared } from '../store/preparedStatements';
import type { DbReport } from '../store/reportsStore';
import { persistedOf } from '../services/reportContext';
import { isLocalOperator, type Caller } from './operator';

/**
 * The read rule (README「谁能看什么」):
 * - the task force (专班, role coordinator; its leaders hold coordinator too) reads every report;
 * - a user of a unit reads the reports of the tasks and projects that unit leads or is
 *   responsible for, directly or through a collective it belongs to (各办事处), the reports it
 *   drafts, and the reports it is asked to review or sign (the compiled report's coordinating
 *   units and signers);
 * - the compiled quarterly report, once filed, is issued to every unit and read by all;
 * - anyone else (an administrator without 专班, a user without a unit) reads no report content.
 * The same rule governs report pages, timelines, attachments, documents composed over a report,
 * a unit's ledger and fill-in sheet, and search hits.
 */
export function readsAll(actor: Caller): boolean {
  return isLocalOperator(actor) || actor.roles.includes('coordinator');
}

type ReportRef = Pick<DbReport, 'id' | 'kind' | 'state' | 'task_id' | 'project_id' | 'drafting_unit_id'> &
  Pick<DbReport, 'machine_id' | 'machine_version' | 'snapshot_json'>;

/** The units an actor's unit stands for: itself and every collective it is a member of. */
function unitsOf(db: ReadableDB, unitId: number): number[] {
  const groups = prepared(db, 'SELECT group_id FROM unit_group_members WHERE member_id = ?').all(unitId) as {
    group_id: number;
  }[];
  return [unitId, ...groups.map((g) => g.group_id)];
}

function takesPart(db: ReadableDB, report: ReportRef, units: readonly number[]): boolean {
  const marks = units.map(() => '?').join(', ');
  if (report.kind === 'task' && report.task_id !== null) {
    return (
      prepared(db, `SELECT 1 FROM task_units WHERE task_id = ? AND unit_id IN (${marks}) LIMIT 1`).get(
        report.task_id,
        ...units,
      ) !== undefined
    );
  }
  if (report.kind === 'project' && report.project_id !== null) {
    return (
      prepared(db, `SELECT 1 FROM project_units WHERE project_id = ? AND unit_id IN (${marks}) LIMIT 1`).get(
        report.project_id,
        ...units,
      ) !== undefined
    );
  }
  return false;
}

export function mayReadReport(db: ReadableDB, actor: Caller, report: ReportRef): boolean {
  if (isLocalOperator(actor) || readsAll(actor)) return true;
  // The filed compiled report is issued under its document number to every unit.
  if (report.kind === 'compiled' && report.state === 'filed') return true;
  const unitId = actor.unitId;
  const mine = (p: Party) => (p.kind === 'unit' ? unitId !== null && p.id === unitId : p.id === actor.userId);
  const { context } = viewOf(persistedOf(report as DbReport));
  if (context.reviewers.some(mine) || context.signers.some(mine)) return true;
  if (unitId === null) return false;
  if (report.drafting_unit_id === unitId) return true;
  return takesPart(db, report, unitsOf(db, unitId));
}

/** Refuse a report the actor may not read, saying what they may read instead. */
export function requireReadReport(db: ReadableDB, actor: Caller, report: ReportRef): void {
  if (isLocalOperator(actor) || mayReadReport(db, actor, report)) return;
  if (report.kind === 'compiled') {
    throw new LuoshiError(
      'forbidden',
      `无权查看编号为 ${report.id} 的季度工作进展情况报告：归档前只供工作专班及审核、会签单位查看，归档后所有单位均可查看。请等待归档，或联系工作专班。`,
    );
  }
  const own = actor.unitId === null ? '' : `本单位（${actor.unitName ?? '所在单位'}）`;
  throw new LuoshiError(
    'forbidden',
    own
      ? `无权查看编号为 ${report.id} 的报告：它不属于${own}牵头或负责的任务、项目。你可以在「待办」和任务页查看${own}的报告；如需查看其他单位的报告，请联系工作专班。`
      : `无权查看编号为 ${report.id} 的报告：你的账号未关联单位，也不是工作专班。如需查看，请联系管理员为账号设置单位或角色。`,
  );
}

/** Load a report by id and check the read rule; unknown ids are not found. */
export function requireReadReportId(db: ReadableDB, actor: Caller, reportId: number, field = 'reportId'): void {
  const row = prepared(db, 'SELECT * FROM reports WHERE id = ?').get(reportId) as DbReport | undefined;
  if (!row) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, field);
  requireReadReport(db, actor, row);
}

/**
 * A unit's own records (its ledger, its fill-in sheet): the task force, or that unit's clerks and
 * leaders. The same rule as reports: a unit's sheet holds exactly the reports it may read.
 */
export function mayActForUnit(actor: Caller, unitId: number): boolean {
  if (isLocalOperator(actor) || readsAll(actor)) return true;
  return actor.unitId === unitId && (actor.roles.includes('clerk') || actor.roles.includes('leader'));
}

export function requireUnitRecords(actor: Caller, unit: { id: number; name: string }, what: string): void {
  if (isLocalOperator(actor) || mayActForUnit(actor, unit.id)) return;
  const instead = actor.unitId !== null && actor.unitName ? `你可以为本单位（${actor.unitName}）${what}。` : '';
  throw new LuoshiError(
    'forbidden',
    `只有工作专班或${unit.name}的经办人、负责人可以${what}。${instead}如需其他单位的材料，请联系工作专班。`,
  );
}

/**
 * 批示: the task force (专班, and the task force's leaders, who hold 专班 too) reads every 批示;
 * the issuer reads their own; a unit's users read the 批示 addressed to their unit and those on
 * tasks their unit (or a collective it belongs to) leads or is responsible for, like the reports
 * of those tasks. An administrator without 专班 reads none.
 */
export function mayReadInstruction(db: ReadableDB, actor: Caller, instruction: InstructionRef): boolean {
  return instructionReader(db, actor)(instruction);
}

interface InstructionRef {
  taskId: number;
  issuedBy: number;
  unitIds: readonly number[];
}

/** The same rule for a whole list: the unit's tasks are looked up once. */
export function instructionReader(db: ReadableDB, actor: Caller): (instruction: InstructionRef) => boolean {
  if (isLocalOperator(actor) || readsAll(actor)) return () => true;
  const unitId = actor.unitId;
  if (unitId === null) return (i) => i.issuedBy === actor.userId;
  const units = unitsOf(db, unitId);
  const marks = units.map(() => '?').join(', ');
  const tasks = new Set(
    prepared(db, `SELECT DISTINCT task_id FROM task_units WHERE unit_id IN (${marks})`)
      .pluck()
      .all(...units) as number[],
  );
  return (i) => i.issuedBy === actor.userId || i.unitIds.includes(unitId) || tasks.has(i.taskId);
}

/** Keep the report ids the actor may read (for filtering search hits). */
export function readableReportIds(db: ReadableDB, actor: Caller, ids: readonly number[]): Set<number> {
  if (readsAll(actor)) return new Set(ids);
  const keep = new Set<number>();
  for (const id of ids) {
    const row = prepared(db, 'SELECT * FROM reports WHERE id = ?').get(id) as DbReport | undefined;
    if (row && mayReadReport(db, actor, row)) keep.add(id);
  }
  return keep;
}

/** Whether a unit user's unit (or a collective it belongs to) leads or is responsible for the task. */
export function mayReadTask(db: ReadableDB, actor: Caller, taskId: number): boolean {
  if (isLocalOperator(actor) || readsAll(actor)) return true;
  if (actor.unitId === null) return false;
  const units = unitsOf(db, actor.unitId);
  const marks = units.map(() => '?').join(', ');
  return (
    prepared(db, `SELECT 1 FROM task_units WHERE task_id = ? AND unit_id IN (${marks}) LIMIT 1`).get(
      taskId,
      ...units,
    ) !== undefined
  );
}

/**
 * What a plan-wide read (the round overview, the 工作台's indicators) shows the actor: null for
 * the task force and the local operator (everything); otherwise the rows of reports and tasks they
 * may read under the rule above, and the deadlines and reminders of their own unit.
 */
export interface ReadScope {
  report(reportId: number): boolean;
  task(taskId: number): boolean;
  unit(unitId: number): boolean;
}

export function readScopeOf(db: ReadableDB, actor: Caller): ReadScope | null {
  if (isLocalOperator(actor) || readsAll(actor)) return null;
  const reports = new Map<number, boolean>();
  const tasks = new Map<number, boolean>();
  return {
    report: (id) => {
      let may = reports.get(id);
      if (may === undefined) {
        const row = prepared(db, 'SELECT * FROM reports WHERE id = ?').get(id) as DbReport | undefined;
        may = row !== undefined && mayReadReport(db, actor, row);
        reports.set(id, may);
      }
      return may;
    },
    task: (id) => {
      let may = tasks.get(id);
      if (may === undefined) {
        may = mayReadTask(db, actor, id);
        tasks.set(id, may);
      }
      return may;
    },
    unit: (id) => actor.unitId === id,
  };
}

/**
 * Reads that gather every unit's reports into one file (the plan-wide ledgers, the quarterly
 * report composed over all tasks): the task force only. The refusal says who may, and what the
 * actor may take instead.
 */
export function requireReadsAll(actor: Caller, what: string, instead: string): void {
  if (isLocalOperator(actor) || readsAll(actor)) return;
  throw new LuoshiError('forbidden', `${what}汇总全部单位的报告，只有工作专班可以查看。${instead}`);
}
