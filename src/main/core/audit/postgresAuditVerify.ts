import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../../../shared/domain/audit';
import type { Clock } from '../clock';
import { copyPostgresToFolder } from '../db/copy';
import { verifyAuditChain } from '../services/auditService';
import type { AuditKeySource } from './auditKey';
import { readKeptWitnesses, type AuditWitness } from './auditWitness';

/**
 * `luoshi audit verify` of a PostgreSQL deployment: the database is read in one read-only snapshot
 * into a temporary data folder (db copy, checked by the table-by-table digest), and the chain is
 * verified there exactly as for a data folder: hash chain, MACs under the deployment's key, the
 * witnesses kept in the deployment's audit folder and any given ones. Nothing is written to the
 * database. The folder is named like a backup's (`luoshi-backup-<pid>-…`), so the sweep at start
 * (files/sweep.ts) removes what a killed run left.
 */
export interface PostgresAuditVerifyOptions {
  auditKey: AuditKeySource;
  /** The deployment's audit folder, whose kept witnesses are checked too. */
  auditFolder: string;
  clock: Clock;
  witnesses?: readonly AuditWitness[];
  witnessProblems?: readonly string[];
}

export async function verifyPostgresAudit(
  url: string,
  options: PostgresAuditVerifyOptions,
): Promise<AuditVerifyResult> {
  const work = mkdtempSync(join(tmpdir(), `luoshi-backup-${process.pid}-verify-`));
  try {
    const dataDir = join(work, 'data');
    await copyPostgresToFolder(url, dataDir, {
      auditKey: options.auditKey,
      // The verdict is this function's to give, with the entry that fails.
      acceptUnverifiedAudit: true,
      now: () => options.clock.nowIso(),
    });
    let key: Buffer | null = null;
    try {
      key = options.auditKey.load();
    } catch {
      key = null;
    }
    const kept = readKeptWitnesses(options.auditFolder);
    const db = new Database(join(dataDir, 'luoshi.db'), { readonly: true, fileMustExist: true });
    try {
      return verifyAuditChain(db, options.clock.nowIso(), {
        key,
        keyLocation: options.auditKey.location,
        witnesses: [...kept.witnesses, ...(options.witnesses ?? [])],
        witnessProblems: [...kept.problems, ...(options.witnessProblems ?? [])],
      });
    } finally {
      db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
