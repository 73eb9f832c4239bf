import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';
import { migration0010PlanCorrections } from '../../../../src/main/core/db/migrations/0010-plan-corrections';

describe('migration 0010-plan-corrections', () => {
  it('adds the corrections table, the plan role of task units and the standard flag, keeping existing rows', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, migration0010PlanCorrections.version - 1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO plans (id, issuer, title, created_at, is_current) VALUES (1, '管委会', '方案', ?, 1)").run(
      now,
    );
    db.prepare(
      "INSERT INTO plan_imports (id, plan_id, source_name, source_sha256, imported_at, warnings_json, diff_json) VALUES (4, 1, '方案.txt', 'x', ?, '[]', 'null')",
    ).run(now);
    db.prepare(
      "INSERT INTO units (id, name, kind, created_at) VALUES (2, '区教育局', 'unit', ?), (3, '区财政局', 'unit', ?)",
    ).run(now, now);
    db.prepare("INSERT INTO categories (id, plan_id, no, title) VALUES (1, 1, 1, '类别')").run();
    db.prepare(
      "INSERT INTO tasks (id, plan_id, category_id, no, title, body) VALUES (5, 1, 1, 1, '任务', '正文')",
    ).run();
    db.prepare(
      "INSERT INTO task_units (task_id, unit_id, role, position) VALUES (5, 2, 'lead', 0), (5, 3, 'responsible', 0)",
    ).run();
    db.prepare(
      "INSERT INTO indicators (id, plan_id, task_id, position, metric, comparator, value, unit, year, source_text) VALUES (7, 1, 5, 0, '覆盖率', 'gte', 90, '%', 2025, '原文')",
    ).run();

    migrate(db, migration0010PlanCorrections.version);
    expect(schemaVersionOf(db)).toBe(migration0010PlanCorrections.version);
    expect(db.prepare('SELECT unit_id, role, plan_role FROM task_units ORDER BY unit_id').all()).toEqual([
      { unit_id: 2, role: 'lead', plan_role: null },
      { unit_id: 3, role: 'responsible', plan_role: null },
    ]);
    expect(db.prepare('SELECT id, standard FROM indicators').all()).toEqual([{ id: 7, standard: 0 }]);

    db.prepare("UPDATE task_units SET plan_role = 'guiding' WHERE unit_id = 3").run();
    expect(() => db.prepare("UPDATE task_units SET plan_role = 'boss' WHERE unit_id = 3").run()).toThrow(/CHECK/);
    db.prepare('UPDATE indicators SET standard = 1 WHERE id = 7').run();
    expect(() => db.prepare('UPDATE indicators SET standard = 2 WHERE id = 7').run()).toThrow(/CHECK/);

    const insert = db.prepare(
      'INSERT INTO plan_corrections (plan_id, import_id, position, source_hash, task_key, operation_json, corrected_by, corrected_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?)',
    );
    insert.run(1, 4, 'abc', 'abc@1', JSON.stringify({ op: 'title', key: 'abc@1', title: '新名称' }), '王专班', now);
    expect(db.prepare('SELECT task_key, corrected_by FROM plan_corrections').all()).toEqual([
      { task_key: 'abc@1', corrected_by: '王专班' },
    ]);
    expect(() => insert.run(1, 99, 'abc', 'abc@1', '{}', null, now)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
