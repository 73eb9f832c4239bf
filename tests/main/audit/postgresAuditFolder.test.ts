import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  databaseNameOf,
  postgresAuditFolder,
  postgresAuditKeySource,
} from '../../../src/main/core/audit/postgresAuditFolder';

describe("a PostgreSQL deployment's audit folder", () => {
  const env = { XDG_DATA_HOME: '/home/zhuanban/.local/share' };

  it('is named after the database under the user’s data folder by default', () => {
    expect(postgresAuditFolder('postgres://luoshi:密码@db.example:5432/luoshi_city', { env })).toBe(
      join('/home/zhuanban/.local/share', 'luoshi', 'postgres', 'luoshi_city.audit'),
    );
    expect(postgresAuditKeySource('postgres://db.example/luoshi', { env }).location).toBe(
      join('/home/zhuanban/.local/share', 'luoshi', 'postgres', 'luoshi.audit', 'key'),
    );
  });

  it('follows LUOSHI_DATA_DIR, and --audit-key-dir before LUOSHI_AUDIT_KEY_DIR', () => {
    expect(postgresAuditFolder('postgres://h/luoshi', { env: { LUOSHI_DATA_DIR: '/srv/luoshi' } })).toBe(
      join('/srv/luoshi', 'postgres', 'luoshi.audit'),
    );
    const withEnv = { ...env, LUOSHI_AUDIT_KEY_DIR: '/etc/luoshi/audit' };
    expect(postgresAuditFolder('postgres://h/luoshi', { env: withEnv })).toBe('/etc/luoshi/audit');
    expect(postgresAuditFolder('postgres://h/luoshi', { env: withEnv, auditKeyDir: '/mnt/key' })).toBe('/mnt/key');
  });

  it('takes the user name when the URL names no database, and makes any name one safe folder name', () => {
    expect(databaseNameOf('postgres://luoshi@h:5432')).toBe('luoshi');
    expect(databaseNameOf('postgres://h')).toBe('postgres');
    expect(databaseNameOf('postgres://h/%E8%90%BD%E5%AE%9E')).toBe('落实');
    expect(postgresAuditFolder('postgres://h/a%2F..%2Fb', { env })).toBe(
      join('/home/zhuanban/.local/share', 'luoshi', 'postgres', 'a_.._b.audit'),
    );
    expect(postgresAuditFolder('postgres://h/...', { env })).toBe(
      join('/home/zhuanban/.local/share', 'luoshi', 'postgres', '_.audit'),
    );
  });
});
