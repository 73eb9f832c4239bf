import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { migration0013ListedResponsible } from '../../../../src/main/core/db/migrations/0013-listed-responsible';

describe('migration 0013-listed-responsible', () => {
  it('keeps existing rows as they were and lists a lead unit a second time only when marked responsible', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, migration0013ListedResponsible.version - 1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO plans (id, issuer, title, created_at, is_current) VALUES (1, '区', '方案', ?, 1)").run(now);
    db.prepare("INSERT INTO categories (id, plan_id, no, title) VALUES (1, 1, 1, '类')").run();
    db.prepare(
      "INSERT INTO tasks (id, plan_id, category_id, no, title, body, source_line) VALUES (1, 1, 1, 1, '任务', '', 1)",
    ).run();
    db.prepare("INSERT INTO units (id, name, kind, created_at) VALUES (1, '甲', 'unit', ?), (2, '乙', 'unit', ?)").run(
      now,
      now,
    );
    db.prepare(
      "INSERT INTO task_units (task_id, unit_id, role, position) VALUES (1, 1, 'lead', 0), (1, 2, 'responsible', 0)",
    ).run();

    migrate(db, migration0013ListedResponsible.version);
    expect(schemaVersionOf(db)).toBe(13);
    const listed = () =>
      db.prepare('SELECT unit_id, role, position FROM task_units_as_listed ORDER BY role, position, unit_id').all();
    expect(listed()).toEqual([
      { unit_id: 1, role: 'lead', position: 0 },
      { unit_id: 2, role: 'responsible', position: 0 },
    ]);
    db.prepare("UPDATE task_units SET listed_responsible_position = 1 WHERE unit_id = 1 AND role = 'lead'").run();
    expect(listed()).toEqual([
      { unit_id: 1, role: 'lead', position: 0 },
      { unit_id: 2, role: 'responsible', position: 0 },
      { unit_id: 1, role: 'responsible', position: 1 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM task_units').get()).toEqual({ n: 2 });
  });
});
