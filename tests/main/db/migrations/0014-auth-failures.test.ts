import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { migration0014AuthFailures } from '../../../../src/main/core/db/migrations/0014-auth-failures';

describe('migration 0014-auth-failures', () => {
  it('adds an empty failure table beside existing sessions and accepts only the two scopes', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, migration0014AuthFailures.version - 1);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      "INSERT INTO users (id, username, display_name, password_hash, created_at, updated_at) VALUES (1, 'li', '李', 'x', ?, ?)",
    ).run(now, now);
    db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 1, ?, ?)").run(
      now,
      now,
    );

    migrate(db, migration0014AuthFailures.version);
    expect(schemaVersionOf(db)).toBe(14);
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM auth_failures').get()).toEqual({ n: 0 });
    db.prepare("INSERT INTO auth_failures (scope, key, at) VALUES ('login', 'addr:10.0.0.1', 1000)").run();
    db.prepare("INSERT INTO auth_failures (scope, key, at) VALUES ('password', 'user:session x', 1001)").run();
    expect(() =>
      db.prepare("INSERT INTO auth_failures (scope, key, at) VALUES ('other', 'addr:10.0.0.1', 1002)").run(),
    ).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO auth_failures (scope, key, at) VALUES ('login', 'k', 'soon')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT at FROM auth_failures WHERE scope = 'login' AND key = 'k' AND at > 0")
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('auth_failures_by_key');
  });
});
