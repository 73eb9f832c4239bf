import { join, resolve } from 'node:path';
import { isPostgresUrl } from '../core/db/postgres/connect';
import type { CoreOptions } from '../core/core';
import { defaultDataDir } from '../core/paths';
import { UsageError, type CliEnvironment } from './command';

/** What `--data-dir` and `--database` (or LUOSHI_DATA_DIR and LUOSHI_DATABASE_URL) name. */
export interface DataLocationValues {
  'data-dir'?: string | undefined;
  database?: string | undefined;
}

/**
 * Where a command's data is: the data folder always (attachments, backups, the audit key beside
 * it), and the database in it (SQLite, the default) or on a PostgreSQL server.
 */
export function dataLocation(
  values: DataLocationValues,
  environment: CliEnvironment,
): Pick<CoreOptions, 'dataDir' | 'databaseUrl' | 'resourcesDir'> {
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir(environment.env));
  const resourcesDir = join(environment.packageRoot, 'resources');
  const url = values.database ?? environment.env.LUOSHI_DATABASE_URL;
  if (url === undefined || url === '') return { dataDir, resourcesDir };
  if (!isPostgresUrl(url)) {
    const where = values.database !== undefined ? '--database' : '环境变量 LUOSHI_DATABASE_URL';
    throw new UsageError(
      `${where} 的值不是 PostgreSQL 连接地址。请写成 postgres://用户名:密码@主机:端口/数据库名；不设置它则使用数据文件夹中的 SQLite 数据库。`,
    );
  }
  return { dataDir, resourcesDir, databaseUrl: url };
}
