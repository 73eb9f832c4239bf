import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { dataPaths } from '../../src/main/core/paths';
import { PostgresDatabase } from '../../src/main/core/db/postgres/postgresDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by postgresGlobalSetup.ts in the `postgres` project only. */
    postgresClusterUrl?: string;
  }
}

export const templateDatabase = 'luoshi_template';

/** In the `postgres` project, a fresh migrated database for one core; elsewhere undefined (SQLite). */
export function testDatabaseUrl(): { url: string; drop: () => void } | undefined {
  const clusterUrl = inject('postgresClusterUrl');
  if (!clusterUrl) return undefined;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new PostgresDatabase(clusterUrl);
  try {
    admin.exec(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`);
  } finally {
    admin.close();
  }
  const url = clusterUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: () => {
      const again = new PostgresDatabase(clusterUrl);
      try {
        again.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        again.close();
      }
    },
  };
}

const databaseOfFolder = new Map<string, string>();

/**
 * The CoreOptions field for this project's engine. The folder is remembered with its database, so
 * a CLI call on `--data-dir folder` (cliRunner.ts) reaches the same data on PostgreSQL.
 */
export function testEngineOptions(database: { url: string } | undefined, dataDir?: string): { databaseUrl?: string } {
  if (!database) return {};
  if (dataDir !== undefined) databaseOfFolder.set(resolve(dataDir), database.url);
  return { databaseUrl: database.url };
}

/** The PostgreSQL database a test world keeps beside `dataDir`, if any. */
export function testDatabaseOfFolder(dataDir: string): string | undefined {
  return databaseOfFolder.get(resolve(dataDir));
}

/** A read handle on a test folder's database, whichever engine the project runs on. */
export function openFolderDatabase(dataDir: string): {
  prepare(sql: string): { all(...args: unknown[]): unknown[] };
  close(): void;
} {
  const url = testDatabaseOfFolder(dataDir);
  if (url !== undefined) return new PostgresDatabase(url);
  return new Database(dataPaths(dataDir).database, { readonly: true });
}
