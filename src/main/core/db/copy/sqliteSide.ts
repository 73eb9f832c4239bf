import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LuoshiError } from '../../../../shared/errors';
import { dataPaths } from '../../paths';
import { DatabaseTooNewError, latestSchemaVersion, schemaVersionOf } from '../migrations';
import { digestAttachmentContents, digestTable, type Row, type TableDigest } from './digest';
import { copyTables, quoteIdent, type CopyTable } from './tables';

/** A data folder's database opened read-only, at this program's schema version. */
export function openSourceFolder(dataDir: string): Database.Database {
  const paths = dataPaths(dataDir);
  if (!existsSync(paths.database)) {
    throw new LuoshiError(
      'not_found',
      `数据文件夹 ${dataDir} 中没有数据库文件 luoshi.db。请确认 --from 指向落实通的数据文件夹。`,
    );
  }
  const db = new Database(paths.database, { readonly: true, fileMustExist: true });
  try {
    assertCurrentVersion(schemaVersionOf(db), `数据文件夹 ${dataDir}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function assertCurrentVersion(found: number, where: string): void {
  if (found > latestSchemaVersion) throw new DatabaseTooNewError(found, latestSchemaVersion);
  if (found < latestSchemaVersion) {
    throw new LuoshiError(
      'unsupported',
      `${where}的数据库版本为 ${found}，低于本程序的版本 ${latestSchemaVersion}。请先用本版本的落实通打开一次（会自动升级），再复制。`,
    );
  }
}

export function* sqliteBatches(db: Database.Database, table: CopyTable, size: number): Generator<Row[]> {
  const statement = db.prepare(
    `SELECT ${table.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.name)} ORDER BY ${table.key.map(quoteIdent).join(', ')}`,
  );
  let batch: Row[] = [];
  for (const row of statement.iterate() as IterableIterator<Row>) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The stored names of the attachments rows refer to, with the sha256 the rows record. */
export function referencedAttachments(db: Database.Database): { storedName: string; sha256: string }[] {
  return db
    .prepare('SELECT stored_name AS storedName, min(sha256) AS sha256 FROM attachments GROUP BY stored_name')
    .all() as {
    storedName: string;
    sha256: string;
  }[];
}

export function attachmentFile(dataDir: string, storedName: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(storedName) || storedName.startsWith('.')) {
    throw new LuoshiError('invalid_input', `附件存储名“${storedName}”不是合法的文件名，复制已停止。`);
  }
  return join(dataPaths(dataDir).attachments, storedName);
}

export function sqliteDigest(db: Database.Database, dataDir: string): TableDigest[] {
  const digest = copyTables().map((table) => {
    const rows: Row[] = [];
    for (const batch of sqliteBatches(db, table, 5_000)) rows.push(...batch);
    return digestTable(table, rows);
  });
  const files = referencedAttachments(db).map(({ storedName }) => {
    const file = attachmentFile(dataDir, storedName);
    return {
      storedName,
      sha256: existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : '（缺失）',
    };
  });
  return [...digest, digestAttachmentContents(files)];
}
