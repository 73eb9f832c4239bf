import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../../../src/main/core/db/database';
import { migrate, schemaVersionOf } from '../../../../src/main/core/db/migrations';

describe('migration 0011-instructions', () => {
  it('adds 批示 and their per-unit lines to a database with a plan and users in it', () => {
    const db = openMemoryDatabase({ migrate: false });
    migrate(db, 10);
    db.exec(`
      INSERT INTO units (id, name, kind, created_at) VALUES (1, '区社会事业局', 'unit', 'x'), (2, '区卫生健康委员会', 'unit', 'x');
      INSERT INTO plans (id, issuer, doc_number, title, created_at, is_current) VALUES (1, '管委会', '1号', '方案', 'x', 1);
      INSERT INTO categories (id, plan_id, no, title) VALUES (1, 1, 1, '类别');
      INSERT INTO tasks (id, plan_id, category_id, no, title, body) VALUES (1, 1, 1, 1, '任务', '内容');
    `);
    db.exec(
      `INSERT INTO users (id, username, display_name, password_hash, created_at, updated_at) VALUES (1, 'leader', '张主任', 'h', 'x', 'x')`,
    );
    migrate(db, 11);
    expect(schemaVersionOf(db)).toBe(11);
    db.prepare(
      `INSERT INTO instructions (id, task_id, report_id, text, due_date, issued_by, issued_at) VALUES (1, 1, NULL, '请抓紧落实', '2025-10-20', 1, 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO instruction_units (instruction_id, unit_id, state, updated_at) VALUES (1, 1, 'drafting', 'x'), (1, 2, 'drafting', 'x')`,
    ).run();
    expect(db.prepare('SELECT unit_id, state, answer FROM instruction_units ORDER BY unit_id').all()).toEqual([
      { unit_id: 1, state: 'drafting', answer: '' },
      { unit_id: 2, state: 'drafting', answer: '' },
    ]);
    // One line per unit, a known state only, and no line for a missing 批示 or unit.
    expect(() =>
      db
        .prepare(
          `INSERT INTO instruction_units (instruction_id, unit_id, state, updated_at) VALUES (1, 1, 'drafting', 'x')`,
        )
        .run(),
    ).toThrow();
    expect(() => db.prepare(`UPDATE instruction_units SET state = 'done' WHERE unit_id = 1`).run()).toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO instruction_units (instruction_id, unit_id, state, updated_at) VALUES (9, 1, 'drafting', 'x')`,
        )
        .run(),
    ).toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO instructions (task_id, text, due_date, issued_by, issued_at) VALUES (9, 't', '2025-10-20', 1, 'x')`,
        )
        .run(),
    ).toThrow();
    db.close();
  });
});
