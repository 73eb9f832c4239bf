import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openMemoryDatabase } from '../../../src/main/core/db/database';
import {
  DatabaseTooNewError,
  latestSchemaVersion,
  migrate,
  migrations,
  schemaVersionOf,
} from '../../../src/main/core/db/migrations';
import { makeTempDir } from '../../helpers/tempDir';

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

describe('migration 0001-plan', () => {
  it('creates the plan tables with their constraints', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 1);
    expect(schemaVersionOf(db)).toBe(1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('区社会事业局', 'unit', ?)").run(now);
    expect(() => db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('x', 'bogus', ?)").run(now)).toThrow(
      /CHECK/,
    );
    // Only one plan can be current.
    db.prepare("INSERT INTO plans (issuer, title, created_at, is_current) VALUES ('a', 'b', ?, 1)").run(now);
    expect(() =>
      db.prepare("INSERT INTO plans (issuer, title, created_at, is_current) VALUES ('c', 'd', ?, 1)").run(now),
    ).toThrow(/UNIQUE/);
    // A task unit must reference an existing unit.
    expect(() => db.prepare("INSERT INTO task_units (task_id, unit_id, role, position) VALUES (999, 999, 'lead', 0)").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('keeps data written at version 1 when later migrations run', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('区经济发展局', 'unit', ?)").run(now);
    db.prepare("INSERT INTO plans (issuer, title, created_at, is_current) VALUES ('管委会', '方案', ?, 1)").run(now);
    migrate(db);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT name FROM units').all()).toEqual([{ name: '区经济发展局' }]);
    expect(db.prepare('SELECT title FROM plans').all()).toEqual([{ title: '方案' }]);
    db.close();
  });
});
