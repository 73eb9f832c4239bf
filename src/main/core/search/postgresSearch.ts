import type { ReadableDB, WritableDB } from '../db/database';
import { preparedOnce, preparedWrite } from '../store/preparedStatements';
import type { SearchDocument, SearchHit, SearchKind } from '../store/searchStore';
import { needsScan, splitTerms, toIndexText } from './bigrams';

/**
 * The search index on PostgreSQL, with the SQLite index's behaviour (store/searchStore.ts) using
 * core features only: each document's index tokens (bigrams.ts: Han runs as overlapping character
 * pairs, other words as unicode61 sees them, lower-cased) are a text[] with a GIN index. A query
 * term's tokens must all be in the array (`@>`, answered from the index), and every hit is then
 * checked to contain each term literally, as on SQLite; so a two-character word is found wherever
 * it occurs, and a lone Han character falls back to a scan.
 */
export function indexTokensOf(text: string): string[] {
  return [
    ...new Set(
      toIndexText(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((token) => token.length > 0)
        .map((token) => token.toLowerCase()),
    ),
  ];
}

/** Insert or replace one document and its tokens. Call inside the writer's transaction. */
export function upsertSearchDocumentPostgres(db: WritableDB, doc: SearchDocument, now: string): void {
  const row = preparedWrite(
    db,
    `INSERT INTO search_docs (kind, ref_id, title, body, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, updated_at = excluded.updated_at
     RETURNING id`,
  ).get(doc.kind, doc.refId, doc.title, doc.body, now) as { id: number };
  preparedWrite(
    db,
    `INSERT INTO search_grams (doc_id, grams) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET grams = excluded.grams`,
  ).run(row.id, indexTokensOf(`${doc.title}\n${doc.body}`));
}

export function searchDocumentsPostgres(
  db: ReadableDB,
  query: string,
  kinds: readonly SearchKind[],
  limit: number,
): SearchHit[] {
  const terms = splitTerms(query);
  if (terms.length === 0) return [];
  const kindList = kinds.length > 0 ? [...kinds] : ['task', 'project', 'unit', 'report'];
  const tokens = needsScan(query) ? [] : indexTokensOf(terms.join(' '));
  const literal = terms.map(() => `strpos(d.title || chr(10) || d.body, ?) > 0`).join(' AND ');
  const from =
    tokens.length > 0
      ? 'search_grams g JOIN search_docs d ON d.id = g.doc_id AND g.grams @> ?::text[]'
      : 'search_docs d';
  const rows = preparedOnce(
    db,
    `SELECT d.kind, d.ref_id, d.title, d.body FROM ${from}
      WHERE d.kind = ANY(?::text[]) AND ${literal}
      ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`,
  ).all(...(tokens.length > 0 ? [tokens] : []), kindList, ...terms, limit) as {
    kind: SearchKind;
    ref_id: number;
    title: string;
    body: string;
  }[];
  return rows.map((r) => ({ kind: r.kind, refId: r.ref_id, title: r.title, body: r.body }));
}
