import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, type ReadableDB, type WritableDB } from '../../../src/main/core/db/database';
import { prepared, preparedOnce, preparedWrite } from '../../../src/main/core/store/preparedStatements';
import { getSetting, setSetting } from '../../../src/main/core/store/settingsStore';

describe('ReadableDB and WritableDB', () => {
  it('the read cache refuses a statement that writes, before running it; the write cache takes it', () => {
    const db = openMemoryDatabase();
    try {
      const reader: ReadableDB = db;
      for (const sql of [
        "INSERT INTO settings (key, value) VALUES ('x', 'y')",
        "UPDATE settings SET value = 'z'",
        'DELETE FROM settings',
      ]) {
        expect(() => prepared(reader, sql)).toThrow(/读语句缓存收到了写入语句/);
        expect(() => preparedOnce(reader, sql)).toThrow(/只读查询收到了写入语句/);
      }
      expect(getSetting(reader, 'x')).toBeNull();
      preparedWrite(db, "INSERT INTO settings (key, value) VALUES ('x', 'y')").run();
      expect(prepared(reader, "SELECT value FROM settings WHERE key = 'x'").get()).toEqual({ value: 'y' });
      // Cached: the same statement object for the same SQL.
      expect(prepared(reader, 'SELECT 1')).toBe(prepared(reader, 'SELECT 1'));
      setSetting(db, 'x', 'w');
      expect(getSetting(reader, 'x')).toBe('w');
    } finally {
      db.close();
    }
  });

  it('a ReadableDB has no way to prepare a statement by itself, and is no WritableDB (by type)', () => {
    const db = openMemoryDatabase();
    try {
      const reader: ReadableDB = db;
      // @ts-expect-error: reads go through prepared(), which refuses writes
      expect(typeof reader.prepare).toBe('function');
      // @ts-expect-error: a read handle cannot be passed where a write is needed
      const writer: WritableDB = reader;
      expect(writer).toBe(db);
    } finally {
      db.close();
    }
  });
});
