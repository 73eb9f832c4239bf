import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDigest } from '../../../../src/main/core/db/copy/sqliteSide';
import { formatDigest } from '../../../../src/main/core/db/copy';
import { connectPostgres } from '../../../../src/main/core/db/postgres/connect';
import { PostgresDatabase } from '../../../../src/main/core/db/postgres/postgresDatabase';
import type { WritableDB } from '../../../../src/main/core/db/database';
import { searchDocuments } from '../../../../src/main/core/store/searchStore';
import { runCliCaptured } from '../../../helpers/cliRunner';
import { startTestCluster, type TestCluster } from '../../../helpers/postgres';
import { makeTempDir } from '../../../helpers/tempDir';
import { createWorld, type TestWorld } from '../../workflow/helpers';
import { fillDemoSource } from './demoSource';

/**
 * `luoshi db copy` round trip: a district's data folder (demo history with filed reports, an
 * audit trail under a key, attachments) → PostgreSQL → a new data folder gives the same
 * table-by-table digest, the same attachment bytes, and an audit trail that verifies.
 */
let cluster: TestCluster;
let world: TestWorld;
let source: string;
let target: { dir: string; cleanup: () => void };
let url: string;
const pdf = Buffer.from('%PDF-1.7\n托育机构名单（测试附件）\n');

function digestLines(out: string): string[] {
  return out.split('\n').filter((line) => /^ {2}\S.*\d+ 行 {2}[0-9a-f]{64}$/.test(line));
}

function digestOfFolder(dir: string): string[] {
  const db = new Database(join(dir, 'luoshi.db'), { readonly: true });
  try {
    return formatDigest(sqliteDigest(db, dir));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  url = await cluster.createDatabase('district');
  world = await createWorld();
  const core = world.core;
  fillDemoSource(world, { names: ['托育机构名单.pdf', '名单副本.pdf'], bytes: pdf });
  core.search.indexPlan();
  core.search.catchUpReports();
  source = core.paths.dataDir;
  core.close();
  target = makeTempDir('luoshi-pg-back-');
}, 60_000);

afterAll(async () => {
  world?.cleanup();
  target?.cleanup();
  await cluster?.stop();
});

