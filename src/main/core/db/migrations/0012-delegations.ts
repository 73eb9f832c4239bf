import type { Migration } from './index';

/**
 * 委托 (delegation, issue #16): a leader delegates review and sign-off to a colleague of the same
 * unit for China calendar days `starts_on`..`ends_on` (both inclusive); `ended_at` is set when the
 * leader ends it early. A signature made in a leader's place names that leader in
 * `report_signatures.on_behalf_of`, so opinion lists and the filing record show both names.
 */
export const migration0012Delegations: Migration = {
  version: 12,
  name: '0012-delegations',
  up(db) {
    db.exec(`
      CREATE TABLE delegations (
        id INTEGER PRIMARY KEY,
        delegator_id INTEGER NOT NULL REFERENCES users(id),
        delegate_id INTEGER NOT NULL REFERENCES users(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        starts_on TEXT NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        ends_on TEXT NOT NULL CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        ended_at TEXT,
        ended_by INTEGER REFERENCES users(id),
        CHECK (delegator_id <> delegate_id),
        CHECK (starts_on <= ends_on)
      ) STRICT;
      CREATE INDEX delegations_by_delegate ON delegations (delegate_id, ends_on);
      CREATE INDEX delegations_by_delegator ON delegations (delegator_id, ends_on);
      ALTER TABLE report_signatures ADD COLUMN on_behalf_of INTEGER REFERENCES users(id);
    `);
  },
  postgres: `
    CREATE TABLE delegations (
      id bigserial PRIMARY KEY,
      delegator_id bigint NOT NULL REFERENCES users(id) DEFERRABLE,
      delegate_id bigint NOT NULL REFERENCES users(id) DEFERRABLE,
      unit_id bigint NOT NULL REFERENCES units(id) DEFERRABLE,
      starts_on text NOT NULL CHECK (starts_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      ends_on text NOT NULL CHECK (ends_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      note text NOT NULL DEFAULT '',
      created_at text NOT NULL,
      ended_at text,
      ended_by bigint REFERENCES users(id) DEFERRABLE,
      CHECK (delegator_id <> delegate_id),
      CHECK (starts_on <= ends_on)
    );
    CREATE INDEX delegations_by_delegate ON delegations (delegate_id, ends_on);
    CREATE INDEX delegations_by_delegator ON delegations (delegator_id, ends_on);
    ALTER TABLE report_signatures ADD COLUMN on_behalf_of bigint REFERENCES users(id) DEFERRABLE;
  `,
};
