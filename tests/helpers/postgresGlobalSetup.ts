import type { TestProject } from 'vitest/node';
import { connectPostgres } from '../../src/main/core/db/postgres/connect';
import { migratePostgres } from '../../src/main/core/db/postgres/migrate';
import { startTestCluster, type TestCluster } from './postgres';
import { templateDatabase } from './postgresDatabases';

/**
 * The `postgres` test project: one throwaway cluster for the whole run, with a migrated template
 * database; every core a test opens gets a fresh copy of it (postgresDatabases.ts), so the same
 * integration tests that run on SQLite run here on PostgreSQL.
 */
let cluster: TestCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startTestCluster();
  const templateUrl = await cluster.createDatabase(templateDatabase);
  const client = await connectPostgres(templateUrl);
  try {
    await migratePostgres(client);
  } finally {
    await client.end();
  }
  project.provide('postgresClusterUrl', cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
