import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0007-approx-comparator', () => {
  it('rebuilds indicators to accept approx, keeping rows, ids, the index and the foreign key from report values', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 6);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO plans (id, issuer, title, created_at, is_current) VALUES (1, '管委会', '方案', ?, 1)").run(
      now,
    );
    const insert = db.prepare(
      "INSERT INTO indicators (id, plan_id, task_id, position, metric, comparator, value, unit, year, source_text) VALUES (?, 1, NULL, ?, ?, ?, ?, '%', 2025, '原文')",
    );
    insert.run(7, 0, '覆盖率', 'gte', 90);
    insert.run(9, 1, '比例', 'eq', 55);
    expect(() => insert.run(10, 2, '比例', 'approx', 55)).toThrow(/CHECK/);
    // A reported value that references indicator 7 (its report row is left out: keys off while seeding).
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO report_indicator_values (report_id, indicator_id, value) VALUES (1, 7, 88)').run();
    db.pragma('foreign_keys = ON');

    migrate(db, 7);
    expect(schemaVersionOf(db)).toBe(7);
    expect(db.prepare('SELECT id, metric, comparator, value FROM indicators ORDER BY id').all()).toEqual([
      { id: 7, metric: '覆盖率', comparator: 'gte', value: 90 },
      { id: 9, metric: '比例', comparator: 'eq', value: 55 },
    ]);
    insert.run(10, 2, '比例', 'approx', 55);
    expect(() => insert.run(11, 3, '比例', 'about', 55)).toThrow(/CHECK/);
    const fk = db.prepare('SELECT "table" FROM pragma_foreign_key_list(\'report_indicator_values\')').all() as Array<{
      table: string;
    }>;
    expect(fk.map((k) => k.table).sort()).toEqual(['indicators', 'reports']);
    // The value still points at indicator 7; only the report row left out while seeding is missing.
    const broken = db.prepare('PRAGMA foreign_key_check').all() as Array<{ table: string; parent: string }>;
    expect(broken.map((b) => b.parent)).toEqual(['reports']);
    expect(
      db.prepare('SELECT i.metric FROM report_indicator_values v JOIN indicators i ON i.id = v.indicator_id').all(),
    ).toEqual([{ metric: '覆盖率' }]);
    expect(() => db.prepare('DELETE FROM indicators WHERE id = 7').run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'indicators'").all()).toEqual(
      [{ name: 'indicators_by_task' }],
    );
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'indicators_before%'").all()).toEqual([]);
    db.close();
  });
});
