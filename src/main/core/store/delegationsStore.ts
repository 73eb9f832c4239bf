import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite, insertedId } from './preparedStatements';

/** Rows of `delegations` (migration 0012), with the names the screens show. */
export interface DbDelegation {
  id: number;
  delegator_id: number;
  delegator_name: string;
  delegate_id: number;
  delegate_name: string;
  unit_id: number;
  unit_name: string;
  starts_on: string;
  ends_on: string;
  note: string;
  created_at: string;
  ended_at: string | null;
  ended_by: number | null;
}

const selectDelegations = `
  SELECT d.id, d.delegator_id, a.display_name AS delegator_name, d.delegate_id, b.display_name AS delegate_name,
         d.unit_id, n.name AS unit_name, d.starts_on, d.ends_on, d.note, d.created_at, d.ended_at, d.ended_by
    FROM delegations d
    JOIN users a ON a.id = d.delegator_id
    JOIN users b ON b.id = d.delegate_id
    JOIN units n ON n.id = d.unit_id`;

export function insertDelegation(
  db: WritableDB,
  row: {
    delegatorId: number;
    delegateId: number;
    unitId: number;
    startsOn: string;
    endsOn: string;
    note: string;
    createdAt: string;
  },
): number {
  return insertedId(
    preparedWrite(
      db,
      `INSERT INTO delegations (delegator_id, delegate_id, unit_id, starts_on, ends_on, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(row.delegatorId, row.delegateId, row.unitId, row.startsOn, row.endsOn, row.note, row.createdAt),
  );
}

export function endDelegation(db: WritableDB, id: number, endedAt: string, endedBy: number): boolean {
  return (
    preparedWrite(db, 'UPDATE delegations SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL').run(
      endedAt,
      endedBy,
      id,
    ).changes === 1
  );
}

export function getDelegation(db: ReadableDB, id: number): DbDelegation | null {
  return (prepared(db, `${selectDelegations} WHERE d.id = ?`).get(id) as DbDelegation | undefined) ?? null;
}

/** Delegations the user gave or received, newest first. */
export function delegationsOfUser(db: ReadableDB, userId: number): DbDelegation[] {
  return prepared(db, `${selectDelegations} WHERE d.delegator_id = ? OR d.delegate_id = ? ORDER BY d.id DESC`).all(
    userId,
    userId,
  ) as DbDelegation[];
}

export function allDelegations(db: ReadableDB): DbDelegation[] {
  return prepared(db, `${selectDelegations} ORDER BY d.id DESC`).all() as DbDelegation[];
}

/** Delegations to `delegateId` whose last day is `today` (China date) or later; the caller applies the rule. */
export function currentDelegationsTo(db: ReadableDB, delegateId: number, today: string): DbDelegation[] {
  return prepared(db, `${selectDelegations} WHERE d.delegate_id = ? AND d.ends_on >= ? ORDER BY d.id`).all(
    delegateId,
    today,
  ) as DbDelegation[];
}
