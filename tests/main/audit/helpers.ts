import type Database from 'better-sqlite3';
import type { DbAuditRow } from '../../../src/main/core/store/auditStore';
import { runCliCaptured } from '../../helpers/cliRunner';

/** `luoshi audit verify` over a data folder, with witness files to check it against. */
export function verifyAudit(dataDir: string, ...witnessFiles: string[]) {
  return runCliCaptured(['audit', 'verify', '--data-dir', dataDir, ...witnessFiles.flatMap((f) => ['--witness', f])]);
}

/** Every audit entry, oldest first. */
export const auditRows = (db: Database.Database): DbAuditRow[] =>
  db.prepare('SELECT * FROM audit_log ORDER BY id').all() as DbAuditRow[];

/** The id of the newest audit entry. */
export const lastAuditId = (db: Database.Database): number =>
  (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
