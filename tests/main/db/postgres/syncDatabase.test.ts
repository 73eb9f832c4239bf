import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase, type WritableDB } from '../../../../src/main/core/db/database';
import { dialectOf } from '../../../../src/main/core/db/dialect';
import { schemaVersionOf, latestSchemaVersion } from '../../../../src/main/core/db/migrations';
import { PostgresDatabase } from '../../../../src/main/core/db/postgres/postgresDatabase';
import { translateParameters } from '../../../../src/main/core/db/postgres/sql';
import { prepared, preparedWrite } from '../../../../src/main/core/store/preparedStatements';
import { startTestCluster, type TestCluster } from '../../../helpers/postgres';

let cluster: TestCluster;
let url: string;
let db: WritableDB;

beforeAll(async () => {
  cluster = await startTestCluster();
  url = await cluster.createDatabase('sync_db');
  db = await openPostgresDatabase(url);
}, 120_000);

afterAll(async () => {
  db?.close();
  await cluster?.stop();
});

describe('SQL parameters for PostgreSQL', () => {
  it('numbers ? and names @x/:x/$x, leaving strings, identifiers, comments and casts alone', () => {
    expect(translateParameters('SELECT ? , \'?\' , "a?" -- ?\n, ?::int').text).toBe(
      'SELECT $1 , \'?\' , "a?" -- ?\n, $2::int',
    );
    const named = translateParameters('INSERT INTO t (a, b, c) VALUES (@a, :b, @a) -- @c');
    expect(named.text).toBe('INSERT INTO t (a, b, c) VALUES ($1, $2, $1) -- @c');
    expect(named.names).toEqual(['a', 'b']);
  });

  it('keeps mixed-case aliases as written (quoted), also where the statement uses them again', () => {
    expect(translateParameters("SELECT t.no AS taskNo, 'AS fooBar' FROM tasks t ORDER BY taskNo, t.taskNo").text).toBe(
      `SELECT t.no AS "taskNo", 'AS fooBar' FROM tasks t ORDER BY "taskNo", t.taskNo`,
    );
    expect(translateParameters('SELECT CAST(id AS TEXT) AS plain FROM t').text).toBe(
      'SELECT CAST(id AS TEXT) AS plain FROM t',
    );
  });
});

describe('the synchronous PostgreSQL connection', () => {
  it('is migrated to the latest schema and says it is PostgreSQL', () => {
    expect(dialectOf(db)).toBe('postgres');
    expect(schemaVersionOf(db as never)).toBe(latestSchemaVersion);
  });

  it('reads values as SQLite gives them: counts and sums as numbers, booleans as 1/0, bytes as Buffers', () => {
    const row = prepared(
      db,
      "SELECT count(*) AS n, sum(x) AS s, 1 = 1 AS yes, 1 = 2 AS no, decode('ff00', 'hex') AS bytes FROM (VALUES (1), (2)) v(x)",
    ).get() as Record<string, unknown>;
    expect(row).toEqual({ n: 2, s: 3, yes: 1, no: 0, bytes: Buffer.from([0xff, 0]) });
    expect(prepared(db, 'SELECT ?::text AS t').pluck().get('汉字')).toBe('汉字');
    expect(prepared(db, 'SELECT 1 WHERE false').get()).toBeUndefined();
  });

  it('refuses a write through the read cache, as on SQLite', () => {
    expect(() => prepared(db, "UPDATE settings SET value = 'x' WHERE key = 'none'")).toThrow(/读语句缓存/);
  });

  it('binds named parameters from an object and reports changed rows', () => {
    db.exec('CREATE TABLE IF NOT EXISTS sync_probe (id bigserial PRIMARY KEY, a text, b bigint)');
    const id = preparedWrite(db, 'INSERT INTO sync_probe (a, b) VALUES (@a, @b) RETURNING id').get({
      a: 'x',
      b: 7,
    }) as { id: number };
    expect(typeof id.id).toBe('number');
    expect(preparedWrite(db, 'UPDATE sync_probe SET b = b + 1 WHERE id = ?').run(id.id).changes).toBe(1);
    expect(() => preparedWrite(db, 'UPDATE sync_probe SET b = 0 WHERE id = ?').run(id.id).lastInsertRowid).toThrow(
      /RETURNING/,
    );
  });

  it('rolls a failed transaction back, and a failed nested step back to its savepoint only', () => {
    db.exec('CREATE TABLE IF NOT EXISTS sync_tx (v text PRIMARY KEY)');
    const insert = preparedWrite(db, 'INSERT INTO sync_tx (v) VALUES (?)');
    expect(() =>
      db
        .transaction(() => {
          insert.run('a');
          throw new Error('stop');
        })
        .immediate(),
    ).toThrow('stop');
    expect(prepared(db, 'SELECT count(*) FROM sync_tx').pluck().get()).toBe(0);
    db.transaction(() => {
      insert.run('b');
      expect(() =>
        db.transaction(() => {
          insert.run('c');
          insert.run('c');
        })(),
      ).toThrow(/duplicate key/);
      insert.run('d');
    }).immediate();
    expect(prepared(db, 'SELECT v FROM sync_tx ORDER BY v').pluck().all()).toEqual(['b', 'd']);
    expect(db.inTransaction).toBe(false);
  });

  it('serializes writers across connections: a second writer waits for the first one’s lock', () => {
    const other = new PostgresDatabase(url, { statementTimeoutMs: 300 });
    try {
      db.transaction(() => {
        // While this transaction holds the writers' lock, the other connection cannot start one.
        expect(() => other.transaction(() => 1).immediate()).toThrow(/statement timeout/);
        // Plain reads are not held up by it.
        expect(other.prepare('SELECT count(*) AS n FROM sync_tx').pluck().get()).toBe(2);
      }).immediate();
      expect(other.transaction(() => 2).immediate()).toBe(2);
    } finally {
      other.close();
    }
  });

  it('opens a new connection after the old one was cut, but never in the middle of a transaction', () => {
    const other = new PostgresDatabase(url);
    const pid = () => other.prepare('SELECT pg_backend_pid() AS pid').pluck().get() as number;
    const cut = (victim: number) => db.prepare('SELECT pg_terminate_backend(?::int) AS done').pluck().get(victim);
    try {
      const first = pid();
      expect(cut(first)).toBe(1);
      // The statement after the cut either fails once (the fault is seen) or already reconnects; then it works.
      let second: number | undefined;
      for (let attempt = 0; attempt < 2 && second === undefined; attempt += 1) {
        try {
          second = pid();
        } catch {
          // the broken connection answered this one
        }
      }
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      // Cut inside a transaction: the transaction fails as a whole, nothing of it is written.
      other.exec('CREATE TABLE IF NOT EXISTS sync_cut (v text)');
      const victim = pid();
      expect(() =>
        other
          .transaction(() => {
            other.prepare("INSERT INTO sync_cut (v) VALUES ('a')").run();
            cut(victim);
            other.prepare("INSERT INTO sync_cut (v) VALUES ('b')").run();
          })
          .immediate(),
      ).toThrow();
      expect(db.prepare('SELECT count(*) FROM sync_cut').pluck().get()).toBe(0);
      expect(other.prepare('SELECT 1 AS one').pluck().get()).toBe(1);
    } finally {
      other.close();
    }
  });

  it('says clearly when the server cannot be reached', () => {
    expect(() => new PostgresDatabase('postgres://postgres@127.0.0.1:1/none', { connectTimeoutMs: 2000 })).toThrow(
      /无法连接 PostgreSQL 服务器/,
    );
  });
});
