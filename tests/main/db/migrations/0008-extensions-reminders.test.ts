import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0008-extensions-reminders', () => {
  it('adds per-unit extensions and reminders to a database with a round in it, one extension per unit and round', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 7);
    db.exec(`INSERT INTO units (id, name, kind, created_at) VALUES (1, '区社会事业局', 'unit', 'x')`);
    const roundColumns = (
      db.prepare('PRAGMA table_info(rounds)').all() as { name: string; notnull: number; dflt_value: unknown }[]
    )
      .filter((c) => c.notnull === 1 && c.dflt_value === null && c.name !== 'id')
      .map((c) => c.name);
    const values: Record<string, unknown> = {
      year: 2025,
      quarter: 3,
      deadline: '2025-10-10',
      status: 'open',
      opened_at: '2025-10-01T00:00:00Z',
      warnings_json: '[]',
    };
    db.prepare(
      `INSERT INTO rounds (id, ${roundColumns.join(', ')}) VALUES (1, ${roundColumns.map(() => '?').join(', ')})`,
    ).run(...roundColumns.map((c) => values[c] ?? 0));
    migrate(db, 8);
    expect(schemaVersionOf(db)).toBe(8);
    db.prepare(
      `INSERT INTO round_extensions (round_id, unit_id, deadline, reason, granted_by, granted_at) VALUES (1, 1, '2025-10-20', '延期', NULL, 'x')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO round_extensions (round_id, unit_id, deadline, reason, granted_by, granted_at) VALUES (1, 1, '2025-10-25', '再延', NULL, 'x')`,
        )
        .run(),
    ).toThrow();
    db.prepare(
      `INSERT INTO reminders (round_id, unit_id, message, sent_by, sent_at) VALUES (1, 1, '请报送', NULL, 'x')`,
    ).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM reminders').get()).toEqual({ n: 1 });
    expect(() =>
      db
        .prepare(
          `INSERT INTO reminders (round_id, unit_id, message, sent_by, sent_at) VALUES (9, 1, '请报送', NULL, 'x')`,
        )
        .run(),
    ).toThrow();
    db.close();
  });
});
