import { LuoshiError } from '../../../../shared/errors';
import { describeUrl } from './connect';
import { bindValues, isReadOnlyStatement, translateParameters, type TranslatedSql } from './sql';
import {
  PostgresQueryError,
  SyncPostgresConnection,
  type QueryAnswer,
  type SyncConnectionOptions,
} from './syncConnection';

/**
 * The part of better-sqlite3's Database the store uses (prepare → get/all/run/iterate/pluck,
 * transaction, exec, close), over a synchronous PostgreSQL connection. The services cannot tell
 * the engines apart except through db/dialect.ts, where the few statements that differ choose
 * their SQL.
 *
 * Writers are serialized across every process on the database, as SQLite serializes them
 * (BEGIN IMMEDIATE): each outermost transaction takes the lock on `luoshi_schema` that only
 * writers take (EXCLUSIVE mode, which plain reads do not wait for) before its first statement.
 * So the audit chain's append (read the head, write the next entry) and the archive number's
 * "last + 1" run one after the other, whichever process they come from, and the services' checks
 * of expected versions keep their meaning. A serialization failure or deadlock of the outermost
 * transaction is retried a few times before it is reported.
 */
export const postgresDialect = Symbol('luoshi.postgres');

const writeLock = 'LOCK TABLE luoshi_schema IN EXCLUSIVE MODE';
const retryCodes = new Set(['40001', '40P01']);
const maxAttempts = 4;

interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

export class PostgresStatement {
  private plucking = false;
  readonly readonly: boolean;
  readonly reader: boolean;
  private readonly translated: TranslatedSql;

  constructor(
    private readonly db: PostgresDatabase,
    readonly source: string,
  ) {
    this.translated = translateParameters(source);
    this.readonly = isReadOnlyStatement(source);
    this.reader = this.readonly || /\bRETURNING\b/i.test(source);
  }

  pluck(toggle = true): this {
    this.plucking = toggle;
    return this;
  }

  get(...args: unknown[]): unknown {
    const answer = this.db.run(this.translated.text, bindValues(this.translated, args));
    const row = answer.rows[0];
    return row === undefined ? undefined : this.shape(answer.fields, row);
  }

  all(...args: unknown[]): unknown[] {
    const answer = this.db.run(this.translated.text, bindValues(this.translated, args));
    return answer.rows.map((row) => this.shape(answer.fields, row));
  }

  iterate(...args: unknown[]): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]();
  }

  run(...args: unknown[]): RunResult {
    const answer = this.db.run(this.translated.text, bindValues(this.translated, args));
    return {
      changes: answer.rowCount,
      get lastInsertRowid(): number {
        // PostgreSQL has no "last row id"; the store writes `RETURNING id` and reads it with get().
        throw new Error('lastInsertRowid is not available on PostgreSQL: use INSERT … RETURNING id with get()');
      },
    };
  }

  private shape(fields: readonly string[], row: readonly unknown[]): unknown {
    if (this.plucking) return row[0];
    const object: Record<string, unknown> = {};
    fields.forEach((field, index) => {
      object[field] = row[index];
    });
    return object;
  }
}

type TransactionFn<A extends unknown[], T> = ((...args: A) => T) & {
  deferred: (...args: A) => T;
  immediate: (...args: A) => T;
  exclusive: (...args: A) => T;
};

export class PostgresDatabase {
  readonly [postgresDialect] = true;
  readonly name: string;
  readonly memory = false;
  readonly readonly = false;
  private depth = 0;
  private savepoints = 0;
  private readonly connection: SyncPostgresConnection;

  constructor(url: string, options: SyncConnectionOptions = {}) {
    this.name = describeUrl(url);
    try {
      this.connection = new SyncPostgresConnection(url, options);
    } catch (error) {
      throw new LuoshiError('internal', `无法连接 PostgreSQL 服务器 ${this.name}：${(error as Error).message}`);
    }
  }

  get open(): boolean {
    return this.connection.isOpen;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(source: string): PostgresStatement {
    return new PostgresStatement(this, source);
  }

  /** Several statements without parameters (schema work, tests). */
  exec(source: string): this {
    this.connection.query(source, [], this.depth > 0);
    return this;
  }

  run(text: string, values: readonly unknown[]): QueryAnswer {
    return this.connection.query(text, values, this.depth > 0);
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): TransactionFn<A, T> {
    const runIt = (...args: A): T => this.runTransaction(() => fn(...args));
    return Object.assign(runIt, { deferred: runIt, immediate: runIt, exclusive: runIt });
  }

  pragma(source: string): never {
    throw new Error(`PRAGMA ${source} is SQLite's; this database is PostgreSQL`);
  }

  close(): this {
    this.connection.close();
    return this;
  }

  private runTransaction<T>(body: () => T): T {
    if (this.depth > 0) return this.inSavepoint(body);
    for (let attempt = 1; ; attempt += 1) {
      this.connection.query('BEGIN');
      this.depth = 1;
      try {
        this.connection.query(writeLock, [], true);
        const result = body();
        this.connection.query('COMMIT', [], true);
        return result;
      } catch (error) {
        this.rollbackQuietly('ROLLBACK');
        const code = error instanceof PostgresQueryError ? error.code : undefined;
        if (code !== undefined && retryCodes.has(code) && attempt < maxAttempts) continue;
        throw error;
      } finally {
        this.depth = 0;
      }
    }
  }

  private inSavepoint<T>(body: () => T): T {
    this.savepoints += 1;
    const name = `luoshi_sp_${this.savepoints}`;
    this.connection.query(`SAVEPOINT ${name}`, [], true);
    this.depth += 1;
    try {
      const result = body();
      this.connection.query(`RELEASE SAVEPOINT ${name}`, [], true);
      return result;
    } catch (error) {
      this.rollbackQuietly(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  private rollbackQuietly(statement: string): void {
    try {
      if (this.connection.isOpen) this.connection.query(statement, [], true);
    } catch {
      // The connection is gone or the transaction already ended; the original error is what matters.
    }
  }
}

export function isPostgresDatabase(db: object): db is PostgresDatabase {
  return postgresDialect in db;
}
