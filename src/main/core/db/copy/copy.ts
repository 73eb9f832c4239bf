import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { LuoshiError } from '../../../../shared/errors';
import { fileAuditKeySource, type AuditKeySource } from '../../audit/auditKey';
import { assertDatabaseNotInUse } from '../../backup/inUse';
import { dataPaths } from '../../paths';
import { toIndexText } from '../../search/bigrams';
import { indexTokensOf } from '../../search/postgresSearch';
import { checkAuditChain } from '../../services/auditService';
import { openDatabase, type WritableDB } from '../database';
import { connectPostgres, describeUrl } from '../postgres/connect';
import { applyPostgresMigrations, postgresSchemaVersion } from '../postgres/migrate';
import { digestDifferences, type Row, type TableDigest } from './digest';
import {
  batchSizeFor,
  dropLuoshiObjects,
  insertPostgresBatch,
  postgresBatches,
  postgresDigest,
  userTablesIn,
} from './postgresSide';
import {
  assertCurrentVersion,
  attachmentFile,
  openSourceFolder,
  referencedAttachments,
  sqliteBatches,
  sqliteDigest,
} from './sqliteSide';
import { copyTables, quoteIdent } from './tables';

/**
 * Policy: `luoshi db copy` moves a whole district between a data folder (SQLite + attachment
 * files) and a PostgreSQL database (attachments as bytea), in one target transaction: either
 * everything arrives or nothing does. The source is read in one consistent snapshot and is never
 * written. A target that already holds tables (PostgreSQL) or a database (folder) is refused
 * unless `force`. Both sides are digested table by table afterwards, and the copy fails unless the
 * digests agree; the audit chain is checked on the SQLite side. The audit key is not data: it stays
 * beside the data folder (`<dir>.audit/key`) and is never written to PostgreSQL.
 */
export interface CopyOptions {
  force?: boolean;
  /** Rows per INSERT batch (default 500). */
  batchSize?: number;
  progress?: (line: string) => void;
  now?: () => string;
  /**
   * The audit key the chain is checked with; by default the file beside the data folder. A
   * PostgreSQL deployment's backup and restore pass the deployment's (beside its data folder, cli/commands/postgresDeployment.ts).
   */
  auditKey?: AuditKeySource;
  /**
   * Copy a source whose audit chain fails its check (restore --accept-unverified-audit, or `audit
   * verify` of a database, which reports the failure itself); the failure becomes a note.
   */
  acceptUnverifiedAudit?: boolean;
}

export interface CopyResult {
  source: TableDigest[];
  target: TableDigest[];
  rows: number;
  attachments: number;
  notes: string[];
}

const defaultBatch = 500;

