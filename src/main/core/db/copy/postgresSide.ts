import { createHash } from 'node:crypto';
import type pg from 'pg';
import { digestAttachmentContents, digestTable, type Row, type TableDigest } from './digest';
import { copyTables, quoteIdent, type CopyTable } from './tables';

/** A table's rows in key order, a batch at a time (keyset paging: no OFFSET rescans). */
export async function* postgresBatches(client: pg.ClientBase, table: CopyTable, size: number): AsyncGenerator<Row[]> {
  const columns = table.columns.map(quoteIdent).join(', ');
  const key = table.key.map(quoteIdent);
  let last: unknown[] | null = null;
  for (;;) {
    const params: unknown[] = [];
    let where = '';
    if (last) {
      params.push(...last);
      where = `WHERE (${key.join(', ')}) > (${last.map((_, i) => `$${i + 1}`).join(', ')})`;
    }
    params.push(size);
    const result = await client.query<Row>(
      `SELECT ${columns} FROM ${quoteIdent(table.name)} ${where} ORDER BY ${key.join(', ')} LIMIT $${params.length}`,
      params,
    );
    if (result.rows.length === 0) return;
    yield result.rows;
    if (result.rows.length < size) return;
    const tail = result.rows[result.rows.length - 1]!;
    last = table.key.map((column) => tail[column]);
  }
}

export async function insertPostgresBatch(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${columns
        .map((column) => {
          params.push(row[column] ?? null);
          return `$${params.length}`;
        })
        .join(', ')})`,
  );
  await client.query(
    `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) VALUES ${tuples.join(', ')}`,
    params,
  );
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
export function batchSizeFor(columns: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(60_000 / columns)));
}

export async function postgresDigest(client: pg.ClientBase): Promise<TableDigest[]> {
  const digest: TableDigest[] = [];
  for (const table of copyTables()) {
    const rows: Row[] = [];
    for await (const batch of postgresBatches(client, table, 5_000)) rows.push(...batch);
    digest.push(digestTable(table, rows));
  }
  const referenced = await client.query<{ stored_name: string }>('SELECT DISTINCT stored_name FROM attachments');
  const files: { storedName: string; sha256: string }[] = [];
  for (const { stored_name: storedName } of referenced.rows) {
    const found = await client.query<{ content: Buffer }>(
      'SELECT content FROM attachment_files WHERE stored_name = $1',
      [storedName],
    );
    const content = found.rows[0]?.content;
    files.push({ storedName, sha256: content ? createHash('sha256').update(content).digest('hex') : '（缺失）' });
  }
  digest.push(digestAttachmentContents(files));
  return digest;
}

/** Luoshi's tables and functions on PostgreSQL, for `--force` (the audit trigger blocks TRUNCATE, not DROP). */
export async function dropLuoshiObjects(client: pg.ClientBase): Promise<void> {
  const names = [...copyTables().map((t) => t.name), 'search_grams', 'attachment_files', 'luoshi_schema'];
  await client.query(`DROP TABLE IF EXISTS ${names.map(quoteIdent).join(', ')} CASCADE`);
  await client.query('DROP FUNCTION IF EXISTS reports_filed_frozen() CASCADE');
  await client.query('DROP FUNCTION IF EXISTS audit_log_no_delete() CASCADE');
}

export async function userTablesIn(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return result.rows.map((r) => r.table_name);
}