describe('luoshi db copy', () => {
  let forward: string[] = [];

  it('copies a data folder into an empty PostgreSQL database and prints a digest equal to the source', async () => {
    const result = await runCliCaptured(['db', 'copy', '--from', source, '--to', url]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    forward = digestLines(result.out);
    expect(forward).toEqual(digestOfFolder(source));
    expect(forward.find((line) => line.includes('audit_log'))).toMatch(/audit_log\s+\d{2,} 行/);
    expect(forward.find((line) => line.includes('附件内容'))).toMatch(/ 1 行/);
    expect(result.out).toContain('审计密钥不写入 PostgreSQL');

    const client = await connectPostgres(url);
    try {
      const counts = await client.query<{ n: number }>('SELECT count(*)::bigint AS n FROM attachment_files');
      expect(counts.rows[0]?.n).toBe(1);
      const db = new Database(join(source, 'luoshi.db'), { readonly: true });
      // The store's search, on the synchronous PostgreSQL connection the services use.
      const pgDb = new PostgresDatabase(url) as unknown as WritableDB;
      try {
        for (const query of ['托育', '服务', '建设 工作']) {
          expect([query, searchDocuments(pgDb, query, [], 20)]).toEqual([query, searchDocuments(db, query, [], 20)]);
        }
        expect(searchDocuments(pgDb, '托育', [], 20).length).toBeGreaterThan(0);
      } finally {
        pgDb.close();
        db.close();
      }
      // New rows on PostgreSQL get ids after the copied ones.
      const next = await client.query<{ id: number; max: number }>(
        `WITH m AS (SELECT max(id) AS max FROM reminders) SELECT nextval(pg_get_serial_sequence('reminders', 'id')) AS id, (SELECT max FROM m) AS max`,
      );
      expect(next.rows[0]!.id).toBeGreaterThan(next.rows[0]!.max ?? 0);
    } finally {
      await client.end();
    }
  }, 40_000);

  it('refuses a database that is not empty unless --force, and replaces it with --force (in small batches)', async () => {
    const refused = await runCliCaptured(['db', 'copy', '--from', source, '--to', url]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/目标数据库 .* 不是空的.*--force/);
    // Small batches: many INSERTs per table, the same result.
    const forced = await runCliCaptured(['db', 'copy', '--from', source, '--to', url, '--force', '--batch-size', '7']);
    expect(forced.err).toBe('');
    expect(digestLines(forced.out)).toEqual(forward);
  }, 40_000);

  it('copies back into a new data folder with the same digest, attachment bytes and a verifying audit trail', async () => {
    const back = await runCliCaptured(['db', 'copy', '--from', url, '--to', target.dir]);
    expect(back.err).toBe('');
    expect(back.code).toBe(0);
    expect(digestLines(back.out)).toEqual(forward);
    expect(digestOfFolder(target.dir)).toEqual(digestOfFolder(source));
    expect(back.out).toContain('目标文件夹旁没有审计密钥');
    const stored = join(target.dir, 'attachments');
    const copied = new Database(join(target.dir, 'luoshi.db'), { readonly: true });
    const names = copied.prepare('SELECT DISTINCT stored_name FROM attachments').pluck().all() as string[];
    const hits = searchDocuments(copied, '托育', [], 20);
    copied.close();
    expect(hits.length).toBeGreaterThan(0);
    expect(names).toHaveLength(1);
    expect(readFileSync(join(stored, names[0]!))).toEqual(pdf);

    // The key is not data: the operator carries it beside the new folder, then the trail verifies.
    mkdirSync(`${target.dir}.audit`, { recursive: true });
    copyFileSync(`${source}.audit/key`, `${target.dir}.audit/key`);
    const verify = await runCliCaptured(['audit', 'verify', '--data-dir', target.dir]);
    expect(verify.err).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/校验通过|完好/);
  }, 40_000);

  it('refuses a data folder that already has a database unless --force, and replaces it (in small batches)', async () => {
    const refused = await runCliCaptured(['db', 'copy', '--from', url, '--to', target.dir]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/已有数据库 luoshi\.db.*--force/);
    // Small batches: keyset paging over every primary key (report_parties has four columns), the same result.
    const forced = await runCliCaptured([
      'db',
      'copy',
      '--from',
      url,
      '--to',
      target.dir,
      '--force',
      '--batch-size',
      '7',
    ]);
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    expect(digestLines(forced.out)).toEqual(forward);
    expect(existsSync(join(target.dir, 'luoshi.db-wal'))).toBe(false);
  }, 40_000);

  it('says plainly when the server cannot be reached or the folder has no database', async () => {
    const unreachable = await runCliCaptured([
      'db',
      'copy',
      '--from',
      source,
      '--to',
      'postgres://postgres@127.0.0.1:1/luoshi',
    ]);
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.err).toContain('无法连接 PostgreSQL 服务器 postgres://postgres@127.0.0.1:1/luoshi');
    const empty = makeTempDir();
    try {
      const missing = await runCliCaptured(['db', 'copy', '--from', empty.dir, '--to', url, '--force']);
      expect(missing.code).not.toBe(0);
      expect(missing.err).toContain('中没有数据库文件 luoshi.db');
    } finally {
      empty.cleanup();
    }
    const usage = await runCliCaptured(['db', 'copy', '--from', source, '--to', target.dir]);
    expect(usage.code).not.toBe(0);
    expect(usage.err).toContain('一边是数据文件夹');
  }, 40_000);

  it('refuses a source whose audit trail was changed, and leaves the target as it was', async () => {
    const copy = makeTempDir('luoshi-pg-tampered-');
    try {
      cpSync(source, copy.dir, { recursive: true });
      cpSync(`${source}.audit`, `${copy.dir}.audit`, { recursive: true });
      const db = new Database(join(copy.dir, 'luoshi.db'));
      db.prepare(`UPDATE audit_log SET opinion = '改过' WHERE id = 3`).run();
      db.close();
      const tamperedUrl = await cluster.createDatabase('tampered');
      const refused = await runCliCaptured(['db', 'copy', '--from', copy.dir, '--to', tamperedUrl]);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toContain('源数据的审计记录未通过校验');
      expect(refused.err).toContain('第 3 条');

      // Changed on the PostgreSQL side: the copy back is refused and the folder keeps its database.
      const client = await connectPostgres(url);
      try {
        await client.query(`UPDATE audit_log SET opinion = '改过' WHERE id = 3`);
      } finally {
        await client.end();
      }
      const before = digestOfFolder(target.dir);
      const back = await runCliCaptured(['db', 'copy', '--from', url, '--to', target.dir, '--force']);
      expect(back.code).not.toBe(0);
      expect(back.err).toContain('复制到的审计记录未通过校验');
      expect(digestOfFolder(target.dir)).toEqual(before);
    } finally {
      copy.cleanup();
    }
  }, 40_000);
});
