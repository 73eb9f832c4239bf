import type { AnswerState } from '../../../shared/domain/instructions';
import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite, insertedId } from './preparedStatements';

/** A 批示 as stored, with the names the screens show. */
export interface DbInstruction {
  id: number;
  task_id: number;
  task_no: number;
  task_title: string;
  report_id: number | null;
  report_revision: number | null;
  text: string;
  due_date: string;
  issued_by: number;
  issued_by_name: string | null;
  issued_by_unit: string | null;
  issued_at: string;
  closed_at: string | null;
}

/** One addressed unit's line of a 批示; lines come in the order the issuer listed the units. */
export interface DbInstructionUnit {
  instruction_id: number;
  unit_id: number;
  unit_name: string;
  state: AnswerState;
  answer: string;
  drafted_by_name: string | null;
  confirmed_by_name: string | null;
  answered_at: string | null;
  closed_by_name: string | null;
  closed_at: string | null;
  returned_reason: string | null;
  updated_at: string;
}

const selectInstructions = `SELECT i.id, i.task_id, t.no AS task_no, t.title AS task_title, i.report_id, r.revision AS report_revision,
    i.text, i.due_date, i.issued_by, u.display_name AS issued_by_name, un.name AS issued_by_unit, i.issued_at, i.closed_at
  FROM instructions i JOIN tasks t ON t.id = i.task_id LEFT JOIN reports r ON r.id = i.report_id
  LEFT JOIN users u ON u.id = i.issued_by LEFT JOIN units un ON un.id = u.unit_id`;

const selectLines = `SELECT l.instruction_id, l.unit_id, un.name AS unit_name, l.state, l.answer, d.display_name AS drafted_by_name,
    c.display_name AS confirmed_by_name, l.answered_at, x.display_name AS closed_by_name, l.closed_at, l.returned_reason, l.updated_at
  FROM instruction_units l JOIN units un ON un.id = l.unit_id LEFT JOIN users d ON d.id = l.drafted_by
  LEFT JOIN users c ON c.id = l.confirmed_by LEFT JOIN users x ON x.id = l.closed_by`;

export function insertInstruction(
  db: WritableDB,
  i: {
    taskId: number;
    reportId: number | null;
    text: string;
    dueDate: string;
    issuedBy: number;
    unitIds: readonly number[];
  },
  at: string,
): number {
  const id = insertedId(
    preparedWrite(
      db,
      'INSERT INTO instructions (task_id, report_id, text, due_date, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    ).get(i.taskId, i.reportId, i.text, i.dueDate, i.issuedBy, at),
  );
  const line = preparedWrite(
    db,
    `INSERT INTO instruction_units (instruction_id, unit_id, state, updated_at) VALUES (?, ?, 'drafting', ?)`,
  );
  for (const unitId of i.unitIds) line.run(id, unitId, at);
  return id;
}

export function getInstruction(db: ReadableDB, id: number): DbInstruction | null {
  return (prepared(db, `${selectInstructions} WHERE i.id = ?`).get(id) as DbInstruction | undefined) ?? null;
}

/** Which 批示 a list takes: the open ones, every one, or those on one task. */
export type InstructionScope = { open: boolean } | { taskId: number };

function scopeWhere(scope: InstructionScope): [string, unknown[]] {
  if ('taskId' in scope) return ['i.task_id = ?', [scope.taskId]];
  return scope.open ? ['i.closed_at IS NULL', []] : ['1 = 1', []];
}

/** The 批示 of a scope, newest first. */
export function listInstructions(db: ReadableDB, scope: InstructionScope): DbInstruction[] {
  const [where, params] = scopeWhere(scope);
  return prepared(db, `${selectInstructions} WHERE ${where} ORDER BY i.issued_at DESC, i.id DESC`).all(
    ...params,
  ) as DbInstruction[];
}

/** The lines of every 批示 of a scope in one query, by 批示 id. */
export function linesByInstruction(db: ReadableDB, scope: InstructionScope): Map<number, DbInstructionUnit[]> {
  const [where, params] = scopeWhere(scope);
  const rows = prepared(
    db,
    `${selectLines} WHERE l.instruction_id IN (SELECT i.id FROM instructions i WHERE ${where}) ORDER BY l.instruction_id, l.unit_id`,
  ).all(...params) as DbInstructionUnit[];
  const byId = new Map<number, DbInstructionUnit[]>();
  for (const row of rows) {
    const list = byId.get(row.instruction_id);
    if (list) list.push(row);
    else byId.set(row.instruction_id, [row]);
  }
  return byId;
}

/**
 * 批示 that were open at some time in [from, to): issued before `to` and not closed before `from`
 * (ISO instants), for the quarterly report's annex.
 */
export function instructionsOpenDuring(db: ReadableDB, from: string, to: string): DbInstruction[] {
  return prepared(
    db,
    `${selectInstructions} WHERE i.issued_at < ? AND (i.closed_at IS NULL OR i.closed_at >= ?) ORDER BY t.no, i.issued_at, i.id`,
  ).all(to, from) as DbInstruction[];
}

export function linesOf(db: ReadableDB, instructionId: number): DbInstructionUnit[] {
  return prepared(db, `${selectLines} WHERE l.instruction_id = ? ORDER BY l.instruction_id, l.unit_id`).all(
    instructionId,
  ) as DbInstructionUnit[];
}

export interface LineChange {
  state: AnswerState;
  answer?: string;
  draftedBy?: number;
  confirmedBy?: number | null;
  answeredAt?: string | null;
  closedBy?: number | null;
  closedAt?: string | null;
  returnedReason?: string | null;
}

/** Write a line's new state and the fields the event sets; the others stay. */
export function updateLine(
  db: WritableDB,
  instructionId: number,
  unitId: number,
  change: LineChange,
  at: string,
): void {
  const sets: string[] = ['state = ?', 'updated_at = ?'];
  const values: unknown[] = [change.state, at];
  const column = (name: string, value: unknown) => {
    sets.push(`${name} = ?`);
    values.push(value);
  };
  if (change.answer !== undefined) column('answer', change.answer);
  if (change.draftedBy !== undefined) column('drafted_by', change.draftedBy);
  if (change.confirmedBy !== undefined) column('confirmed_by', change.confirmedBy);
  if (change.answeredAt !== undefined) column('answered_at', change.answeredAt);
  if (change.closedBy !== undefined) column('closed_by', change.closedBy);
  if (change.closedAt !== undefined) column('closed_at', change.closedAt);
  if (change.returnedReason !== undefined) column('returned_reason', change.returnedReason);
  db.prepare(`UPDATE instruction_units SET ${sets.join(', ')} WHERE instruction_id = ? AND unit_id = ?`).run(
    ...values,
    instructionId,
    unitId,
  );
}

export function setInstructionClosedAt(db: WritableDB, instructionId: number, closedAt: string | null): void {
  preparedWrite(db, 'UPDATE instructions SET closed_at = ? WHERE id = ?').run(closedAt, instructionId);
}
