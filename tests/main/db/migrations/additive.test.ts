import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, migrations } from '../../../../src/main/core/db/migrations';
import { repoRoot } from '../../../helpers/tempDir';

/**
 * The migration policy (src/main/core/db/migrations/index.ts): a shipped schema is only added to.
 * After every migration, every table, column and index of the version before is still there with
 * the same type and NOT NULL (a rebuild such as 0007's may recreate a table, but keeps its shape);
 * and each migration has its own test in this folder.
 */

interface Shape {
  columns: Map<string, string>;
  indexes: Set<string>;
}

function schemaOf(db: ReturnType<typeof openMemoryDatabase>): Map<string, Shape> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%'",
    )
    .pluck()
    .all() as string[];
  const shape = new Map<string, Shape>();
  for (const table of tables) {
    const columns = db.prepare(`SELECT name, type, "notnull" FROM pragma_table_info(?)`).all(table) as {
      name: string;
      type: string;
      notnull: number;
    }[];
    const indexes = db
      .prepare('SELECT name FROM pragma_index_list(?) WHERE origin = ?')
      .pluck()
      .all(table, 'c') as string[];
    shape.set(table, {
      columns: new Map(columns.map((c) => [c.name, `${c.type} ${c.notnull ? 'NOT NULL' : ''}`])),
      indexes: new Set(indexes),
    });
  }
  return shape;
}

describe('migrations are additive', () => {
  it('keeps every table, column (type and NOT NULL) and index of the version before', () => {
    const db = openMemoryDatabase({ migrate: false });
    let before = schemaOf(db);
    for (const migration of migrations) {
      migrate(db, migration.version);
      const after = schemaOf(db);
      for (const [table, shape] of before) {
        const now = after.get(table);
        expect(now, `${migration.name} dropped table ${table}`).toBeDefined();
        for (const [column, type] of shape.columns) {
          expect([migration.name, table, column, now?.columns.get(column)]).toEqual([
            migration.name,
            table,
            column,
            type,
          ]);
        }
        for (const index of shape.indexes)
          expect([migration.name, table, index, now?.indexes.has(index)]).toEqual([migration.name, table, index, true]);
      }
      before = after;
    }
    db.close();
  });

  it('has a test of its own for every migration', () => {
    const files = readdirSync(join(repoRoot, 'tests', 'main', 'db', 'migrations'));
    for (const migration of migrations) expect(files, migration.name).toContain(`${migration.name}.test.ts`);
  });
});
