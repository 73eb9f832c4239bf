import type pg from 'pg';
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
export async function upsertSearchDocumentPostgres(
  client: pg.ClientBase,
  doc: SearchDocument,
  now: string,
): Promise<void> {
  const row = await client.query<{ id: number }>(
    `INSERT INTO search_docs (kind, ref_id, title, body, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind, ref_id) DO UPDATE SET title = excluded.title, body = excluded.body, updated_at = excluded.updated_at
     RETURNING id`,
    [doc.kind, doc.refId, doc.title, doc.body, now],
  );
  const id = row.rows[0]!.id;
  await client.query(
    `INSERT INTO search_grams (doc_id, grams) VALUES ($1, $2) ON CONFLICT (doc_id) DO UPDATE SET grams = excluded.grams`,
    [id, indexTokensOf(`${doc.title}\n${doc.body}`)],
  );
}

export async function searchDocumentsPostgres(
  client: pg.ClientBase,
  query: string,
  kinds: readonly SearchKind[],
  limit: number,
): Promise<SearchHit[]> {
  const terms = splitTerms(query);
  if (terms.length === 0) return [];
  const kindList = kinds.length > 0 ? [...kinds] : ['task', 'project', 'unit', 'report'];
  const tokens = needsScan(query) ? [] : indexTokensOf(terms.join(' '));
  const params: unknown[] = [kindList, limit];
  const literal = terms.map((term) => {
    params.push(term);
    return `strpos(d.title || chr(10) || d.body, $${params.length}) > 0`;
  });
  let from = 'search_docs d';
  if (tokens.length > 0) {
    params.push(tokens);
    from = `search_grams g JOIN search_docs d ON d.id = g.doc_id AND g.grams @> $${params.length}::text[]`;
  }
  const rows = await client.query<{ kind: SearchKind; ref_id: number; title: string; body: string }>(
    `SELECT d.kind, d.ref_id, d.title, d.body FROM ${from}
      WHERE d.kind = ANY($1::text[]) AND ${literal.join(' AND ')}
      ORDER BY d.updated_at DESC, d.id DESC LIMIT $2`,
    params,
  );
  return rows.rows.map((r) => ({ kind: r.kind, refId: r.ref_id, title: r.title, body: r.body }));
}
