import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Database from 'better-sqlite3';
import { fixedClock } from '../../../src/main/core/clock';
import { openDatabase, type WritableDB } from '../../../src/main/core/db/database';
import { dataPaths, type DataPaths } from '../../../src/main/core/paths';
import type { BackupSource } from '../../../src/main/core/backup';

export interface DataFolder {
  paths: DataPaths;
  db: WritableDB;
  source: BackupSource;
  clock: ReturnType<typeof fixedClock>;
}

/**
 * A migrated data folder with a probe table the tests fill (the real tables need the importer),
 * and attachments in nested folders, including a Chinese file name and binary content.
 */
export function makeDataFolder(dataDir: string, rows = 200): DataFolder {
  const paths = dataPaths(dataDir);
  mkdirSync(paths.attachments, { recursive: true });
  const db = openDatabase(paths.database);
  db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, label TEXT NOT NULL, payload BLOB NOT NULL) STRICT');
  db.exec('CREATE INDEX probe_label ON probe (label)');
  insertRows(db, 1, rows);
  mkdirSync(join(paths.attachments, '2025', 'Q3'), { recursive: true });
  writeFileSync(join(paths.attachments, '2025', 'Q3', '经开区儿童友好城市建设进展.docx'), randomBytes(30_000));
  writeFileSync(join(paths.attachments, 'readme.txt'), '附件说明\n');
  const clock = fixedClock(new Date(2025, 9, 8, 14, 3, 12));
  return { paths, db, clock, source: { db, paths, clock, version: '0.1.0' } };
}

export function insertRows(db: Database.Database, from: number, count: number): void {
  const insert = db.prepare('INSERT INTO probe (id, label, payload) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let id = from; id < from + count; id += 1) insert.run(id, `任务${id}`, rowPayload(id));
  })();
}

/** Deterministic content per row, so a restored row can be checked on its own. */
export function rowPayload(id: number): Buffer {
  const seed = createHash('sha256').update(String(id)).digest();
  return Buffer.concat(Array.from({ length: 32 }, () => seed));
}

export function probeRows(db: Database.Database): { id: number; label: string; payload: Buffer }[] {
  return db.prepare('SELECT id, label, payload FROM probe ORDER BY id').all() as {
    id: number;
    label: string;
    payload: Buffer;
  }[];
}

/** Every table's rows, for comparing two databases as a whole. */
export function dumpTables(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  // Sorted in JS: WITHOUT ROWID and virtual tables have no rowid to order by.
  const rowsOf = (name: string): unknown[] =>
    db
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort()
      .map((text) => JSON.parse(text) as unknown);
  return Object.fromEntries(tables.map(({ name }) => [name, rowsOf(name)]));
}

/** Relative path → sha256 of every file below `dir` (a folder's fingerprint). */
export function folderDigest(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string): void => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        result[relative(dir, full).split('\\').join('/')] = createHash('sha256')
          .update(readFileSync(full))
          .digest('hex');
    }
  };
  walk(dir);
  return result;
}
