import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { LuoshiError } from '../../../shared/errors';

/**
 * Policy: the audit trail is authenticated with a per-install key that is never stored in the
 * database, so someone holding only the database file cannot forge or rewrite entries unseen.
 * The CLI and the browser mode keep it in `<dataDir>.audit/key` (beside, not inside, the data
 * folder, so copying or restoring the data folder does not carry the key), mode 0600. The desktop
 * host may supply its own source (e.g. Electron safeStorage) through `CoreOptions.auditKey`.
 */
export interface AuditKeySource {
  /** Where the key lives, for messages (a path, or a description such as "系统钥匙串"). */
  readonly location: string;
  /** The key, or null when none has been created yet (or it was lost). */
  load(): Buffer | null;
  /** Create and keep a new key; called only when `load()` returned null for an unkeyed trail. */
  create(): Buffer;
}

/** The folder beside the data folder that holds the key and the witness files. */
export function auditFolderOf(dataDir: string): string {
  return `${resolve(dataDir)}.audit`;
}

const keyBytes = 32;

/** The key in a file: 64 hex digits. */
export function fileAuditKeySource(dataDir: string): AuditKeySource {
  const folder = auditFolderOf(dataDir);
  const file = join(folder, 'key');
  return {
    location: file,
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8').trim();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new LuoshiError('internal', `无法读取审计密钥文件 ${file}：${(error as Error).message}`);
      }
      if (!/^[0-9a-f]{64}$/.test(text)) {
        throw new LuoshiError(
          'internal',
          `审计密钥文件 ${file} 内容无效（应为 64 位十六进制数）。请从备份找回该文件。`,
        );
      }
      return Buffer.from(text, 'hex');
    },
    create() {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const key = randomBytes(keyBytes);
      const temp = `${file}.tmp-${process.pid}`;
      try {
        const fd = openSync(temp, 'wx', 0o600);
        try {
          writeSync(fd, `${key.toString('hex')}\n`);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        chmodSync(temp, 0o600);
        renameSync(temp, file);
      } catch (error) {
        rmSync(temp, { force: true });
        throw new LuoshiError('internal', `无法创建审计密钥文件 ${file}：${(error as Error).message}`);
      }
      return key;
    },
  };
}

/** A short public name of a key, recorded in the `audit.keyed` entry; it does not reveal the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('luoshi-audit-key-id\n').update(key).digest('hex').slice(0, 16);
}

/** The MAC of one entry: over its id and chain hash, so it covers every earlier entry too. */
export function macOfEntry(key: Buffer, id: number, hash: string): string {
  return createHmac('sha256', key).update(`luoshi-audit-entry\n${id}:${hash}`).digest('hex');
}

/** A MAC over a witness's text (everything but its seal). */
export function macOfWitness(key: Buffer, text: string): string {
  return createHmac('sha256', key).update('luoshi-audit-witness\n').update(text).digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
