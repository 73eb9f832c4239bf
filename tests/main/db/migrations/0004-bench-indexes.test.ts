import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { makeTempDir } from '../../../helpers/tempDir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('migration 0004 (indexes the bench asked for)', () => {
  it('adds the covering index rounds.list counts through, on a database at version 3 with reports in it', () => {
    const { dir, cleanup } = makeTempDir('luoshi-m4-');
    cleanups.push(cleanup);
    const db = openDatabase(join(dir, 'luoshi.db'), { migrate: false });
    try {
      migrate(db, 3);
      db.exec(`
        INSERT INTO rounds (id, year, quarter, deadline, status, opened_at, warnings_json) VALUES (1, 2025, 3, '2025-10-15', 'open', '2025-10-01', '[]');
        INSERT INTO reports (round_id, kind, subject_key, revision, state, machine_id, machine_version, snapshot_json, version, created_at, updated_at)
          VALUES (1, 'compiled', 'compiled', 1, 'drafting', 'report', 1, '{}', 1, '2025-10-01', '2025-10-01');
      `);
      migrate(db);
      expect(schemaVersionOf(db)).toBeGreaterThanOrEqual(4);
      const plan = (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT count(*) FROM reports p WHERE p.round_id = ? AND p.kind != 'compiled' AND p.state = 'filed'`,
          )
          .all(1) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toContain('COVERING INDEX reports_by_round_subject');
      expect((db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });
});
