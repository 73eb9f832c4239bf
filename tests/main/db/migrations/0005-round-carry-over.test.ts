import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { makeTempDir } from '../../../helpers/tempDir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('migration 0005 (rounds carry their unfinished reports over)', () => {
  it('adds carry_over to rounds already stored, off for every one, and refuses other values', () => {
    const { dir, cleanup } = makeTempDir('luoshi-m5-');
    cleanups.push(cleanup);
    const db = openDatabase(join(dir, 'luoshi.db'), { migrate: false });
    try {
      migrate(db, 4);
      db.exec(`
        INSERT INTO rounds (id, year, quarter, deadline, status, opened_at, warnings_json) VALUES (1, 2025, 2, '2025-07-10', 'closed', '2025-07-01', '[]');
        INSERT INTO rounds (id, year, quarter, deadline, status, opened_at, warnings_json) VALUES (2, 2025, 3, '2025-10-10', 'open', '2025-10-01', '[]');
      `);
      migrate(db);
      expect(schemaVersionOf(db)).toBeGreaterThanOrEqual(5);
      expect(db.prepare('SELECT id, status, carry_over FROM rounds ORDER BY id').all()).toEqual([
        { id: 1, status: 'closed', carry_over: 0 },
        { id: 2, status: 'open', carry_over: 0 },
      ]);
      expect(() => db.prepare('UPDATE rounds SET carry_over = 2 WHERE id = 1').run()).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
