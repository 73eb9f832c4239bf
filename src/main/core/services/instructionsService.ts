import type { Actor, Role } from '../../../shared/domain/accounts';
import {
  actInstructionInputSchema,
  answerEventLabels,
  answerStateLabels,
  answerTransition,
  eventsFrom,
  isAnswerOverdue,
  isInstructionClosed,
  issueInstructionInputSchema,
  type ActInstructionInput,
  type InstructionEntity,
  type IssueInstructionInput,
} from '../../../shared/domain/instructions';
import { chinaDate } from '../../../shared/domain/rounds';
import { LuoshiError } from '../../../shared/errors';
import { chinaIsoDate } from '../../../shared/time';
import type { Clock } from '../clock';
import { inTransaction, type ReadableDB, type WritableDB } from '../db/database';
import {
  authorizeAnswerEvent,
  authorizeIssueInstruction,
  instructionReader,
  mayActOnAnswer,
  mayReadInstruction,
} from '../policy';
import {
  getInstruction,
  insertInstruction,
  instructionsOpenDuring,
  linesByInstruction,
  linesOf,
  listInstructions,
  setInstructionClosedAt,
  updateLine,
  type DbInstruction,
  type DbInstructionUnit,
  type InstructionScope,
  type LineChange,
} from '../store/instructionsStore';
import { prepared } from '../store/preparedStatements';
import { unitNames } from '../store/roundsStore';
import type { AuditService } from './auditService';
import type { InstructionProgress } from '../exports/docx/compose/inputs';

/**
 * 批示: a leader issues an instruction on a task to units; each unit answers with its 落实情况
 * through drafting → 单位负责人确认 → 已答复, and the issuer or the task force closes it or sends it
 * back. The states are the table in src/shared/domain/instructions.ts; who may act is the policy
 * module's; every step is one audited transaction.
 */
