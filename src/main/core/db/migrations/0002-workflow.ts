import type { Migration } from './index';

/**
 * Accounts and sessions, reporting rounds, reports (task, project and compiled) with their
 * persisted lifecycle snapshots, signatures, indicator values, attachments, and the hash-chained
 * audit log. Archive-number patterns and sequences live in `settings` (migration 0001).
 */
export const migration0002Workflow: Migration = {
  version: 2,
  name: '0002-workflow',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        unit_id INTEGER REFERENCES units(id),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE user_roles (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'leader', 'coordinator', 'admin')),
        PRIMARY KEY (user_id, role)
      ) STRICT;

      -- Only the sha256 of a session token is stored: a copied database yields no live session.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions(user_id);

      CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        deadline TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at TEXT NOT NULL,
        opened_by INTEGER REFERENCES users(id),
        closed_at TEXT,
        closed_by INTEGER REFERENCES users(id),
        warnings_json TEXT NOT NULL,
        UNIQUE (year, quarter)
      ) STRICT;

      -- One row per revision. subject_key ('task:12', 'project:3', 'compiled') names what it reports on.
      CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        kind TEXT NOT NULL CHECK (kind IN ('task', 'project', 'compiled')),
        subject_key TEXT NOT NULL,
        task_id INTEGER REFERENCES tasks(id),
        project_id INTEGER REFERENCES projects(id),
        revision INTEGER NOT NULL,
        previous_id INTEGER REFERENCES reports(id),
        state TEXT NOT NULL CHECK (state IN ('drafting', 'leadReview', 'signOff', 'filing', 'filed')),
        machine_id TEXT NOT NULL,
        machine_version INTEGER NOT NULL,
        snapshot_json TEXT NOT NULL,
        version INTEGER NOT NULL,
        drafting_unit_id INTEGER REFERENCES units(id),
        progress TEXT NOT NULL DEFAULT '',
        problems TEXT NOT NULL DEFAULT '',
        next_steps TEXT NOT NULL DEFAULT '',
        completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
        content_json TEXT,
        archive_no TEXT UNIQUE,
        first_submitted_at TEXT,
        submitted_at TEXT,
        filed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (round_id, subject_key, revision)
      ) STRICT;
      CREATE INDEX reports_by_state ON reports(state, round_id);
      -- A filed report never changes; a correction is a new revision row.
      CREATE TRIGGER reports_filed_frozen BEFORE UPDATE ON reports WHEN OLD.state = 'filed'
        BEGIN SELECT RAISE(ABORT, 'a filed report never changes'); END;
      CREATE INDEX reports_by_task ON reports(task_id);

      -- The units (or people) taking part in a report, fixed when it is created.
      CREATE TABLE report_parties (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        stage TEXT NOT NULL CHECK (stage IN ('review', 'signOff')),
        party_kind TEXT NOT NULL CHECK (party_kind IN ('unit', 'user')),
        party_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (report_id, stage, party_kind, party_id)
      ) STRICT;
      CREATE INDEX report_parties_by_party ON report_parties(party_kind, party_id);

      -- Approvals and sign-offs, per submission cycle; a return starts a new cycle, old rows stay.
      CREATE TABLE report_signatures (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id),
        cycle INTEGER NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('review', 'signOff')),
        party_kind TEXT NOT NULL CHECK (party_kind IN ('unit', 'user')),
        party_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        opinion TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        UNIQUE (report_id, cycle, stage, party_kind, party_id)
      ) STRICT;

      CREATE TABLE report_indicator_values (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id),
        value REAL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (report_id, indicator_id)
      ) STRICT;

      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id),
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        stored_name TEXT NOT NULL,
        uploaded_by INTEGER REFERENCES users(id),
        uploaded_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE INDEX attachments_by_report ON attachments(report_id);

      -- Append-only. hash = sha256(prev_hash + canonical entry); see store/auditStore.ts.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        actor_name TEXT NOT NULL,
        unit_id INTEGER,
        unit_name TEXT,
        role TEXT,
        subject_type TEXT NOT NULL,
        subject_id INTEGER,
        report_id INTEGER,
        revision INTEGER,
        event TEXT NOT NULL,
        opinion TEXT NOT NULL,
        state_before TEXT,
        state_after TEXT,
        details_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_report ON audit_log(report_id);
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
  postgres: `
    -- username is unique without regard to case, as SQLite's COLLATE NOCASE (citext is an extension).
    CREATE TABLE users (
      id bigserial PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      unit_id bigint REFERENCES units(id) DEFERRABLE,
      password_hash text NOT NULL,
      disabled bigint NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE UNIQUE INDEX users_username_nocase ON users (lower(username));

    CREATE TABLE user_roles (
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
      role text NOT NULL CHECK (role IN ('clerk', 'leader', 'coordinator', 'admin')),
      PRIMARY KEY (user_id, role)
    );

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
      created_at text NOT NULL,
      expires_at text NOT NULL
    );
    CREATE INDEX sessions_by_user ON sessions(user_id);

    CREATE TABLE rounds (
      id bigserial PRIMARY KEY,
      year bigint NOT NULL,
      quarter bigint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
      deadline text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      opened_at text NOT NULL,
      opened_by bigint REFERENCES users(id) DEFERRABLE,
      closed_at text,
      closed_by bigint REFERENCES users(id) DEFERRABLE,
      warnings_json text NOT NULL,
      UNIQUE (year, quarter)
    );

    CREATE TABLE reports (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES rounds(id) DEFERRABLE,
      kind text NOT NULL CHECK (kind IN ('task', 'project', 'compiled')),
      subject_key text NOT NULL,
      task_id bigint REFERENCES tasks(id) DEFERRABLE,
      project_id bigint REFERENCES projects(id) DEFERRABLE,
      revision bigint NOT NULL,
      previous_id bigint REFERENCES reports(id) DEFERRABLE,
      state text NOT NULL CHECK (state IN ('drafting', 'leadReview', 'signOff', 'filing', 'filed')),
      machine_id text NOT NULL,
      machine_version bigint NOT NULL,
      snapshot_json text NOT NULL,
      version bigint NOT NULL,
      drafting_unit_id bigint REFERENCES units(id) DEFERRABLE,
      progress text NOT NULL DEFAULT '',
      problems text NOT NULL DEFAULT '',
      next_steps text NOT NULL DEFAULT '',
      completed bigint NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
      content_json text,
      archive_no text UNIQUE,
      first_submitted_at text,
      submitted_at text,
      filed_at text,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      UNIQUE (round_id, subject_key, revision)
    );
    CREATE INDEX reports_by_state ON reports(state, round_id);
    CREATE FUNCTION reports_filed_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'a filed report never changes'; END;
    $$;
    CREATE TRIGGER reports_filed_frozen BEFORE UPDATE ON reports
      FOR EACH ROW WHEN (OLD.state = 'filed') EXECUTE PROCEDURE reports_filed_frozen();
    CREATE INDEX reports_by_task ON reports(task_id);

    CREATE TABLE report_parties (
      report_id bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE,
      stage text NOT NULL CHECK (stage IN ('review', 'signOff')),
      party_kind text NOT NULL CHECK (party_kind IN ('unit', 'user')),
      party_id bigint NOT NULL,
      position bigint NOT NULL,
      PRIMARY KEY (report_id, stage, party_kind, party_id)
    );
    CREATE INDEX report_parties_by_party ON report_parties(party_kind, party_id);

    CREATE TABLE report_signatures (
      id bigserial PRIMARY KEY,
      report_id bigint NOT NULL REFERENCES reports(id) DEFERRABLE,
      cycle bigint NOT NULL,
      stage text NOT NULL CHECK (stage IN ('review', 'signOff')),
      party_kind text NOT NULL CHECK (party_kind IN ('unit', 'user')),
      party_id bigint NOT NULL,
      user_id bigint NOT NULL REFERENCES users(id) DEFERRABLE,
      opinion text NOT NULL,
      signed_at text NOT NULL,
      UNIQUE (report_id, cycle, stage, party_kind, party_id)
    );

    CREATE TABLE report_indicator_values (
      report_id bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE,
      indicator_id bigint NOT NULL REFERENCES indicators(id) DEFERRABLE,
      value double precision,
      note text NOT NULL DEFAULT '',
      PRIMARY KEY (report_id, indicator_id)
    );

    CREATE TABLE attachments (
      id bigserial PRIMARY KEY,
      report_id bigint NOT NULL REFERENCES reports(id) DEFERRABLE,
      file_name text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      stored_name text NOT NULL,
      uploaded_by bigint REFERENCES users(id) DEFERRABLE,
      uploaded_at text NOT NULL,
      removed_at text
    );
    CREATE INDEX attachments_by_report ON attachments(report_id);

    -- On SQLite the attachment bytes are files in <dataDir>/attachments named by stored_name; on a
    -- server every process must see them, so they live in the database.
    CREATE TABLE attachment_files (
      stored_name text PRIMARY KEY,
      size bigint NOT NULL,
      content bytea NOT NULL
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at text NOT NULL,
      user_id bigint,
      actor_name text NOT NULL,
      unit_id bigint,
      unit_name text,
      role text,
      subject_type text NOT NULL,
      subject_id bigint,
      report_id bigint,
      revision bigint,
      event text NOT NULL,
      opinion text NOT NULL,
      state_before text,
      state_after text,
      details_json text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_by_report ON audit_log(report_id);
    CREATE FUNCTION audit_log_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END;
    $$;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE PROCEDURE audit_log_no_delete();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE PROCEDURE audit_log_no_delete();
  `,
};
