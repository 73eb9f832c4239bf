import type { Migration } from './index';

/**
 * What the import preview corrects is stored with the plan, and what the importer reads but the
 * store dropped is kept:
 * - `plan_corrections`: each correction of an import (in order), the hash of the task text it
 *   applies to, the operation as JSON, who made it and when. The corrections of a plan's latest
 *   import are the ones a re-import carries over where the text is unchanged.
 * - `task_units.plan_role`: the role the plan gives a unit (牵头 / 责任 / 配合 / 参与 / 指导); `role`
 *   stays the workflow's lead-or-responsible. NULL for rows stored before (read as lead/responsible).
 * - `indicators.standard`: 1 for a numeric standard without a year of its own (每天1小时体育活动).
 */
export const migration0010PlanCorrections: Migration = {
  version: 10,
  name: '0010-plan-corrections',
  up(db) {
    db.exec(`
      CREATE TABLE plan_corrections (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        import_id INTEGER NOT NULL REFERENCES plan_imports(id),
        position INTEGER NOT NULL,
        source_hash TEXT NOT NULL,
        task_key TEXT NOT NULL,
        operation_json TEXT NOT NULL,
        corrected_by TEXT,
        corrected_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_corrections_by_import ON plan_corrections(import_id, position);
      ALTER TABLE task_units ADD COLUMN plan_role TEXT
        CHECK (plan_role IS NULL OR plan_role IN ('lead', 'responsible', 'cooperating', 'participating', 'guiding'));
      ALTER TABLE indicators ADD COLUMN standard INTEGER NOT NULL DEFAULT 0 CHECK (standard IN (0, 1));
    `);
  },
  postgres: `
    CREATE TABLE plan_corrections (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      import_id bigint NOT NULL REFERENCES plan_imports(id) DEFERRABLE,
      position bigint NOT NULL,
      source_hash text NOT NULL,
      task_key text NOT NULL,
      operation_json text NOT NULL,
      corrected_by text,
      corrected_at text NOT NULL
    );
    CREATE INDEX plan_corrections_by_import ON plan_corrections(import_id, position);
    ALTER TABLE task_units ADD COLUMN plan_role text
      CHECK (plan_role IS NULL OR plan_role IN ('lead', 'responsible', 'cooperating', 'participating', 'guiding'));
    ALTER TABLE indicators ADD COLUMN standard bigint NOT NULL DEFAULT 0 CHECK (standard IN (0, 1));
  `,
};
