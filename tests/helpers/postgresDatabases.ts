import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
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

/** The CoreOptions field for this project's engine. */
export function testEngineOptions(database: { url: string } | undefined): { databaseUrl?: string } {
  return database ? { databaseUrl: database.url } : {};
}
