import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0002-workflow', () => {
  it('adds the workflow tables to a version-1 database and keeps its rows', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 1);
    db.prepare(`INSERT INTO units (name, kind, created_at) VALUES ('区社会事业局', 'unit', '2025-01-01')`).run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('x', 'y')`).run();
    migrate(db, 2);
    expect(schemaVersionOf(db)).toBe(2);
    expect(db.prepare('SELECT name FROM units').all()).toEqual([{ name: '区社会事业局' }]);
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
    ).map((t) => t.name);
    for (const table of [
      'users',
      'user_roles',
      'sessions',
      'rounds',
      'reports',
      'report_parties',
      'report_signatures',
      'report_indicator_values',
      'attachments',
      'audit_log',
    ]) {
      expect(tables).toContain(table);
    }
    // Users must belong to existing units; STRICT tables refuse wrong types.
    expect(() =>
      db
        .prepare(
          `INSERT INTO users (username, display_name, unit_id, password_hash, created_at, updated_at) VALUES ('a', 'a', 99, 'h', 't', 't')`,
        )
        .run(),
    ).toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO rounds (year, quarter, deadline, status, opened_at, warnings_json) VALUES ('x', 1, 'd', 'open', 't', '[]')`,
        )
        .run(),
    ).toThrow();
    db.close();
  });
});
