import { postgresAuditFolder } from '../../core/audit/postgresAuditFolder';
import { isPostgresUrl } from '../../core/db/postgres/connect';
import { UsageError, type Options } from '../command';

/** The flags of a command that works on a data folder or on a PostgreSQL deployment. */
export const postgresDeploymentOptions = {
  database: { type: 'string' },
  'audit-key-dir': { type: 'string' },
} as const satisfies Options;

export interface PostgresDeployment {
  url: string;
  /** The folder with the deployment's audit key and witnesses (audit/postgresAuditFolder.ts). */
  auditFolder: string;
}

/**
 * Which deployment a command works on: `--database postgres://…`, else a data folder when
 * `--data-dir` is given, else `LUOSHI_DATABASE_URL` when set, else the default data folder (null).
 */
export function postgresDeploymentOf(
  command: string,
  values: { database?: string | undefined; 'data-dir'?: string | undefined; 'audit-key-dir'?: string | undefined },
  env: NodeJS.ProcessEnv,
): PostgresDeployment | null {
  if (values.database !== undefined && values['data-dir'] !== undefined)
    throw new UsageError(
      `${command}：--database 与 --data-dir 只能指定一个（前者是 PostgreSQL 数据库，后者是数据文件夹）。`,
    );
  const url = values.database ?? (values['data-dir'] === undefined ? env.LUOSHI_DATABASE_URL || undefined : undefined);
  if (url === undefined) {
    if (values['audit-key-dir'] !== undefined)
      throw new UsageError(
        `${command}：--audit-key-dir 只用于 PostgreSQL 部署（与 --database 一起使用）；数据文件夹的审计密钥在文件夹旁的 .audit 中。`,
      );
    return null;
  }
  if (!isPostgresUrl(url)) {
    const where = values.database !== undefined ? '--database' : '环境变量 LUOSHI_DATABASE_URL';
    throw new UsageError(
      `${command}：${where} 的值不是 PostgreSQL 连接地址，请写成 postgres://用户名:密码@主机:端口/数据库名。`,
    );
  }
  return { url, auditFolder: postgresAuditFolder(url, { auditKeyDir: values['audit-key-dir'], env }) };
}
