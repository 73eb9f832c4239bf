import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0010-reserved', () => {
  it('only moves the version on: the schema and the data stay as they were', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 9);
    db.exec(`INSERT INTO units (id, name, kind, created_at) VALUES (1, '区社会事业局', 'unit', 'x')`);
    const schema = () => db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    const before = schema();
    migrate(db, 10);
    expect(schemaVersionOf(db)).toBe(10);
    expect(schema()).toEqual(before);
    expect(db.prepare('SELECT name FROM units').pluck().all()).toEqual(['区社会事业局']);
    db.close();
  });
});
