import type Database from 'better-sqlite3';
import { LuoshiError } from '../../../../shared/errors';
import type { WritableDB } from '../database';
import { isPostgresDatabase } from '../postgres/postgresDatabase';
import { migration0001Plan } from './0001-plan';
import { migration0002Workflow } from './0002-workflow';
import { migration0003Search } from './0003-search';
import { migration0004BenchIndexes } from './0004-bench-indexes';
import { migration0005RoundCarryOver } from './0005-round-carry-over';
import { migration0006AuditMac } from './0006-audit-mac';
import { migration0007ApproxComparator } from './0007-approx-comparator';
import { migration0008ExtensionsReminders } from './0008-extensions-reminders';
import { migration0009MustChangePassword } from './0009-must-change-password';
import { migration0010PlanCorrections } from './0010-plan-corrections';
import { migration0011Instructions } from './0011-instructions';
import { migration0012Delegations } from './0012-delegations';
import { migration0013ListedResponsible } from './0013-listed-responsible';
import { migration0014AuthFailures } from './0014-auth-failures';

/**
 * Policy: migrations are numbered, one file each, and run in order inside one transaction.
 * Once a migration has shipped it never changes: a table may only be added to, by a new
 * migration. Tests under tests/main/db/migrations check each step with data in it.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
  /**
   * The same step for PostgreSQL, as SQL run in the migrator's transaction (db/postgres/migrate.ts).
   * Core PostgreSQL only (no extensions), so KingbaseES and openGauss can run it: INTEGER becomes
   * bigint (an INTEGER PRIMARY KEY a bigserial), REAL double precision, foreign keys DEFERRABLE (so
   * `luoshi db copy` can load rows in key order), triggers PL/pgSQL. Every migration has one
   * (tests/main/db/postgres/schema.test.ts); the resulting schema must match SQLite's.
   */
  postgres?: string;
}

export const migrations: readonly Migration[] = [
  migration0001Plan,
  migration0002Workflow,
  migration0003Search,
  migration0004BenchIndexes,
  migration0005RoundCarryOver,
  migration0006AuditMac,
  migration0007ApproxComparator,
  migration0008ExtensionsReminders,
  migration0009MustChangePassword,
  migration0010PlanCorrections,
  migration0011Instructions,
  migration0012Delegations,
  migration0013ListedResponsible,
  migration0014AuthFailures,
];

export const latestSchemaVersion = migrations[migrations.length - 1]?.version ?? 0;

export class DatabaseTooNewError extends LuoshiError {
  constructor(found: number, supported: number) {
    super('unsupported', `数据库版本为 ${found}，高于本程序支持的版本 ${supported}。请升级落实通后再打开此数据。`);
  }
}

export function schemaVersionOf(db: Database.Database): number {
  // PostgreSQL keeps the version in a table (db/postgres/migrate.ts), SQLite in PRAGMA user_version.
  if (isPostgresDatabase(db)) {
    return (db.prepare('SELECT version FROM luoshi_schema').pluck().get() as number | undefined) ?? 0;
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** Migrate to `target` (default: latest). Throws DatabaseTooNewError for a newer database. */
export function migrate(db: WritableDB, target = latestSchemaVersion): void {
  assertMonotonic(migrations);
  const current = schemaVersionOf(db);
  if (current > latestSchemaVersion) throw new DatabaseTooNewError(current, latestSchemaVersion);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

function assertMonotonic(list: readonly Migration[]): void {
  list.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}; expected ${index + 1}`);
    }
  });
}
