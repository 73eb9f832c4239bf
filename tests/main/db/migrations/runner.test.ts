import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openMemoryDatabase } from '../../../../src/main/core/db/database';
import {
  DatabaseTooNewError,
  latestSchemaVersion,
  migrate,
  migrations,
  schemaVersionOf,
} from '../../../../src/main/core/db/migrations';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration runner', () => {
  it('numbers migrations 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    expect(latestSchemaVersion).toBe(migrations.length);
  });

  it('brings a new database to the latest version with WAL and foreign keys on', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const db = openDatabase(join(temp.dir, 'a.db'));
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database newer than the code, with a message that says what to do', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const file = join(temp.dir, 'future.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/高于本程序支持的版本.*请升级落实通/);
    // The refused file is left as it was.
    const check = new Database(file);
    expect(schemaVersionOf(check)).toBe(latestSchemaVersion + 5);
    check.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const db = openMemoryDatabase({ migrate: false });
    db.exec('CREATE TABLE units (id INTEGER PRIMARY KEY)'); // clashes with migration 1
    expect(() => migrate(db)).toThrow();
    expect(schemaVersionOf(db)).toBe(0);
    db.close();
  });

  it('is idempotent: opening a migrated database again changes nothing', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const file = join(temp.dir, 'b.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    db.close();
  });
});
