import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrations, latestSchemaVersion } from '../../../../src/main/core/db/migrations';
import { connectPostgres } from '../../../../src/main/core/db/postgres/connect';
import { migratePostgres, postgresSchemaVersion } from '../../../../src/main/core/db/postgres/migrate';
import { PostgresDatabase } from '../../../../src/main/core/db/postgres/postgresDatabase';
import type { WritableDB } from '../../../../src/main/core/db/database';
import {
  searchDocuments,
  upsertSearchDocument,
  type SearchDocument,
} from '../../../../src/main/core/store/searchStore';
import { startTestCluster, type TestCluster } from '../../../helpers/postgres';

/**
 * Every migration has a PostgreSQL form, and 0001–latest applied to a real PostgreSQL gives the
 * schema SQLite has: the same tables and columns (types mapped, NOT NULL kept) and indexes, plus
 * the two PostgreSQL-only tables that stand in for SQLite-only things.
 */
let cluster: TestCluster;
let databaseCount = 0;

let lastUrl = '';

async function freshDatabase(): Promise<pg.Client> {
  databaseCount += 1;
  lastUrl = await cluster.createDatabase(`schema_${databaseCount}`);
  return connectPostgres(lastUrl);
}

beforeAll(async () => {
  cluster = await startTestCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const typeMap: Record<string, string> = { INTEGER: 'bigint', REAL: 'double precision', TEXT: 'text' };
/** Tables only one engine has: FTS5 (with its shadow tables) on SQLite; the token array and attachment bytes on PostgreSQL. */
const sqliteOnly = (table: string) => table === 'search_fts' || table.startsWith('search_fts_');
const postgresOnly = new Set(['search_grams', 'attachment_files', 'luoshi_schema']);

function sqliteShape(): Map<string, string[]> {
  const db = openMemoryDatabase();
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const shape = new Map<string, string[]>();
  for (const table of tables.filter((t) => !sqliteOnly(t))) {
    const columns = db
      .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid')
      .all(table) as { name: string; type: string; notnull: number; pk: number }[];
    // A primary key is NOT NULL on PostgreSQL; SQLite reports 0 for it (rowid aliases never are null).
    shape.set(
      table,
      columns.map((c) => `${c.name} ${typeMap[c.type] ?? `?${c.type}`}${c.notnull || c.pk ? ' not null' : ''}`).sort(),
    );
  }
  db.close();
  return shape;
}

async function postgresShape(client: pg.Client): Promise<Map<string, string[]>> {
  const rows = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const shape = new Map<string, string[]>();
  for (const r of rows.rows) {
    if (postgresOnly.has(r.table_name)) continue;
    const list = shape.get(r.table_name) ?? [];
    list.push(`${r.column_name} ${r.data_type}${r.is_nullable === 'NO' ? ' not null' : ''}`);
    shape.set(r.table_name, list);
  }
  for (const list of shape.values()) list.sort();
  return shape;
}

describe('PostgreSQL schema from the numbered migrations', () => {
  it('gives every migration a PostgreSQL form', () => {
    for (const migration of migrations) {
      expect(
        migration.postgres,
        `${migration.name}: add its PostgreSQL form (the postgres field) next to the SQLite one`,
      ).toEqual(expect.any(String));
    }
  });

  it('applies 0001–latest and matches SQLite table by table, column by column', async () => {
    const client = await freshDatabase();
    try {
      await migratePostgres(client);
      expect(await postgresSchemaVersion(client)).toBe(latestSchemaVersion);
      const sqlite = sqliteShape();
      const postgres = await postgresShape(client);
      expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
      for (const [table, columns] of sqlite) expect([table, postgres.get(table)]).toEqual([table, columns]);
      const pgOnly = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)`,
        [[...postgresOnly]],
      );
      expect(pgOnly.rows.map((r) => r.table_name).sort()).toEqual([...postgresOnly].sort());

      const db = openMemoryDatabase();
      const sqliteViews = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'view'").pluck().all() as string[];
      const pgViews = (
        await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()',
        )
      ).rows.map((r) => r.table_name);
      expect(pgViews.sort()).toEqual(sqliteViews.sort());
      const sqliteIndexes = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        .pluck()
        .all() as string[];
      db.close();
      const pgIndexes = (
        await client.query<{ indexname: string }>(
          'SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()',
        )
      ).rows.map((r) => r.indexname);
      expect(sqliteIndexes.length).toBeGreaterThan(10);
      for (const index of sqliteIndexes) expect(pgIndexes, index).toContain(index);

      // Migrating again is a no-op.
      await migratePostgres(client);
      expect(await postgresSchemaVersion(client)).toBe(latestSchemaVersion);
    } finally {
      await client.end();
    }
  }, 30_000);

  it('keeps the rules SQLite enforces: filed reports frozen, audit append-only, usernames unique without case', async () => {
    const client = await freshDatabase();
    try {
      await migratePostgres(client);
      const now = '2026-01-01T00:00:00.000Z';
      await client.query(
        `INSERT INTO users (username, display_name, password_hash, created_at, updated_at) VALUES ('Zhang', '张', 'x', $1, $1)`,
        [now],
      );
      await expect(
        client.query(
          `INSERT INTO users (username, display_name, password_hash, created_at, updated_at) VALUES ('zhang', '张', 'x', $1, $1)`,
          [now],
        ),
      ).rejects.toThrow(/users_username_nocase/);
      await client.query(
        `INSERT INTO rounds (year, quarter, deadline, status, opened_at, warnings_json) VALUES (2026, 1, $1, 'open', $1, '[]')`,
        [now],
      );
      await client.query(
        `INSERT INTO reports (round_id, kind, subject_key, revision, state, machine_id, machine_version, snapshot_json, version, created_at, updated_at)
         VALUES (1, 'compiled', 'compiled', 1, 'filed', 'm', 1, '{}', 1, $1, $1)`,
        [now],
      );
      await expect(client.query(`UPDATE reports SET progress = 'x'`)).rejects.toThrow(/a filed report never changes/);
      await client.query(
        `INSERT INTO audit_log (at, actor_name, subject_type, event, opinion, details_json, prev_hash, hash) VALUES ($1, 'a', 's', 'e', '', '{}', '', 'h')`,
        [now],
      );
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      await expect(client.query(`UPDATE rounds SET quarter = 5`)).rejects.toThrow(/check constraint/);
    } finally {
      await client.end();
    }
  }, 30_000);

  it('0007 widens the comparator check in place, keeping rows and the foreign keys to them', async () => {
    const client = await freshDatabase();
    try {
      await migratePostgres(client, 6);
      await client.query(`INSERT INTO plans (issuer, title, created_at) VALUES ('区政府', '方案', 'now')`);
      await client.query(
        `INSERT INTO indicators (id, plan_id, position, metric, comparator, value, unit, source_text) VALUES (7, 1, 1, '覆盖率', 'gte', 90, '%', '不低于90%')`,
      );
      await expect(
        client.query(
          `INSERT INTO indicators (plan_id, position, metric, comparator, value, unit, source_text) VALUES (1, 2, 'x', 'approx', 55, '%', '约为55%')`,
        ),
      ).rejects.toThrow(/indicators_comparator_check/);
      await migratePostgres(client, 7);
      await client.query(
        `INSERT INTO indicators (plan_id, position, metric, comparator, value, unit, source_text) VALUES (1, 2, 'x', 'approx', 55, '%', '约为55%')`,
      );
      const rows = await client.query<{ id: number; comparator: string }>(
        'SELECT id, comparator FROM indicators ORDER BY position',
      );
      expect(rows.rows[0]).toEqual({ id: 7, comparator: 'gte' });
      expect(rows.rows[1]?.comparator).toBe('approx');
      await expect(client.query(`UPDATE indicators SET comparator = 'about'`)).rejects.toThrow(
        /indicators_comparator_check/,
      );
    } finally {
      await client.end();
    }
  }, 30_000);

  it('searches Chinese text as SQLite does: two-character words are found, through the token index', async () => {
    const client = await freshDatabase();
    const db = openMemoryDatabase();
    const url = lastUrl;
    try {
      await migratePostgres(client);
      // The store's own search functions, on the synchronous PostgreSQL connection the services use.
      const pgDb = new PostgresDatabase(url) as unknown as WritableDB;
      const docs: SearchDocument[] = [
        { kind: 'task', refId: 1, title: '推进托育服务体系建设', body: '新增普惠性托育机构3家' },
        { kind: 'task', refId: 2, title: '养老服务', body: '社区养老服务中心覆盖率达到90%' },
        { kind: 'project', refId: 3, title: '5G基站建设', body: 'Smart City 智慧城市' },
        { kind: 'unit', refId: 4, title: '区教育局', body: '' },
        { kind: 'report', refId: 5, title: '一季度进展', body: '托育机构建设已完成选址，服务人群约200户' },
      ];
      for (const [i, doc] of docs.entries()) {
        const at = `2026-01-0${i + 1}T00:00:00.000Z`;
        upsertSearchDocument(db, doc, at);
        upsertSearchDocument(pgDb, doc, at);
      }
      const queries = [
        '托育',
        '服务',
        '养老服务',
        '托育 建设',
        '育',
        '教育',
        '5G基站',
        'smart',
        'Smart',
        '智慧',
        '机构3家',
        '不存在',
        '服 务',
      ];
      for (const query of queries) {
        const expected = searchDocuments(db, query, [], 50);
        expect([query, searchDocuments(pgDb, query, [], 50)]).toEqual([query, expected]);
      }
      expect(searchDocuments(pgDb, '托育', [], 50).map((h) => h.refId)).toEqual([5, 1]);
      expect(searchDocuments(pgDb, '服务', ['task'], 50).map((h) => h.refId)).toEqual([2, 1]);
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT doc_id FROM search_grams WHERE grams @> ARRAY['托育']::text[]`,
      );
      await client.query('SET enable_seqscan = off');
      const forced = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT doc_id FROM search_grams WHERE grams @> ARRAY['托育']::text[]`,
      );
      expect(plan.rows.length).toBeGreaterThan(0);
      expect(forced.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/search_grams_by_gram/);
      pgDb.close();
    } finally {
      db.close();
      await client.end();
    }
  }, 30_000);
});
