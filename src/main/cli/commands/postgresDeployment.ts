import { auditFolderOf } from '../../core/audit/auditKey';
import type { CliEnvironment } from '../command';
import { dataLocation, type DataLocationValues } from '../dataLocation';

export interface PostgresDeployment {
  url: string;
  /** The deployment's data folder: no database, only what is not in it (the audit key beside it). */
  dataDir: string;
  /** `<dataDir>.audit`: the audit key and the witnesses of the audit head. */
  auditFolder: string;
}

/**
 * The PostgreSQL deployment a command works on (`--database` or LUOSHI_DATABASE_URL, read by
 * dataLocation.ts as every command reads them), or null for the data folder's SQLite database. As
 * for `luoshi serve` on PostgreSQL (core.ts, CoreOptions.databaseUrl), the deployment still has a
 * data folder, and its audit key is the one beside that folder (`<folder>.audit/key`): never in
 * the database.
 */
export function postgresDeploymentOf(
  values: DataLocationValues,
  environment: CliEnvironment,
): PostgresDeployment | null {
  const location = dataLocation(values, environment);
  if (location.databaseUrl === undefined) return null;
  return { url: location.databaseUrl, dataDir: location.dataDir, auditFolder: auditFolderOf(location.dataDir) };
}