/** Data folder → PostgreSQL. */
export async function copyFolderToPostgres(
  fromDir: string,
  toUrl: string,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const dataDir = resolve(fromDir);
  const say = options.progress ?? (() => undefined);
  const now = options.now ?? (() => new Date().toISOString());
  const source = openSourceFolder(dataDir);
  try {
    source.exec('BEGIN'); // one read snapshot for the whole copy
    const keySource = options.auditKey ?? fileAuditKeySource(dataDir);
    const chain = sourceChainCheck(source, keySource, now(), options.acceptUnverifiedAudit === true);
    const sourceDigest = sqliteDigest(source, dataDir);
    const client = await connectPostgres(toUrl);
    let rows = 0;
    let attachments = 0;
    let targetDigest: TableDigest[];
    try {
      await client.query('BEGIN');
      try {
        const existing = await userTablesIn(client);
        if (existing.length > 0 && !options.force) {
          throw new LuoshiError(
            'conflict',
            `目标数据库 ${describeUrl(toUrl)} 不是空的（已有 ${existing.length} 张表，如 ${existing.slice(0, 3).join('、')}）。为免覆盖数据，复制已停止；确需替换其中的落实通数据，请加 --force。`,
          );
        }
        if (existing.length > 0) await dropLuoshiObjects(client);
        await applyPostgresMigrations(client);
        await client.query('SET CONSTRAINTS ALL DEFERRED');
        for (const table of copyTables()) {
          const size = batchSizeFor(table.columns.length, options.batchSize ?? defaultBatch);
          let count = 0;
          for (const batch of sqliteBatches(source, table, size)) {
            await insertPostgresBatch(client, table.name, table.columns, batch);
            if (table.name === 'search_docs')
              await insertPostgresBatch(client, 'search_grams', ['doc_id', 'grams'], batch.map(gramsRow));
            count += batch.length;
          }
          if (table.serialId && count > 0) {
            await client.query(
              `SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${quoteIdent(table.name)}))`,
              [table.name],
            );
          }
          rows += count;
          say(`  ${table.name}：${count} 行`);
        }
        for (const { storedName } of referencedAttachments(source)) {
          const file = attachmentFile(dataDir, storedName);
          if (!existsSync(file)) {
            throw new LuoshiError(
              'not_found',
              `附件文件 ${file} 不存在（附件记录引用了它），复制已停止。请先从备份找回该文件。`,
            );
          }
          const content = readFileSync(file);
          await client.query('INSERT INTO attachment_files (stored_name, size, content) VALUES ($1, $2, $3)', [
            storedName,
            content.length,
            content,
          ]);
          attachments += 1;
        }
        say(`  附件内容：${attachments} 个`);
        // Digested inside the copy's transaction: a mismatch rolls the whole copy back.
        targetDigest = await postgresDigest(client);
        assertSameDigest(sourceDigest, targetDigest, `${dataDir} → ${describeUrl(toUrl)}`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      return {
        source: sourceDigest,
        target: targetDigest,
        rows,
        attachments,
        notes: [
          chain,
          `审计密钥不写入 PostgreSQL，仍在 ${keySource.location}，请妥善保管；复制回数据文件夹时需放到目标文件夹旁。`,
        ],
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    if (source.inTransaction) source.exec('COMMIT');
    source.close();
  }
}

/** PostgreSQL → data folder. The database is built in a temp file beside the target and renamed into place. */
export async function copyPostgresToFolder(
  fromUrl: string,
  toDir: string,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const dataDir = resolve(toDir);
  const paths = dataPaths(dataDir);
  const say = options.progress ?? (() => undefined);
  const now = options.now ?? (() => new Date().toISOString());
  if (existsSync(paths.database)) {
    if (!options.force) {
      throw new LuoshiError(
        'conflict',
        `目标数据文件夹 ${dataDir} 中已有数据库 luoshi.db。为免覆盖数据，复制已停止；确需替换，请先备份该文件夹，再加 --force。`,
      );
    }
    try {
      assertDatabaseNotInUse(paths.database);
    } catch (error) {
      if (error instanceof LuoshiError && error.code === 'conflict') {
        throw new LuoshiError(
          'conflict',
          `目标数据库 ${paths.database} 正在被使用。请先关闭落实通桌面程序和浏览器模式（luoshi serve），再复制。`,
        );
      }
      throw error;
    }
  }
  const client = await connectPostgres(fromUrl);
  const temp = `${paths.database}.copying-${process.pid}`;
  let rows = 0;
  let attachments = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = await postgresSchemaVersion(client);
    if (version === 0)
      throw new LuoshiError(
        'not_found',
        `PostgreSQL 数据库 ${describeUrl(fromUrl)} 中没有落实通数据（没有 luoshi_schema 表）。`,
      );
    assertCurrentVersion(version, `PostgreSQL 数据库 ${describeUrl(fromUrl)} `);
    mkdirSync(paths.attachments, { recursive: true });
    removeDatabaseFiles(temp);
    const db = openDatabase(temp);
    try {
      db.exec('BEGIN IMMEDIATE');
      db.pragma('defer_foreign_keys = ON');
      try {
        for (const table of copyTables()) {
          const insert = db.prepare(
            `INSERT INTO ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`,
          );
          const indexRow = db.prepare('INSERT INTO search_fts (rowid, indexed) VALUES (?, ?)');
          let count = 0;
          for await (const batch of postgresBatches(client, table, options.batchSize ?? defaultBatch)) {
            for (const row of batch) {
              insert.run(...table.columns.map((column) => row[column] ?? null));
              if (table.name === 'search_docs')
                indexRow.run(row.id, toIndexText(`${String(row.title)}\n${String(row.body)}`));
            }
            count += batch.length;
          }
          rows += count;
          say(`  ${table.name}：${count} 行`);
        }
        attachments = await writeAttachmentFiles(client, db, dataDir);
        say(`  附件内容：${attachments} 个`);
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      // Both digests and the chain are checked on the temp file: the target is replaced only when they pass.
      const sourceDigest = await postgresDigest(client);
      await client.query('COMMIT');
      const targetDigest = sqliteDigest(db, dataDir);
      assertSameDigest(sourceDigest, targetDigest, `${describeUrl(fromUrl)} → ${dataDir}`);
      const keySource = options.auditKey ?? fileAuditKeySource(dataDir);
      const chain = checkAuditChain(db, now(), { key: loadKey(keySource), keyLocation: keySource.location });
      if (!chain.ok && chain.cause === 'tampered' && options.acceptUnverifiedAudit !== true)
        throw new LuoshiError('internal', `复制到的审计记录未通过校验，复制已撤销：${chain.message}`);
      const chainNote = chain.ok
        ? `审计记录校验通过：${chain.message}`
        : chain.cause === 'tampered'
          ? `审计记录未通过校验（已按要求仍然复制）：${chain.message}`
          : `只核对了哈希链：${chain.message}`;
      db.close();
      removeDatabaseFiles(paths.database);
      renameSync(temp, paths.database);
      const notes = [chainNote];
      if (options.auditKey === undefined && loadKey(keySource) === null)
        notes.push(
          `目标文件夹旁没有审计密钥（${keySource.location}）：请把原数据文件夹旁的 .audit/key 复制到这里，luoshi audit verify 才能核对认证码。`,
        );
      return { source: sourceDigest, target: targetDigest, rows, attachments, notes };
    } finally {
      if (db.open) db.close();
      removeDatabaseFiles(temp);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

function gramsRow(row: Row): Row {
  return { doc_id: row.id, grams: indexTokensOf(`${String(row.title)}\n${String(row.body)}`) };
}

async function writeAttachmentFiles(client: pg.ClientBase, db: WritableDB, dataDir: string): Promise<number> {
  let count = 0;
  for (const { storedName, sha256 } of referencedAttachments(db)) {
    const found = await client.query<{ content: Buffer }>(
      'SELECT content FROM attachment_files WHERE stored_name = $1',
      [storedName],
    );
    const content = found.rows[0]?.content;
    if (!content)
      throw new LuoshiError(
        'not_found',
        `PostgreSQL 中缺少附件“${storedName}”的内容（附件记录引用了它），复制已停止。`,
      );
    if (createHash('sha256').update(content).digest('hex') !== sha256) {
      throw new LuoshiError('internal', `PostgreSQL 中附件“${storedName}”的内容与记录的 SHA-256 不符，复制已停止。`);
    }
    const file = attachmentFile(dataDir, storedName);
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.copying-${process.pid}`;
    writeFileSync(partial, content);
    renameSync(partial, file);
    count += 1;
  }
  return count;
}

function sourceChainCheck(db: Database.Database, source: AuditKeySource, at: string, accept: boolean): string {
  const chain = checkAuditChain(db, at, { key: loadKey(source), keyLocation: source.location });
  if (!chain.ok && chain.cause === 'tampered') {
    if (accept) return `源数据的审计记录未通过校验（已按要求仍然复制）：${chain.message}`;
    throw new LuoshiError('conflict', `源数据的审计记录未通过校验，复制已停止：${chain.message}`);
  }
  return chain.ok ? `源数据审计记录校验通过：${chain.message}` : `源数据只核对了哈希链：${chain.message}`;
}

function loadKey(source: AuditKeySource): Buffer | null {
  try {
    return source.load();
  } catch {
    return null;
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function assertSameDigest(source: TableDigest[], target: TableDigest[], what: string): void {
  const differing = digestDifferences(source, target);
  if (differing.length > 0) {
    throw new LuoshiError(
      'internal',
      `复制后核对不一致（${what}）：表 ${differing.join('、')} 两边的摘要不同。请勿使用目标数据，并报告此问题。`,
    );
  }
}