export class InstructionsService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  issue(actor: Actor, raw: IssueInstructionInput): InstructionEntity {
    const input = issueInstructionInputSchema.parse(raw);
    const id = inTransaction(this.db, () => {
      const task = taskOf(this.db, input.taskId);
      authorizeIssueInstruction(actor, task.leadUnitIds, task.label);
      if (input.reportId !== undefined) {
        const report = prepared(this.db, 'SELECT task_id FROM reports WHERE id = ?').get(input.reportId) as
          { task_id: number | null } | undefined;
        if (!report) throw new LuoshiError('not_found', `未找到编号为 ${input.reportId} 的报告。`, 'reportId');
        if (report.task_id !== input.taskId)
          throw new LuoshiError(
            'invalid_input',
            `编号为 ${input.reportId} 的报告不属于${task.label}，请在该任务自己的报告上批示。`,
            'reportId',
          );
      }
      const today = chinaIsoDate(this.clock.nowIso());
      if (input.dueDate < today) {
        throw new LuoshiError(
          'invalid_input',
          `办理时限 ${chinaDate(input.dueDate)} 已经过去，请选择今天（${chinaDate(today)}）或以后的日期。`,
          'dueDate',
        );
      }
      const names = unitNames(this.db);
      const unitIds = [...new Set(input.unitIds)];
      for (const unitId of unitIds) {
        if (!names.has(unitId)) throw new LuoshiError('not_found', `未找到编号为 ${unitId} 的单位。`, 'unitIds');
        const kind = prepared(this.db, 'SELECT kind FROM units WHERE id = ?').pluck().get(unitId);
        if (kind === 'group') {
          throw new LuoshiError(
            'invalid_input',
            `${names.get(unitId) ?? '该单位'}是单位分组，没有自己的经办人和负责人，请改选其中的具体单位。`,
            'unitIds',
          );
        }
      }
      const at = this.clock.nowIso();
      const newId = insertInstruction(
        this.db,
        {
          taskId: input.taskId,
          reportId: input.reportId ?? null,
          text: input.text,
          dueDate: input.dueDate,
          issuedBy: actor.userId,
          unitIds,
        },
        at,
      );
      const units = unitIds.map((u) => names.get(u) ?? `单位 ${u}`);
      this.audit.append({
        actor,
        role: issuerRole(actor),
        subjectType: 'instruction',
        subjectId: newId,
        reportId: input.reportId ?? null,
        event: 'instruction.issue',
        opinion: `对${task.label}批示（承办单位：${units.join('、')}；办理时限：${chinaDate(input.dueDate)}）：${input.text}`,
        details: { taskId: input.taskId, unitIds, dueDate: input.dueDate },
      });
      return newId;
    });
    return this.get(actor, id);
  }

  /** One addressed unit's line: save, submit, confirm, return, close or send back. */
  act(actor: Actor, raw: ActInstructionInput): InstructionEntity {
    const input = actInstructionInputSchema.parse(raw);
    inTransaction(this.db, () => {
      const instruction = this.readable(actor, input.instructionId);
      const line = linesOf(this.db, instruction.id).find((l) => l.unit_id === input.unitId);
      if (!line) throw new LuoshiError('not_found', `该批示没有交办给编号为 ${input.unitId} 的单位。`, 'unitId');
      const what = `${answerEventLabels[input.event]}（${line.unit_name}）`;
      authorizeAnswerEvent(
        actor,
        input.event,
        { unitId: line.unit_id, unitName: line.unit_name, issuedBy: instruction.issued_by },
        what,
      );
      const text = input.event === 'answer.submit' && input.text === undefined ? line.answer : input.text;
      const result = answerTransition(line.state, input.event, {
        ...(text === undefined ? {} : { text }),
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      });
      if (!result.ok) throw new LuoshiError('conflict', result.message);
      const at = this.clock.nowIso();
      updateLine(this.db, instruction.id, line.unit_id, lineChange(input, actor, result.to, text, at), at);
      const states = linesOf(this.db, instruction.id).map((l) => l.state);
      setInstructionClosedAt(this.db, instruction.id, isInstructionClosed(states) ? at : null);
      const reason = input.reason?.trim();
      this.audit.append({
        actor,
        role: roleFor(actor, input.event),
        subjectType: 'instruction',
        subjectId: instruction.id,
        reportId: instruction.report_id,
        event: `instruction.${input.event}`,
        opinion: `${line.unit_name}：${reason ? `${reason}` : (text ?? line.answer).trim()}`,
        stateBefore: line.state,
        stateAfter: result.to,
        details: { unitId: line.unit_id, unit: line.unit_name, taskId: instruction.task_id },
      });
    });
    return this.get(actor, input.instructionId);
  }

  get(actor: Actor, instructionId: number): InstructionEntity {
    return this.entity(actor, this.readable(actor, instructionId));
  }

  /** The 批示 on a task the caller may read, newest first (the plan view's task drawer). */
  ofTask(actor: Actor, taskId: number): InstructionEntity[] {
    return this.readableOf(actor, { taskId });
  }

  /** Every 批示 the caller may read, newest first (工作台); open ones only unless `all`. */
  list(actor: Actor, all: boolean): InstructionEntity[] {
    return this.readableOf(actor, { open: !all });
  }

  /** The open 批示 on which the caller may act now (待办): their unit's lines, or ones to close. */
  todo(actor: Actor): InstructionEntity[] {
    return this.list(actor, false).filter((e) =>
      e.answers.some((a) => a.actions.some((event) => event !== 'answer.save')),
    );
  }

  private readable(actor: Actor, instructionId: number): DbInstruction {
    const row = getInstruction(this.db, instructionId);
    if (!row) throw new LuoshiError('not_found', `未找到编号为 ${instructionId} 的批示。`, 'instructionId');
    const lines = linesOf(this.db, row.id);
    if (
      !mayReadInstruction(this.db, actor, {
        taskId: row.task_id,
        issuedBy: row.issued_by,
        unitIds: lines.map((l) => l.unit_id),
      })
    ) {
      throw new LuoshiError(
        'forbidden',
        `无权查看编号为 ${instructionId} 的批示：它没有交办给本单位，也不在本单位牵头或负责的任务上。如需了解，请联系工作专班。`,
      );
    }
    return row;
  }

  private readableOf(actor: Actor, scope: InstructionScope): InstructionEntity[] {
    const lines = linesByInstruction(this.db, scope);
    const reads = instructionReader(this.db, actor);
    const now = this.clock.nowIso();
    return listInstructions(this.db, scope).flatMap((row) => {
      const own = lines.get(row.id) ?? [];
      return reads({ taskId: row.task_id, issuedBy: row.issued_by, unitIds: own.map((l) => l.unit_id) })
        ? [instructionEntity(row, own, now, actor)]
        : [];
    });
  }

  private entity(actor: Actor, row: DbInstruction, lines = linesOf(this.db, row.id)): InstructionEntity {
    return instructionEntity(row, lines, this.clock.nowIso(), actor);
  }
}

