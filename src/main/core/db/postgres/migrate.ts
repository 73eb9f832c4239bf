import type pg from 'pg';
import { DatabaseTooNewError, latestSchemaVersion, migrations } from '../migrations';

/**
 * The numbered migration list, run on PostgreSQL: each migration's `postgres` SQL, in order, in
 * one transaction. The version lives in `luoshi_schema` (SQLite keeps it in PRAGMA user_version);
 * that table is locked first, so two processes starting together migrate one after the other.
 */
const schemaVersionTable = 'luoshi_schema';

export async function postgresSchemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1) AS found`,
    [schemaVersionTable],
  );
  if (!exists.rows[0]?.found) return 0;
  const row = await client.query<{ version: number }>(`SELECT version FROM ${schemaVersionTable}`);
  return row.rows[0]?.version ?? 0;
}

export async function migratePostgres(client: pg.ClientBase, target = latestSchemaVersion): Promise<void> {
  await client.query('BEGIN');
  try {
    await applyPostgresMigrations(client, target);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The migrations themselves, inside a transaction the caller holds (db copy builds the schema and the rows in one). */
export async function applyPostgresMigrations(client: pg.ClientBase, target = latestSchemaVersion): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${schemaVersionTable} (version integer NOT NULL)`);
  await client.query(`LOCK TABLE ${schemaVersionTable} IN EXCLUSIVE MODE`);
  const found = await client.query<{ version: number }>(`SELECT version FROM ${schemaVersionTable}`);
  if (found.rows.length === 0) await client.query(`INSERT INTO ${schemaVersionTable} (version) VALUES (0)`);
  const current = found.rows[0]?.version ?? 0;
  if (current > latestSchemaVersion) throw new DatabaseTooNewError(current, latestSchemaVersion);
  for (const migration of migrations.filter((m) => m.version > current && m.version <= target)) {
    if (migration.postgres === undefined) throw new Error(`migration ${migration.name} has no PostgreSQL form`);
    await client.query(migration.postgres);
    await client.query(`UPDATE ${schemaVersionTable} SET version = $1`, [migration.version]);
  }
}
