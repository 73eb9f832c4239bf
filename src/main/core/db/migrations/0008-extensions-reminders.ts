import type { Migration } from './index';

/**
 * 延期 and 催办: a unit's own deadline in a round (granted by the task force, with a reason), and
 * the reminders sent to a unit in a round. Both belong to the round; deleting a round deletes them.
 */
export const migration0008ExtensionsReminders: Migration = {
  version: 8,
  name: '0008-extensions-reminders',
  up(db) {
    db.exec(`
      CREATE TABLE round_extensions (
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        deadline TEXT NOT NULL,
        reason TEXT NOT NULL,
        granted_by INTEGER REFERENCES users(id),
        granted_at TEXT NOT NULL,
        PRIMARY KEY (round_id, unit_id)
      ) STRICT;
      CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        message TEXT NOT NULL,
        sent_by INTEGER REFERENCES users(id),
        sent_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reminders_by_unit ON reminders(unit_id, round_id);
      CREATE INDEX reminders_by_round ON reminders(round_id);
    `);
  },
  postgres: `
    CREATE TABLE round_extensions (
      round_id bigint NOT NULL REFERENCES rounds(id) DEFERRABLE,
      unit_id bigint NOT NULL REFERENCES units(id) DEFERRABLE,
      deadline text NOT NULL,
      reason text NOT NULL,
      granted_by bigint REFERENCES users(id) DEFERRABLE,
      granted_at text NOT NULL,
      PRIMARY KEY (round_id, unit_id)
    );
    CREATE TABLE reminders (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES rounds(id) DEFERRABLE,
      unit_id bigint NOT NULL REFERENCES units(id) DEFERRABLE,
      message text NOT NULL,
      sent_by bigint REFERENCES users(id) DEFERRABLE,
      sent_at text NOT NULL
    );
    CREATE INDEX reminders_by_unit ON reminders(unit_id, round_id);
    CREATE INDEX reminders_by_round ON reminders(round_id);
  `,
};