/** The entity of a stored 批示; with an actor, each line lists the events that actor may send. */
export function instructionEntity(
  row: DbInstruction,
  lines: DbInstructionUnit[],
  nowIso: string,
  actor: Actor | null,
): InstructionEntity {
  const answers = lines.map((l) => ({
    unitId: l.unit_id,
    unitName: l.unit_name,
    state: l.state,
    stateLabel: answerStateLabels[l.state],
    answer: l.answer,
    draftedBy: l.drafted_by_name,
    confirmedBy: l.confirmed_by_name,
    answeredAt: l.answered_at,
    closedBy: l.closed_by_name,
    closedAt: l.closed_at,
    returnedReason: l.returned_reason,
    overdue: isAnswerOverdue(l.state, row.due_date, nowIso),
    actions:
      actor === null
        ? []
        : eventsFrom(l.state).filter((e) => mayActOnAnswer(actor, e, { unitId: l.unit_id, issuedBy: row.issued_by })),
  }));
  return {
    id: row.id,
    taskId: row.task_id,
    taskNo: row.task_no,
    taskTitle: row.task_title,
    reportId: row.report_id,
    reportRevision: row.report_revision,
    text: row.text,
    dueDate: row.due_date,
    issuedBy: row.issued_by_name ?? '—',
    issuedByUnit: row.issued_by_unit,
    issuedAt: row.issued_at,
    closed: row.closed_at !== null,
    closedAt: row.closed_at,
    overdue: answers.some((a) => a.overdue),
    answers,
  };
}

/** The 批示 open at some time in a quarter (China time), with their lines, for the quarterly annex. */
export function instructionsOfQuarter(
  db: ReadableDB,
  quarter: { year: number; quarter: number },
  nowIso: string,
): InstructionEntity[] {
  const month = (quarter.quarter - 1) * 3;
  const from = new Date(Date.UTC(quarter.year, month, 1) - 8 * 3_600_000).toISOString();
  const to = new Date(Date.UTC(quarter.year, month + 3, 1) - 8 * 3_600_000).toISOString();
  return instructionsOpenDuring(db, from, to).map((row) => instructionEntity(row, linesOf(db, row.id), nowIso, null));
}

/** A 批示 as the quarterly report's annex reads it. */
export function instructionProgress(e: InstructionEntity): InstructionProgress {
  return {
    taskNo: e.taskNo,
    text: e.text,
    issuedBy: e.issuedBy,
    issuedAt: e.issuedAt,
    dueDate: e.dueDate,
    lines: e.answers.map((a) => ({ unit: a.unitName, state: a.state, answer: a.answer, overdue: a.overdue })),
  };
}

function taskOf(db: ReadableDB, taskId: number): { label: string; leadUnitIds: number[] } {
  const task = prepared(db, 'SELECT no, retired_at FROM tasks WHERE id = ?').get(taskId) as
    { no: number; retired_at: string | null } | undefined;
  if (!task) throw new LuoshiError('not_found', `未找到编号为 ${taskId} 的任务。`, 'taskId');
  const label = `任务${task.no}`;
  if (task.retired_at !== null) throw new LuoshiError('conflict', `${label}已从现行工作方案中移除，不能再下达批示。`);
  const lead = prepared(db, "SELECT unit_id FROM task_units WHERE task_id = ? AND role = 'lead'").all(taskId) as {
    unit_id: number;
  }[];
  return { label, leadUnitIds: lead.map((l) => l.unit_id) };
}

function lineChange(
  input: ActInstructionInput,
  actor: Actor,
  to: LineChange['state'],
  text: string | undefined,
  at: string,
): LineChange {
  const reason = input.reason?.trim() ?? null;
  switch (input.event) {
    case 'answer.save':
      return { state: to, answer: (text ?? '').trim(), draftedBy: actor.userId };
    case 'answer.submit':
      return { state: to, answer: (text ?? '').trim(), draftedBy: actor.userId, returnedReason: null };
    case 'answer.confirm':
      return { state: to, confirmedBy: actor.userId, answeredAt: at };
    case 'answer.return':
      return { state: to, returnedReason: reason, confirmedBy: null };
    case 'answer.close':
      return { state: to, closedBy: actor.userId, closedAt: at };
    case 'answer.sendBack':
      return { state: to, returnedReason: reason, confirmedBy: null, answeredAt: null };
  }
}

function issuerRole(actor: Actor): Role {
  return actor.roles.includes('coordinator') ? 'coordinator' : 'leader';
}

function roleFor(actor: Actor, event: ActInstructionInput['event']): Role {
  if (event === 'answer.close' || event === 'answer.sendBack') return issuerRole(actor);
  if (event === 'answer.confirm' || event === 'answer.return') return 'leader';
  return actor.roles.includes('clerk') ? 'clerk' : 'leader';
}
