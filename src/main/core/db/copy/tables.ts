import { openMemoryDatabase } from '../database';

/**
 * The tables `luoshi db copy` moves, read from the schema the numbered migrations build (a fresh
 * in-memory SQLite at the latest version), in creation order. FTS5's table and its shadow tables
 * are left out: the search index is rebuilt from `search_docs` on arrival on either engine.
 */
export interface CopyTable {
  name: string;
  columns: string[];
  /** Primary-key columns in key order (every Luoshi table has one). */
  key: string[];
  /** An INTEGER PRIMARY KEY `id` (a bigserial on PostgreSQL whose sequence must follow). */
  serialId: boolean;
}

let cached: CopyTable[] | null = null;

export function copyTables(): CopyTable[] {
  if (cached) return cached;
  const db = openMemoryDatabase();
  try {
    const names = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'search_fts' AND name NOT LIKE 'search_fts_%' ORDER BY rowid",
      )
      .pluck()
      .all() as string[];
    cached = names.map((name) => {
      const info = db.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as {
        name: string;
        type: string;
        pk: number;
      }[];
      const key = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      if (key.length === 0) throw new Error(`table ${name} has no primary key; db copy needs one`);
      return {
        name,
        columns: info.map((c) => c.name),
        key,
        serialId: key.length === 1 && key[0] === 'id' && info.find((c) => c.name === 'id')?.type === 'INTEGER',
      };
    });
    return cached;
  } finally {
    db.close();
  }
}

/** An identifier from the schema, quoted for either engine. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return `"${name}"`;
}
