import Database from 'better-sqlite3';
import type { AuditKeySource } from '../audit/auditKey';
import { keyIdOf } from '../audit/auditKey';
import { parseWitnesses } from '../audit/auditWitness';
import { checkAuditChain } from '../services/auditService';
import { firstKeyedEntry } from '../store/auditStore';
import type { BackupManifest } from './manifest';

export interface BackupAuditCheck {
  /** Why the backup's trail cannot be trusted (restore refuses unless told otherwise). */
  refusal: string | null;
  /** What could not be checked, said plainly (restore goes ahead and says it). */
  warning: string | null;
}

/**
 * Policy: a restore replaces the data folder with the backup's database, so the backup's audit
 * trail is checked first. A chain that is broken, a MAC that does not match this install's key,
 * or a database that disagrees with the witness in the backup's own manifest is refused. What
 * cannot be checked (no key on this machine, a backup from another install, a database from before
 * keys) is allowed with a warning: only the hash chain vouches for it then. A backup whose trail
 * was keyed with this install's key but whose manifest has lost its witness is refused (every
 * such backup is written with one).
 */
export function checkBackupAudit(
  databaseFile: string,
  manifest: BackupManifest,
  backupFile: string,
  keySource: AuditKeySource,
  nowIso: string,
): BackupAuditCheck {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const hasTable =
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;
    if (!hasTable) return { refusal: null, warning: null };
    let key: Buffer | null = null;
    try {
      key = keySource.load();
    } catch {
      key = null;
    }
    const parsed = manifest.auditWitness
      ? parseWitnesses(manifest.auditWitness, `${backupFile} 的备份清单`)
      : { witnesses: [], problems: [] };
    const result = checkAuditChain(db, nowIso, {
      key,
      keyLocation: keySource.location,
      witnesses: parsed.witnesses,
      witnessProblems: parsed.problems,
    });
    if (!result.ok) {
      if (result.cause === 'tampered' || result.cause === 'witness-unreadable')
        return { refusal: result.message, warning: null };
      return { refusal: null, warning: `未能核对备份中审计记录的认证码，只核对了哈希链：${result.message}` };
    }
    const keyed = firstKeyedEntry(db);
    const keyedHere = key !== null && keyed !== null && keyIdIn(keyed.details_json) === keyIdOf(key);
    if (keyedHere && parsed.witnesses.length === 0) {
      return { refusal: '备份清单中缺少审计见证（本机生成的备份都带有见证，清单可能被改动）。', warning: null };
    }
    if (key === null)
      return { refusal: null, warning: '本机没有审计密钥，只核对了备份中审计记录的哈希链，未能核对认证码。' };
    if (keyed === null && result.entryCount > 0) {
      return { refusal: null, warning: '备份中的审计记录生成于启用审计密钥之前，只核对了哈希链。' };
    }
    return { refusal: null, warning: null };
  } finally {
    db.close();
  }
}

function keyIdIn(detailsJson: string): string | null {
  try {
    const value = (JSON.parse(detailsJson) as { keyId?: unknown }).keyId;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
