import type { ReportKind, ReportState } from '../../../shared/domain/reports';
import type { RoundStatus } from '../../../shared/domain/rounds';
import { onBehalfLabel } from '../../../shared/domain/delegations';
import type { ReadableDB, WritableDB } from '../db/database';
import { idList } from '../db/dialect';
import { prepared, preparedWrite, insertedId } from './preparedStatements';
import { checkCopiedColumns } from './snapshotColumns';

export interface DbReport {
  id: number;
  round_id: number;
  kind: ReportKind;
  subject_key: string;
  task_id: number | null;
  project_id: number | null;
  revision: number;
  previous_id: number | null;
  state: ReportState;
  machine_id: string;
  machine_version: number;
  snapshot_json: string;
  version: number;
  drafting_unit_id: number | null;
  progress: string;
  problems: string;
  next_steps: string;
  completed: number;
  content_json: string | null;
  archive_no: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  filed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type NewReport = Omit<DbReport, 'id'>;

/**
 * Task and project reports keep in `content_json` the content fields that have no column of
 * their own: today the indicators the unit marked 无新进展 (`{"noNewProgress":[12,14]}`). The
 * compiled report keeps its document there instead. Unreadable or older content means none.
 */
export function noNewProgressOf(row: Pick<DbReport, 'kind' | 'content_json'>): Set<number> {
  if (row.kind === 'compiled' || row.content_json === null) return new Set();
  try {
    const parsed = JSON.parse(row.content_json) as { noNewProgress?: unknown };
    const ids = Array.isArray(parsed.noNewProgress) ? parsed.noNewProgress : [];
    return new Set(ids.filter((id): id is number => Number.isInteger(id)));
  } catch {
    return new Set();
  }
}

/** The `content_json` of a task or project report with these indicators marked 无新进展. */
export function taskContentJson(noNewProgress: readonly number[]): string | null {
  return noNewProgress.length === 0
    ? null
    : JSON.stringify({ noNewProgress: [...new Set(noNewProgress)].sort((a, b) => a - b) });
}

export function insertReport(db: WritableDB, report: NewReport): number {
  checkCopiedColumns(`「${report.subject_key}」（第 ${report.revision} 版，新建）`, report, report.snapshot_json);
  return insertedId(
    preparedWrite(
      db,
      `INSERT INTO reports (round_id, kind, subject_key, task_id, project_id, revision, previous_id, state,
           machine_id, machine_version, snapshot_json, version, drafting_unit_id, progress, problems, next_steps,
           completed, content_json, archive_no, first_submitted_at, submitted_at, filed_at, created_at, updated_at)
         VALUES (@round_id, @kind, @subject_key, @task_id, @project_id, @revision, @previous_id, @state,
           @machine_id, @machine_version, @snapshot_json, @version, @drafting_unit_id, @progress, @problems, @next_steps,
           @completed, @content_json, @archive_no, @first_submitted_at, @submitted_at, @filed_at, @created_at, @updated_at) RETURNING id`,
    ).get(report),
  );
}

export function getReportRow(db: ReadableDB, id: number): DbReport | null {
  return (prepared(db, 'SELECT * FROM reports WHERE id = ?').get(id) as DbReport | undefined) ?? null;
}

/** The newest revision of every subject in a round. */
export function latestReportsOfRound(db: ReadableDB, roundId: number): DbReport[] {
  return prepared(
    db,
    `SELECT p.* FROM reports p
        WHERE p.round_id = ?
          AND p.revision = (SELECT max(q.revision) FROM reports q WHERE q.round_id = p.round_id AND q.subject_key = p.subject_key)
        ORDER BY p.id`,
  ).all(roundId) as DbReport[];
}

/**
 * Newest revisions not yet filed, in every round, with the round's status: the candidates for
 * someone's inbox (the caller keeps those reportMayMove allows).
 */
export function unfiledReports(db: ReadableDB): (DbReport & { round_status: RoundStatus; round_carry_over: number })[] {
  return prepared(
    db,
    `SELECT p.*, r.status AS round_status, r.carry_over AS round_carry_over FROM reports p JOIN rounds r ON r.id = p.round_id
        WHERE p.state IN ('drafting', 'leadReview', 'signOff', 'filing')
          AND p.revision = (SELECT max(q.revision) FROM reports q WHERE q.round_id = p.round_id AND q.subject_key = p.subject_key)
        ORDER BY r.year DESC, r.quarter DESC, p.id`,
  ).all() as (DbReport & { round_status: RoundStatus; round_carry_over: number })[];
}

/** Every revision of the same subject in the same round, oldest first. */
export function revisionsOf(db: ReadableDB, roundId: number, subjectKey: string): DbReport[] {
  return prepared(db, 'SELECT * FROM reports WHERE round_id = ? AND subject_key = ? ORDER BY revision').all(
    roundId,
    subjectKey,
  ) as DbReport[];
}

export function compiledReportOfRound(db: ReadableDB, roundId: number): DbReport | null {
  return (
    (prepared(db, `SELECT * FROM reports WHERE round_id = ? AND kind = 'compiled' ORDER BY revision DESC LIMIT 1`).get(
      roundId,
    ) as DbReport | undefined) ?? null
  );
}

/**
 * Write a transition's outcome, but only if nobody changed the report since `expectedVersion`
 * (the optimistic lock). Returns false when someone else got there first. The columns copied
 * from the snapshot are checked against it first (snapshotColumns.ts).
 */
export function updateReportState(
  db: WritableDB,
  id: number,
  expectedVersion: number,
  fields: {
    state: ReportState;
    snapshotJson: string;
    archiveNo: string | null;
    draftingUnitId: number | null;
    firstSubmittedAt: string | null;
    submittedAt: string | null;
    filedAt: string | null;
  },
  now: string,
): boolean {
  checkCopiedColumns(
    String(id),
    { state: fields.state, archive_no: fields.archiveNo, drafting_unit_id: fields.draftingUnitId },
    fields.snapshotJson,
  );
  const result = preparedWrite(
    db,
    `UPDATE reports SET state = ?, snapshot_json = ?, archive_no = ?, drafting_unit_id = ?, first_submitted_at = ?,
         submitted_at = ?, filed_at = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
  ).run(
    fields.state,
    fields.snapshotJson,
    fields.archiveNo,
    fields.draftingUnitId,
    fields.firstSubmittedAt,
    fields.submittedAt,
    fields.filedAt,
    now,
    id,
    expectedVersion,
  );
  return result.changes === 1;
}

export function updateReportContent(
  db: WritableDB,
  id: number,
  expectedVersion: number,
  content: { progress: string; problems: string; nextSteps: string; completed: boolean; contentJson: string | null },
  now: string,
): boolean {
  const result = preparedWrite(
    db,
    `UPDATE reports SET progress = ?, problems = ?, next_steps = ?, completed = ?, content_json = ?,
         version = version + 1, updated_at = ?
       WHERE id = ? AND version = ? AND state = 'drafting'`,
  ).run(
    content.progress,
    content.problems,
    content.nextSteps,
    content.completed ? 1 : 0,
    content.contentJson,
    now,
    id,
    expectedVersion,
  );
  return result.changes === 1;
}

/** Bump the version for a change kept in another table (attachments). */
export function touchReport(db: WritableDB, id: number, expectedVersion: number, now: string): boolean {
  return (
    preparedWrite(
      db,
      `UPDATE reports SET version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND state = 'drafting'`,
    ).run(now, id, expectedVersion).changes === 1
  );
}

// --- parties and signatures -------------------------------------------------------------------

export interface DbParty {
  report_id: number;
  stage: 'review' | 'signOff';
  party_kind: 'unit' | 'user';
  party_id: number;
  position: number;
}

export function insertParties(db: WritableDB, parties: readonly DbParty[]): void {
  const insert = preparedWrite(
    db,
    `INSERT INTO report_parties (report_id, stage, party_kind, party_id, position)
     VALUES (@report_id, @stage, @party_kind, @party_id, @position) ON CONFLICT DO NOTHING`,
  );
  for (const p of parties) insert.run(p);
}

export interface DbSignature {
  report_id: number;
  cycle: number;
  stage: 'review' | 'signOff';
  party_kind: 'unit' | 'user';
  party_id: number;
  user_id: number;
  /** The leader the user signed for under 委托 (migration 0012), or null. */
  on_behalf_of: number | null;
  /** 张三, or 张三（代 李四） for a signature made in a leader's place. */
  user_name: string;
  opinion: string;
  signed_at: string;
}

export function insertSignature(db: WritableDB, sig: Omit<DbSignature, 'user_name'>): void {
  preparedWrite(
    db,
    `INSERT INTO report_signatures (report_id, cycle, stage, party_kind, party_id, user_id, on_behalf_of, opinion, signed_at)
     VALUES (@report_id, @cycle, @stage, @party_kind, @party_id, @user_id, @on_behalf_of, @opinion, @signed_at)`,
  ).run(sig);
}

export function signaturesOf(db: ReadableDB, reportId: number, cycle: number): DbSignature[] {
  const rows = prepared(
    db,
    `SELECT s.report_id, s.cycle, s.stage, s.party_kind, s.party_id, s.user_id, s.on_behalf_of,
              u.display_name AS user_name, d.display_name AS on_behalf_name, s.opinion, s.signed_at
         FROM report_signatures s JOIN users u ON u.id = s.user_id LEFT JOIN users d ON d.id = s.on_behalf_of
        WHERE s.report_id = ? AND s.cycle = ? ORDER BY s.id`,
  ).all(reportId, cycle) as (DbSignature & { on_behalf_name: string | null })[];
  return rows.map(({ on_behalf_name, ...sig }) =>
    on_behalf_name === null ? sig : { ...sig, user_name: onBehalfLabel(sig.user_name, on_behalf_name) },
  );
}

/** The cycle of a report's latest signature (0 when none). */
export function lastSignatureCycle(db: ReadableDB, reportId: number): number {
  return prepared(db, 'SELECT coalesce(max(cycle), 0) FROM report_signatures WHERE report_id = ?')
    .pluck()
    .get(reportId) as number;
}

// --- indicator values -------------------------------------------------------------------------

/** The event of the last return, objection or withdrawal of a report (null when none). */
export function lastReturnEvent(db: ReadableDB, reportId: number): string | null {
  const row = prepared(
    db,
    `SELECT event FROM audit_log WHERE report_id = ? AND event IN ('report.return', 'report.object', 'report.withdraw')
      ORDER BY id DESC LIMIT 1`,
  ).get(reportId) as { event: string } | undefined;
  return row?.event ?? null;
}

export function indicatorValuesOf(
  db: ReadableDB,
  reportId: number,
): { indicator_id: number; value: number | null; note: string }[] {
  return prepared(db, 'SELECT indicator_id, value, note FROM report_indicator_values WHERE report_id = ?').all(
    reportId,
  ) as { indicator_id: number; value: number | null; note: string }[];
}

export function replaceIndicatorValues(
  db: WritableDB,
  reportId: number,
  values: readonly { indicatorId: number; value: number | null; note: string }[],
): void {
  preparedWrite(db, 'DELETE FROM report_indicator_values WHERE report_id = ?').run(reportId);
  const insert = preparedWrite(
    db,
    'INSERT INTO report_indicator_values (report_id, indicator_id, value, note) VALUES (?, ?, ?, ?)',
  );
  for (const v of values) insert.run(reportId, v.indicatorId, v.value, v.note);
}

export interface DbIndicatorTarget {
  id: number;
  metric: string;
  comparator: string;
  value: number;
  value2: number | null;
  unit: string;
  year: number | null;
  base_year: number | null;
  baseline_value: number | null;
  baseline_year: number | null;
  standard: number;
}

export function indicatorsOfTask(db: ReadableDB, taskId: number): DbIndicatorTarget[] {
  return prepared(
    db,
    `SELECT id, metric, comparator, value, value2, unit, year, base_year, baseline_value, baseline_year, standard
         FROM indicators WHERE task_id = ? AND retired_at IS NULL ORDER BY position`,
  ).all(taskId) as DbIndicatorTarget[];
}

/**
 * The titles of every subject of `rows` in two statements (an overview or an inbox lists dozens;
 * one statement per row costs a round trip each on PostgreSQL).
 */
export function subjectTitlesOf(
  db: ReadableDB,
  rows: readonly { kind: ReportKind; task_id: number | null; project_id: number | null }[],
): (kind: ReportKind, id: number | null) => { no: number; title: string; projectKind: string | null } | null {
  const taskIds = [...new Set(rows.flatMap((r) => (r.kind === 'task' && r.task_id !== null ? [r.task_id] : [])))];
  const projectIds = [
    ...new Set(rows.flatMap((r) => (r.kind === 'project' && r.project_id !== null ? [r.project_id] : []))),
  ];
  const tasks = idList(db, taskIds);
  const projects = idList(db, projectIds);
  const found = new Map<string, { no: number; title: string; projectKind: string | null }>();
  if (taskIds.length > 0)
    for (const t of prepared(db, `SELECT id, no, title FROM tasks WHERE id IN ${tasks.sql}`).all(tasks.param) as {
      id: number;
      no: number;
      title: string;
    }[])
      found.set(`task:${t.id}`, { no: t.no, title: t.title, projectKind: null });
  if (projectIds.length > 0)
    for (const p of prepared(db, `SELECT id, no, title, kind FROM projects WHERE id IN ${projects.sql}`).all(
      projects.param,
    ) as { id: number; no: number; title: string; kind: string }[])
      found.set(`project:${p.id}`, { no: p.no, title: p.title, projectKind: p.kind });
  return (kind, id) => (id === null ? null : (found.get(`${kind}:${id}`) ?? subjectTitle(db, kind, id)));
}

export function subjectTitle(
  db: ReadableDB,
  kind: ReportKind,
  id: number | null,
): { no: number; title: string; projectKind: string | null } | null {
  if (id === null) return null;
  if (kind === 'task') {
    return (
      (prepared(db, 'SELECT no, title, NULL AS projectKind FROM tasks WHERE id = ?').get(id) as
        { no: number; title: string; projectKind: null } | undefined) ?? null
    );
  }
  return (
    (prepared(db, 'SELECT no, title, kind AS projectKind FROM projects WHERE id = ?').get(id) as
      { no: number; title: string; projectKind: string } | undefined) ?? null
  );
}

// --- attachments ------------------------------------------------------------------------------

export interface DbAttachment {
  id: number;
  report_id: number;
  file_name: string;
  size: number;
  sha256: string;
  stored_name: string;
  uploaded_by_name: string | null;
  uploaded_at: string;
}

export function insertAttachment(
  db: WritableDB,
  a: {
    reportId: number;
    fileName: string;
    size: number;
    sha256: string;
    storedName: string;
    uploadedBy: number | null;
  },
  now: string,
): number {
  return insertedId(
    preparedWrite(
      db,
      `INSERT INTO attachments (report_id, file_name, size, sha256, stored_name, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(a.reportId, a.fileName, a.size, a.sha256, a.storedName, a.uploadedBy, now),
  );
}

export function attachmentsOf(db: ReadableDB, reportId: number): DbAttachment[] {
  return prepared(
    db,
    `SELECT a.id, a.report_id, a.file_name, a.size, a.sha256, a.stored_name, u.display_name AS uploaded_by_name,
              a.uploaded_at
         FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by
        WHERE a.report_id = ? AND a.removed_at IS NULL ORDER BY a.id`,
  ).all(reportId) as DbAttachment[];
}

export function getAttachment(db: ReadableDB, id: number): DbAttachment | null {
  return (
    (prepared(
      db,
      `SELECT a.id, a.report_id, a.file_name, a.size, a.sha256, a.stored_name, u.display_name AS uploaded_by_name,
                a.uploaded_at
           FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.id = ? AND a.removed_at IS NULL`,
    ).get(id) as DbAttachment | undefined) ?? null
  );
}

export function markAttachmentRemoved(db: WritableDB, id: number, now: string): void {
  preparedWrite(db, 'UPDATE attachments SET removed_at = ? WHERE id = ?').run(now, id);
}

/** Carry a filed revision's attachments over to its new revision (the files are shared, not copied). */
export function copyAttachments(db: WritableDB, fromReportId: number, toReportId: number): void {
  preparedWrite(
    db,
    `INSERT INTO attachments (report_id, file_name, size, sha256, stored_name, uploaded_by, uploaded_at)
     SELECT ?, file_name, size, sha256, stored_name, uploaded_by, uploaded_at FROM attachments
      WHERE report_id = ? AND removed_at IS NULL ORDER BY id`,
  ).run(toReportId, fromReportId);
}
