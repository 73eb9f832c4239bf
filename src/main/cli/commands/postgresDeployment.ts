import { resolve } from 'node:path';
import { auditFolderOf } from '../../core/audit/auditKey';
import { isPostgresUrl } from '../../core/db/postgres/connect';
import { defaultDataDir } from '../../core/paths';
import { UsageError, type Options } from '../command';

/** The flag of a command that works on a data folder or on a PostgreSQL deployment. */
export const postgresDeploymentOptions = {
  database: { type: 'string' },
} as const satisfies Options;

export interface PostgresDeployment {
  url: string;
  /** The deployment's data folder: no database, only what is not in it (the audit key beside it). */
  dataDir: string;
  /** `<dataDir>.audit`: the audit key and the witnesses of the audit head. */
  auditFolder: string;
}

/**
 * Which deployment a command works on: a PostgreSQL database when `--database postgres://…` is
 * given or `LUOSHI_DATABASE_URL` is set, else (null) the data folder's SQLite database. As for
 * `luoshi serve` on PostgreSQL (core.ts, CoreOptions.databaseUrl), the deployment still has a data
 * folder (`--data-dir`, `LUOSHI_DATA_DIR` or the user's), and its audit key is the one beside that
 * folder (`<folder>.audit/key`): never in the database.
 */
export function postgresDeploymentOf(
  command: string,
  values: { database?: string | undefined; 'data-dir'?: string | undefined },
  env: NodeJS.ProcessEnv,
): PostgresDeployment | null {
  const url = values.database ?? (env.LUOSHI_DATABASE_URL || undefined);
  if (url === undefined) return null;
  if (!isPostgresUrl(url)) {
    const where = values.database !== undefined ? '--database' : '环境变量 LUOSHI_DATABASE_URL';
    throw new UsageError(
      `${command}：${where} 的值不是 PostgreSQL 连接地址，请写成 postgres://用户名:密码@主机:端口/数据库名。`,
    );
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir(env));
  return { url, dataDir, auditFolder: auditFolderOf(dataDir) };
}
