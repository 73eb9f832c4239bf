import type { Migration } from './index';

/**
 * 批示: a leader's instruction on a task (optionally on one report revision), and one line per
 * addressed unit with its 落实情况 and where it stands in the small review (drafting → confirming
 * → answered → closed; src/shared/domain/instructions.ts). `closed_at` on the instruction is set
 * when its last line is closed.
 */
export const migration0011Instructions: Migration = {
  version: 11,
  name: '0011-instructions',
  up(db) {
    db.exec(`
      CREATE TABLE instructions (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        report_id INTEGER REFERENCES reports(id),
        text TEXT NOT NULL,
        due_date TEXT NOT NULL,
        issued_by INTEGER NOT NULL REFERENCES users(id),
        issued_at TEXT NOT NULL,
        closed_at TEXT
      ) STRICT;
      CREATE INDEX instructions_by_task ON instructions(task_id);
      CREATE TABLE instruction_units (
        instruction_id INTEGER NOT NULL REFERENCES instructions(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        state TEXT NOT NULL CHECK (state IN ('drafting', 'confirming', 'answered', 'closed')),
        answer TEXT NOT NULL DEFAULT '',
        drafted_by INTEGER REFERENCES users(id),
        confirmed_by INTEGER REFERENCES users(id),
        answered_at TEXT,
        closed_by INTEGER REFERENCES users(id),
        closed_at TEXT,
        returned_reason TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (instruction_id, unit_id)
      ) STRICT;
      CREATE INDEX instruction_units_by_unit ON instruction_units(unit_id, state);
    `);
  },
};
