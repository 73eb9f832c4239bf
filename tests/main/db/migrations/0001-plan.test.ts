import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { latestSchemaVersion, migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0001-plan', () => {
  it('creates the plan tables with their constraints', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 1);
    expect(schemaVersionOf(db)).toBe(1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('区社会事业局', 'unit', ?)").run(now);
    expect(() => db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('x', 'bogus', ?)").run(now)).toThrow(
      /CHECK/,
    );
    // Only one plan can be current.
    db.prepare("INSERT INTO plans (issuer, title, created_at, is_current) VALUES ('a', 'b', ?, 1)").run(now);
    expect(() =>
      db.prepare("INSERT INTO plans (issuer, title, created_at, is_current) VALUES ('c', 'd', ?, 1)").run(now),
    ).toThrow(/UNIQUE/);
    // A task unit must reference an existing unit.
    expect(() =>
      db.prepare("INSERT INTO task_units (task_id, unit_id, role, position) VALUES (999, 999, 'lead', 0)").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('keeps data written at version 1 when later migrations run', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('区经济发展局', 'unit', ?)").run(now);
    db.prepare("INSERT INTO plans (issuer, title, created_at, is_current) VALUES ('管委会', '方案', ?, 1)").run(now);
    migrate(db);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT name FROM units').all()).toEqual([{ name: '区经济发展局' }]);
    expect(db.prepare('SELECT title FROM plans').all()).toEqual([{ title: '方案' }]);
    db.close();
  });
});
