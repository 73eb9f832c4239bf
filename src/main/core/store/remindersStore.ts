import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedWrite, insertedId } from './preparedStatements';

/** A unit's own deadline in a round (延期). */
export interface DbExtension {
  round_id: number;
  unit_id: number;
  unit_name: string;
  deadline: string;
  reason: string;
  granted_by_name: string | null;
  granted_at: string;
}

export function extensionsOfRound(db: ReadableDB, roundId: number): DbExtension[] {
  return prepared(
    db,
    `SELECT e.round_id, e.unit_id, un.name AS unit_name, e.deadline, e.reason, u.display_name AS granted_by_name, e.granted_at
     FROM round_extensions e JOIN units un ON un.id = e.unit_id LEFT JOIN users u ON u.id = e.granted_by
     WHERE e.round_id = ? ORDER BY un.name`,
  ).all(roundId) as DbExtension[];
}

export function upsertExtension(
  db: WritableDB,
  e: { roundId: number; unitId: number; deadline: string; reason: string; grantedBy: number | null },
  at: string,
): void {
  preparedWrite(
    db,
    `INSERT INTO round_extensions (round_id, unit_id, deadline, reason, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (round_id, unit_id) DO UPDATE SET deadline = excluded.deadline, reason = excluded.reason,
       granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
  ).run(e.roundId, e.unitId, e.deadline, e.reason, e.grantedBy, at);
}

/** Remove a unit's extension (cancelled); whether there was one. */
export function deleteExtension(db: WritableDB, roundId: number, unitId: number): boolean {
  return (
    preparedWrite(db, 'DELETE FROM round_extensions WHERE round_id = ? AND unit_id = ?').run(roundId, unitId).changes >
    0
  );
}

/** A reminder (催办) sent to a unit in a round. */
export interface DbReminder {
  id: number;
  round_id: number;
  unit_id: number;
  unit_name: string;
  message: string;
  sent_by_name: string | null;
  sent_at: string;
}

const selectReminders = `SELECT r.id, r.round_id, r.unit_id, un.name AS unit_name, r.message, u.display_name AS sent_by_name, r.sent_at
  FROM reminders r JOIN units un ON un.id = r.unit_id LEFT JOIN users u ON u.id = r.sent_by`;

export function insertReminder(
  db: WritableDB,
  r: { roundId: number; unitId: number; message: string; sentBy: number | null },
  at: string,
): number {
  return insertedId(
    preparedWrite(
      db,
      'INSERT INTO reminders (round_id, unit_id, message, sent_by, sent_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    ).get(r.roundId, r.unitId, r.message, r.sentBy, at),
  );
}

/** Every reminder of a round, newest first. */
export function remindersOfRound(db: ReadableDB, roundId: number): DbReminder[] {
  return prepared(db, `${selectReminders} WHERE r.round_id = ? ORDER BY r.sent_at DESC, r.id DESC`).all(
    roundId,
  ) as DbReminder[];
}

/** Reminders to a unit in rounds that are still open, newest first. */
export function openRemindersOfUnit(
  db: ReadableDB,
  unitId: number,
): (DbReminder & { year: number; quarter: number })[] {
  return prepared(
    db,
    `SELECT x.*, ro.year, ro.quarter FROM (${selectReminders} WHERE r.unit_id = ?) x JOIN rounds ro ON ro.id = x.round_id
     WHERE ro.status = 'open' ORDER BY x.sent_at DESC, x.id DESC`,
  ).all(unitId) as (DbReminder & { year: number; quarter: number })[];
}
