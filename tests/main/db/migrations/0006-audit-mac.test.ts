import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { migration0006AuditMac } from '../../../../src/main/core/db/migrations/0006-audit-mac';
import { verifyAuditChain } from '../../../../src/main/core/services/auditService';
import { makeTempDir } from '../../../helpers/tempDir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe(`migration ${migration0006AuditMac.name}`, () => {
  it('adds audit_log.mac (NULL for existing entries) and keeps their chain valid', async () => {
    const { dir, cleanup } = makeTempDir('luoshi-mac-');
    cleanups.push(cleanup);
    const db = openDatabase(join(dir, 'luoshi.db'), { migrate: false });
    try {
      migrate(db, migration0006AuditMac.version - 1);
      // One genuine entry written the way the app wrote them before the column existed.
      const { hashAuditRow, genesisHash } = await import('../../../../src/main/core/services/auditService');
      const row = {
        id: 1,
        at: '2025-10-01T01:00:00.000Z',
        user_id: null,
        actor_name: '系统',
        unit_id: null,
        unit_name: null,
        role: null,
        subject_type: 'plan',
        subject_id: null,
        report_id: null,
        revision: null,
        event: 'plan.import',
        opinion: '',
        state_before: null,
        state_after: null,
        details_json: '{}',
        prev_hash: genesisHash,
      };
      const hash = hashAuditRow(row);
      db.prepare(
        `INSERT INTO audit_log (id, at, user_id, actor_name, unit_id, unit_name, role, subject_type, subject_id, report_id, revision,
           event, opinion, state_before, state_after, details_json, prev_hash, hash)
         VALUES (@id, @at, @user_id, @actor_name, @unit_id, @unit_name, @role, @subject_type, @subject_id, @report_id, @revision,
           @event, @opinion, @state_before, @state_after, @details_json, @prev_hash, @hash)`,
      ).run({ ...row, hash });
      migrate(db);
      expect(schemaVersionOf(db)).toBeGreaterThanOrEqual(migration0006AuditMac.version);
      expect(db.prepare('SELECT mac FROM audit_log WHERE id = 1').get()).toEqual({ mac: null });
      expect(verifyAuditChain(db, '2025-10-02T00:00:00.000Z')).toMatchObject({ ok: true, entryCount: 1 });
    } finally {
      db.close();
    }
  });
});
