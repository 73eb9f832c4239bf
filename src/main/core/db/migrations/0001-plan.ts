import type { Migration } from './index';

/** The plan, its tasks, targets (indicators), baselines, projects and the unit directory. */
export const migration0001Plan: Migration = {
  version: 1,
  name: '0001-plan',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('unit', 'group')),
        parent_id INTEGER REFERENCES units(id),
        needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE unit_aliases (
        alias TEXT PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE
      ) STRICT;

      CREATE TABLE unit_group_members (
        group_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, member_id)
      ) STRICT;

      CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        issuer TEXT NOT NULL,
        doc_number TEXT,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX plans_one_current ON plans(is_current) WHERE is_current = 1;

      CREATE TABLE plan_imports (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        source_name TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT,
        warnings_json TEXT NOT NULL,
        diff_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE categories (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        no INTEGER NOT NULL,
        title TEXT NOT NULL,
        UNIQUE (plan_id, no)
      ) STRICT;

      CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        category_id INTEGER NOT NULL REFERENCES categories(id),
        no INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        source_line INTEGER,
        retired_at TEXT,
        UNIQUE (plan_id, no)
      ) STRICT;

      CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        kind TEXT NOT NULL CHECK (kind IN ('keyProject', 'majorProject', 'brandActivity')),
        no INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        source_line INTEGER,
        retired_at TEXT,
        UNIQUE (plan_id, kind, no)
      ) STRICT;

      -- A unit takes part in a task once: as lead if it is listed as both.
      CREATE TABLE task_units (
        task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        unit_id INTEGER NOT NULL REFERENCES units(id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
        position INTEGER NOT NULL,
        PRIMARY KEY (task_id, unit_id)
      ) STRICT;
      CREATE INDEX task_units_by_unit ON task_units(unit_id, role);

      CREATE TABLE project_units (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        unit_id INTEGER NOT NULL REFERENCES units(id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
        position INTEGER NOT NULL,
        PRIMARY KEY (project_id, unit_id)
      ) STRICT;
      CREATE INDEX project_units_by_unit ON project_units(unit_id, role);

      CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        task_id INTEGER REFERENCES tasks(id),
        position INTEGER NOT NULL,
        metric TEXT NOT NULL,
        comparator TEXT NOT NULL
          CHECK (comparator IN ('gte', 'lte', 'gt', 'lt', 'eq', 'range', 'fromTo', 'decreaseBy')),
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
      CREATE INDEX indicators_by_task ON indicators(task_id);

      CREATE TABLE baselines (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        metric TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        year INTEGER,
        source_text TEXT NOT NULL,
        source_line INTEGER
      ) STRICT;
    `);
  },
  postgres: `
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value text NOT NULL
    );

    CREATE TABLE units (
      id bigserial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('unit', 'group')),
      parent_id bigint REFERENCES units(id) DEFERRABLE,
      needs_review bigint NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
      created_at text NOT NULL
    );

    CREATE TABLE unit_aliases (
      alias text PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id) ON DELETE CASCADE DEFERRABLE
    );

    CREATE TABLE unit_group_members (
      group_id bigint NOT NULL REFERENCES units(id) ON DELETE CASCADE DEFERRABLE,
      member_id bigint NOT NULL REFERENCES units(id) ON DELETE CASCADE DEFERRABLE,
      PRIMARY KEY (group_id, member_id)
    );

    CREATE TABLE plans (
      id bigserial PRIMARY KEY,
      issuer text NOT NULL,
      doc_number text,
      title text NOT NULL,
      created_at text NOT NULL,
      is_current bigint NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
    );
    CREATE UNIQUE INDEX plans_one_current ON plans(is_current) WHERE is_current = 1;

    CREATE TABLE plan_imports (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      source_name text NOT NULL,
      source_sha256 text NOT NULL,
      imported_at text NOT NULL,
      imported_by text,
      warnings_json text NOT NULL,
      diff_json text NOT NULL
    );

    CREATE TABLE categories (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      no bigint NOT NULL,
      title text NOT NULL,
      UNIQUE (plan_id, no)
    );

    CREATE TABLE tasks (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      category_id bigint NOT NULL REFERENCES categories(id) DEFERRABLE,
      no bigint NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      source_line bigint,
      retired_at text,
      UNIQUE (plan_id, no)
    );

    CREATE TABLE projects (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      kind text NOT NULL CHECK (kind IN ('keyProject', 'majorProject', 'brandActivity')),
      no bigint NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      source_line bigint,
      retired_at text,
      UNIQUE (plan_id, kind, no)
    );

    CREATE TABLE task_units (
      task_id bigint NOT NULL REFERENCES tasks(id) ON DELETE CASCADE DEFERRABLE,
      unit_id bigint NOT NULL REFERENCES units(id) DEFERRABLE,
      role text NOT NULL CHECK (role IN ('lead', 'responsible')),
      position bigint NOT NULL,
      PRIMARY KEY (task_id, unit_id)
    );
    CREATE INDEX task_units_by_unit ON task_units(unit_id, role);

    CREATE TABLE project_units (
      project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE DEFERRABLE,
      unit_id bigint NOT NULL REFERENCES units(id) DEFERRABLE,
      role text NOT NULL CHECK (role IN ('lead', 'responsible')),
      position bigint NOT NULL,
      PRIMARY KEY (project_id, unit_id)
    );
    CREATE INDEX project_units_by_unit ON project_units(unit_id, role);

    CREATE TABLE indicators (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      task_id bigint REFERENCES tasks(id) DEFERRABLE,
      position bigint NOT NULL,
      metric text NOT NULL,
      comparator text NOT NULL CONSTRAINT indicators_comparator_check
        CHECK (comparator IN ('gte', 'lte', 'gt', 'lt', 'eq', 'range', 'fromTo', 'decreaseBy')),
      value double precision NOT NULL,
      value2 double precision,
      unit text NOT NULL,
      year bigint,
      base_year bigint,
      source_text text NOT NULL,
      baseline_value double precision,
      baseline_year bigint,
      retired_at text
    );
    CREATE INDEX indicators_by_task ON indicators(task_id);

    CREATE TABLE baselines (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
      metric text NOT NULL,
      value double precision NOT NULL,
      unit text NOT NULL,
      year bigint,
      source_text text NOT NULL,
      source_line bigint
    );
  `,
};
