import pg from 'pg';
import { LuoshiError } from '../../../../shared/errors';

/**
 * One PostgreSQL connection for the core. bigint (int8) comes back as a JS number, as SQLite's
 * INTEGER does: every id, count and size Luoshi stores is far below 2^53, and a value that is not
 * is refused rather than silently rounded.
 */
const int8Oid = 20;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new LuoshiError('internal', `数据库中的整数 ${value} 超出了程序可精确表示的范围。`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === int8Oid && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format ?? 'text') as unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '（无法解析的地址）';
  }
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export async function connectPostgres(url: string, options: { connectTimeoutMs?: number } = {}): Promise<pg.Client> {
  if (!isPostgresUrl(url)) {
    throw new LuoshiError(
      'invalid_input',
      `“${url}”不是 PostgreSQL 连接地址。请写成 postgres://用户名:密码@主机:端口/数据库名。`,
    );
  }
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new LuoshiError('internal', postgresConnectMessage(url, error as Error & { code?: string }));
  }
  // A connection error after connecting (server stopped) must not crash the process; queries fail instead.
  client.on('error', () => undefined);
  return client;
}

function postgresConnectMessage(url: string, error: Error & { code?: string }): string {
  const where = describeUrl(url);
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return `无法连接 PostgreSQL 服务器 ${where}（${error.code}）。请确认服务器已启动、地址和端口正确、防火墙允许连接。`;
    case '3D000':
      return `PostgreSQL 服务器上没有地址中的数据库（${where}）。请先由数据库管理员创建该数据库（CREATE DATABASE）。`;
    case '28P01':
    case '28000':
      return `PostgreSQL 服务器拒绝了登录（${where}）：用户名或密码不正确，或该用户无权连接。`;
    default:
      return `无法连接 PostgreSQL 服务器 ${where}：${error.message}`;
  }
}
