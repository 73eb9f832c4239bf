import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../../src/main/core/db/postgres/connect';
import { migratePostgres } from '../../../src/main/core/db/postgres/migrate';
import { attachmentRowSql } from '../../../src/main/core/files/postgresAttachmentStore';
import { sha256Of } from '../../../src/main/core/files/wholeFile';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';

/**
 * The PostgreSQL attachment store's statements, exactly as the store runs them, against a real
 * cluster. The store itself is synchronous over the core's WritableDB; here the same SQL runs on
 * the async `pg` client, its `?` numbered as PostgreSQL wants (no statement has a `?` in a string).
 */
let cluster: TestCluster;
let client: pg.Client;

function run<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<T>> {
  let n = 0;
  return client.query<T>(
    sql.replace(/\?/g, () => `$${(n += 1)}`),
    params,
  );
}

const pdf = Buffer.from('%PDF-1.7\n附件存储（PostgreSQL）\n');
const hash = sha256Of(pdf);

beforeAll(async () => {
  cluster = await startTestCluster();
  client = await connectPostgres(await cluster.createDatabase('store'));
  await migratePostgres(client);
}, 60_000);

afterAll(async () => {
  await client?.end();
  await cluster?.stop();
});

describe('the PostgreSQL attachment store statements', () => {
  it('store bytes as bytea, read them back byte for byte, and find them by name', async () => {
    expect((await run(attachmentRowSql.has, [hash])).rows).toEqual([]);
    await run(attachmentRowSql.put, [hash, pdf.length, pdf]);
    const read = await run<{ content: Buffer }>(attachmentRowSql.read, [hash]);
    expect(read.rows[0]?.content).toEqual(pdf);
    expect((await run(attachmentRowSql.has, [hash])).rows).toHaveLength(1);
    const size = await client.query<{ size: number }>('SELECT size FROM attachment_files WHERE stored_name = $1', [
      hash,
    ]);
    expect(size.rows[0]?.size).toBe(pdf.length);
  });

  it('replace a row whose content changed, and put the same bytes twice without error', async () => {
    await client.query(`UPDATE attachment_files SET content = 'damaged'::bytea, size = 7 WHERE stored_name = $1`, [
      hash,
    ]);
    await run(attachmentRowSql.put, [hash, pdf.length, pdf]);
    await run(attachmentRowSql.put, [hash, pdf.length, pdf]);
    const read = await run<{ content: Buffer; size: number }>(
      'SELECT content, size FROM attachment_files WHERE stored_name = ?',
      [hash],
    );
    expect(read.rows).toEqual([{ content: pdf, size: pdf.length }]);
  });

  it('remove bytes only while no attachment row refers to them, and roll back with the transaction', async () => {
    await client.query('BEGIN');
    try {
      // The row's report does not exist: the key is checked at commit, and this transaction never commits.
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      await run(
        `INSERT INTO attachments (report_id, file_name, size, sha256, stored_name, uploaded_at) VALUES (1, '名单.pdf', ?, ?, ?, '2025-10-08T00:00:00Z')`,
        [pdf.length, hash, hash],
      );
      await run(attachmentRowSql.remove, [hash]);
      expect((await run(attachmentRowSql.has, [hash])).rows).toHaveLength(1);
      await client.query(`DELETE FROM attachments`);
      await run(attachmentRowSql.remove, [hash]);
      expect((await run(attachmentRowSql.has, [hash])).rows).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
    }
    expect((await run(attachmentRowSql.has, [hash])).rows).toHaveLength(1);
  });

  it('list names sorted and remove one (removing a missing one is no error)', async () => {
    const other = Buffer.from('第二个附件');
    await run(attachmentRowSql.put, [sha256Of(other), other.length, other]);
    const names = await run<{ stored_name: string }>(attachmentRowSql.names);
    expect(names.rows.map((row) => row.stored_name)).toEqual([hash, sha256Of(other)].sort());
    await run(attachmentRowSql.remove, [hash]);
    await run(attachmentRowSql.remove, [hash]);
    const after = await run<{ stored_name: string }>(attachmentRowSql.names);
    expect(after.rows.map((row) => row.stored_name)).toEqual([sha256Of(other)]);
  });
});
