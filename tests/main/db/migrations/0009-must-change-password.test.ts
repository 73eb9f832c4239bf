import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { migration0009MustChangePassword } from '../../../../src/main/core/db/migrations/0009-must-change-password';

describe('migration 0009-must-change-password', () => {
  it('adds the flag, cleared for existing accounts, and accepts only 0 or 1', () => {
    const before = migration0009MustChangePassword.version - 1;
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, before);
    const now = new Date().toISOString();
    db.prepare(
      "INSERT INTO users (id, username, display_name, password_hash, created_at, updated_at) VALUES (3, 'li', '李', 'x', ?, ?)",
    ).run(now, now);

    migrate(db, migration0009MustChangePassword.version);
    expect(schemaVersionOf(db)).toBe(migration0009MustChangePassword.version);
    expect(db.prepare('SELECT id, username, must_change_password FROM users').all()).toEqual([
      { id: 3, username: 'li', must_change_password: 0 },
    ]);
    db.prepare('UPDATE users SET must_change_password = 1 WHERE id = 3').run();
    expect(() => db.prepare('UPDATE users SET must_change_password = 2 WHERE id = 3').run()).toThrow(/CHECK/);
  });
});
