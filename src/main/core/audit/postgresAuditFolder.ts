import { join, resolve } from 'node:path';
import { defaultDataDir } from '../paths';
import { folderAuditKeySource, type AuditKeySource } from './auditKey';

/**
 * Policy: a PostgreSQL deployment's audit key (and the witnesses of its audit head) is not data,
 * so it is never written to the database (db/copy/copy.ts says the same of a copy). It lives in a
 * folder on the machine that runs the command or the server: `--audit-key-dir DIR` (or the
 * environment variable LUOSHI_AUDIT_KEY_DIR) names that folder; by default it is
 * `<the user's data folder>/postgres/<database name>.audit`, e.g.
 * `~/.local/share/luoshi/postgres/luoshi.audit/key`. Every process of one deployment (each server
 * worker, `luoshi backup`, `luoshi restore`, `luoshi audit verify`) must see the same folder: on
 * several machines, point `--audit-key-dir` at the same copy of the key.
 */
export interface PostgresAuditFolderOptions {
  /** `--audit-key-dir`, when given. */
  auditKeyDir?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export function postgresAuditFolder(url: string, options: PostgresAuditFolderOptions = {}): string {
  const env = options.env ?? process.env;
  const chosen = options.auditKeyDir ?? env.LUOSHI_AUDIT_KEY_DIR;
  if (chosen) return resolve(chosen);
  return join(defaultDataDir(env), 'postgres', `${safeName(databaseNameOf(url))}.audit`);
}

export function postgresAuditKeySource(url: string, options: PostgresAuditFolderOptions = {}): AuditKeySource {
  return folderAuditKeySource(postgresAuditFolder(url, options));
}

/** The database a URL names; as libpq does, the user's name when the path is empty. */
export function databaseNameOf(url: string): string {
  try {
    const parsed = new URL(url);
    const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    return path || decodeURIComponent(parsed.username) || 'postgres';
  } catch {
    return 'postgres';
  }
}

/** A database name as one folder name: anything but letters, digits, `_`, `-` and `.` becomes `_`. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^\p{L}\p{N}_.-]/gu, '_');
  return cleaned === '' || /^\.+$/.test(cleaned) ? '_' : cleaned;
}
