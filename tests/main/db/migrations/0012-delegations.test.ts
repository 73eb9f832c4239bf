import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { migration0012Delegations } from '../../../../src/main/core/db/migrations/0012-delegations';

describe('migration 0012-delegations', () => {
  it('adds the delegations table with its checks and names no leader on existing signatures', () => {
    const before = migration0012Delegations.version - 1;
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, before);
    const now = '2025-10-01T01:00:00.000Z';
    db.prepare("INSERT INTO units (id, name, kind, created_at) VALUES (5, '区卫生健康委员会', 'unit', ?)").run(now);
    for (const [id, name] of [
      [3, 'li'],
      [4, 'wang'],
    ] as const) {
      db.prepare(
        "INSERT INTO users (id, username, display_name, password_hash, unit_id, created_at, updated_at) VALUES (?, ?, ?, 'x', 5, ?, ?)",
      ).run(id, name, name, now, now);
    }
    db.prepare(
      `INSERT INTO rounds (id, year, quarter, deadline, status, opened_at, opened_by, warnings_json) VALUES (1, 2025, 3, '2025-10-10', 'open', ?, 3, '[]')`,
    ).run(now);
    db.prepare(
      `INSERT INTO reports (id, round_id, kind, subject_key, revision, state, machine_id, machine_version, snapshot_json, version, created_at, updated_at)
       VALUES (1, 1, 'task', 'task:1', 1, 'leadReview', 'report-lifecycle', 1, '{}', 2, ?, ?)`,
    ).run(now, now);
    db.prepare(
      `INSERT INTO report_signatures (report_id, cycle, stage, party_kind, party_id, user_id, opinion, signed_at) VALUES (1, 1, 'review', 'unit', 5, 3, '同意', ?)`,
    ).run(now);

    migrate(db, migration0012Delegations.version);
    expect(schemaVersionOf(db)).toBe(migration0012Delegations.version);
    expect(db.prepare('SELECT user_id, on_behalf_of FROM report_signatures').all()).toEqual([
      { user_id: 3, on_behalf_of: null },
    ]);

    const insert = db.prepare(
      'INSERT INTO delegations (delegator_id, delegate_id, unit_id, starts_on, ends_on, created_at) VALUES (?, ?, 5, ?, ?, ?)',
    );
    insert.run(3, 4, '2025-10-01', '2025-10-03', now);
    expect(db.prepare('SELECT delegator_id, delegate_id, note, ended_at FROM delegations').all()).toEqual([
      { delegator_id: 3, delegate_id: 4, note: '', ended_at: null },
    ]);
    expect(() => insert.run(3, 3, '2025-10-01', '2025-10-03', now)).toThrow(/CHECK/);
    expect(() => insert.run(3, 4, '2025-10-05', '2025-10-03', now)).toThrow(/CHECK/);
    expect(() => insert.run(3, 4, '2025/10/01', '2025-10-03', now)).toThrow(/CHECK/);
  });
});
