import type { ReadableDB, WritableDB } from '../db/database';
import { prepared, preparedOnce, preparedWrite } from './preparedStatements';
import { needsScan, splitTerms, toIndexText, toMatchQuery } from '../search/bigrams';
import { searchDocumentsPostgres, upsertSearchDocumentPostgres } from '../search/postgresSearch';
import { dialectOf, listOf } from '../db/dialect';

export type SearchKind = 'task' | 'project' | 'unit' | 'report';

export interface SearchDocument {
  kind: SearchKind;
  refId: number;
  title: string;
  body: string;
}

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  title: string;
  body: string;
}

/** Insert or replace one document and its index row. Call inside the writer's transaction. */
export function upsertSearchDocument(db: WritableDB, doc: SearchDocument, now: string): void {
  // PostgreSQL has no FTS5: its index is an array of the same tokens (search/postgresSearch.ts).
  if (dialectOf(db) === 'postgres') return upsertSearchDocumentPostgres(db, doc, now);
  const row = preparedWrite(
    db,
    `INSERT INTO search_docs (kind, ref_id, title, body, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, updated_at = excluded.updated_at
       RETURNING id`,
  ).get(doc.kind, doc.refId, doc.title, doc.body, now) as { id: number };
  preparedWrite(db, 'DELETE FROM search_fts WHERE rowid = ?').run(row.id);
  preparedWrite(db, 'INSERT INTO search_fts (rowid, indexed) VALUES (?, ?)').run(
    row.id,
    toIndexText(`${doc.title}\n${doc.body}`),
  );
}

/**
 * Documents containing every term of the query, newest first. Terms of two or more Han
 * characters go through the index; a lone Han character (which pairs cannot index) falls back
 * to a scan. Either way each hit is checked to contain every term literally.
 */
export function searchDocuments(
  db: ReadableDB,
  query: string,
  kinds: readonly SearchKind[],
  limit: number,
): SearchHit[] {
  if (dialectOf(db) === 'postgres') return searchDocumentsPostgres(db, query, kinds, limit);
  const terms = splitTerms(query);
  if (terms.length === 0) return [];
  const kindList = kinds.length > 0 ? kinds : (['task', 'project', 'unit', 'report'] as const);
  const kindPlaceholders = kindList.map(() => '?').join(', ');
  const literal = terms.map(() => `instr(d.title || char(10) || d.body, ?) > 0`).join(' AND ');
  const match = needsScan(query) ? null : toMatchQuery(query);
  const sql =
    match === null
      ? `SELECT d.kind, d.ref_id, d.title, d.body FROM search_docs d
          WHERE d.kind IN (${kindPlaceholders}) AND ${literal}
          ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`
      : `SELECT d.kind, d.ref_id, d.title, d.body FROM search_fts f JOIN search_docs d ON d.id = f.rowid
          WHERE search_fts MATCH ? AND d.kind IN (${kindPlaceholders}) AND ${literal}
          ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`;
  const params = match === null ? [...kindList, ...terms, limit] : [match, ...kindList, ...terms, limit];
  const rows = preparedOnce(db, sql).all(...params) as {
    kind: SearchKind;
    ref_id: number;
    title: string;
    body: string;
  }[];
  return rows.map((r) => ({ kind: r.kind, refId: r.ref_id, title: r.title, body: r.body }));
}

export interface StaleReport {
  id: number;
  kind: 'task' | 'project' | 'compiled';
  year: number;
  quarter: number;
  revision: number;
  taskNo: number | null;
  taskTitle: string | null;
  projectKind: string | null;
  projectNo: number | null;
  projectTitle: string | null;
  progress: string;
  problems: string;
  nextSteps: string;
  /** The report's attachment file names, one per line (null without attachments). */
  attachmentNames: string | null;
  updatedAt: string;
}

/**
 * Reports whose text changed since they were indexed (or never were). Every writer of report
 * content (the editor, the fill-in import, the demo) bumps `updated_at`, so search catches up on
 * read without each writer having to remember the index.
 */
export function staleReports(db: ReadableDB, limit = 100_000): StaleReport[] {
  return prepared(
    db,
    `SELECT r.id, r.kind, rd.year, rd.quarter, r.revision, t.no AS taskNo, t.title AS taskTitle,
              p.kind AS projectKind, p.no AS projectNo, p.title AS projectTitle,
              r.progress, r.problems, r.next_steps AS nextSteps, r.updated_at AS updatedAt,
              (SELECT ${listOf(db, 'a.file_name', 'char(10)')} FROM attachments a
                WHERE a.report_id = r.id AND a.removed_at IS NULL) AS attachmentNames
         FROM reports r
         JOIN rounds rd ON rd.id = r.round_id
         LEFT JOIN tasks t ON t.id = r.task_id
         LEFT JOIN projects p ON p.id = r.project_id
         LEFT JOIN search_docs d ON d.kind = 'report' AND d.ref_id = r.id
        WHERE d.id IS NULL OR d.updated_at < r.updated_at
        LIMIT ?`,
  ).all(limit) as StaleReport[];
}
