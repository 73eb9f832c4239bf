import type { Migration } from './index';

/**
 * The search index: one row per searchable document (task, project, unit, report) with its
 * display text, and an FTS5 table over the same text rewritten as Han character pairs
 * (search/bigrams.ts), kept in step by the search store.
 */
export const migration0003Search: Migration = {
  version: 3,
  name: '0003-search',
  up(db) {
    db.exec(`
      CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('task', 'project', 'unit', 'report')),
        ref_id INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (kind, ref_id)
      ) STRICT;
      CREATE VIRTUAL TABLE search_fts USING fts5(indexed, tokenize = 'unicode61');
    `);
  },
  postgres: `
    CREATE TABLE search_docs (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('task', 'project', 'unit', 'report')),
      ref_id bigint NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      updated_at text NOT NULL,
      UNIQUE (kind, ref_id)
    );
    -- FTS5 is SQLite's; here the same index tokens (Han character pairs, other words lower-cased;
    -- search/postgresSearch.ts) are an array with a GIN index, and a query's pairs must all be in it.
    CREATE TABLE search_grams (
      doc_id bigint PRIMARY KEY REFERENCES search_docs(id) ON DELETE CASCADE DEFERRABLE,
      grams text[] NOT NULL
    );
    CREATE INDEX search_grams_by_gram ON search_grams USING gin (grams);
  `,
};
