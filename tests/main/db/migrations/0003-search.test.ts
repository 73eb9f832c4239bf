import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0003-search', () => {
  it('adds the search documents, one per kind and ref, and an FTS5 index over their text', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 2);
    db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('区社会事业局', 'unit', '2025-01-01')").run();
    migrate(db, 3);
    expect(schemaVersionOf(db)).toBe(3);
    // Data from before stays.
    expect(db.prepare('SELECT name FROM units').pluck().all()).toEqual(['区社会事业局']);
    const insert = db.prepare(
      "INSERT INTO search_docs (kind, ref_id, title, body, updated_at) VALUES (?, ?, 't', 'b', '2025-01-01')",
    );
    insert.run('task', 1);
    expect(() => insert.run('task', 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('bogus', 2)).toThrow(/CHECK/);
    db.prepare("INSERT INTO search_fts (rowid, indexed) VALUES (1, '托育 育服')").run();
    expect(db.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH '托育'").pluck().all()).toEqual([1]);
    db.close();
  });
});
