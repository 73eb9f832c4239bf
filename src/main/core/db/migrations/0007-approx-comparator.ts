import type { Migration } from './index';

/**
 * Targets written 约为55% get their own comparator, `approx` (met within ±5 % of the value), so
 * indicators.comparator must accept it. SQLite cannot alter a CHECK in place, so the table is
 * rebuilt under its own name with every row and id kept: rows are copied aside, the table is
 * dropped and created again, and the rows go back. Renaming instead would rewrite
 * report_indicator_values' foreign key to the renamed table. defer_foreign_keys holds the
 * foreign-key check of the drop until the rows are back (it resets itself at commit).
 */
export const migration0007ApproxComparator: Migration = {
  version: 7,
  name: '0007-approx-comparator',
  up(db) {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TEMP TABLE indicators_copy AS SELECT * FROM indicators;
      DROP TABLE indicators;
      CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        task_id INTEGER REFERENCES tasks(id),
        position INTEGER NOT NULL,
        metric TEXT NOT NULL,
        comparator TEXT NOT NULL
          CHECK (comparator IN ('gte', 'lte', 'gt', 'lt', 'eq', 'range', 'fromTo', 'decreaseBy', 'approx')),
        value REAL NOT NULL,
        value2 REAL,
        unit TEXT NOT NULL,
        year INTEGER,
        base_year INTEGER,
        source_text TEXT NOT NULL,
        baseline_value REAL,
        baseline_year INTEGER,
        retired_at TEXT
      ) STRICT;
      INSERT INTO indicators (id, plan_id, task_id, position, metric, comparator, value, value2, unit, year, base_year,
                              source_text, baseline_value, baseline_year, retired_at)
        SELECT id, plan_id, task_id, position, metric, comparator, value, value2, unit, year, base_year,
               source_text, baseline_value, baseline_year, retired_at
        FROM temp.indicators_copy;
      DROP TABLE temp.indicators_copy;
      CREATE INDEX indicators_by_task ON indicators(task_id);
    `);
  },
  postgres: `
    ALTER TABLE indicators DROP CONSTRAINT indicators_comparator_check;
    ALTER TABLE indicators ADD CONSTRAINT indicators_comparator_check
      CHECK (comparator IN ('gte', 'lte', 'gt', 'lt', 'eq', 'range', 'fromTo', 'decreaseBy', 'approx'));
  `,
};
