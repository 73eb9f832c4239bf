import type { Migration } from './index';

/**
 * Closing a round may carry its unfinished reports over: drafting reports of a carried-over
 * round can still be written and submitted after it closed. Reports already submitted (in
 * review, sign-off or waiting to be filed) move on in a closed round whatever this says.
 */
export const migration0005RoundCarryOver: Migration = {
  version: 5,
  name: '0005-round-carry-over',
  up(db) {
    db.exec(`
      ALTER TABLE rounds ADD COLUMN carry_over INTEGER NOT NULL DEFAULT 0 CHECK (carry_over IN (0, 1));
    `);
  },
  postgres: `
    ALTER TABLE rounds ADD COLUMN carry_over bigint NOT NULL DEFAULT 0 CHECK (carry_over IN (0, 1));
  `,
};
