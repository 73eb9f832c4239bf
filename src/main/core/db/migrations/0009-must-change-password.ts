import type { Migration } from './index';

/**
 * Accounts an administrator created or whose password was reset must choose their own password
 * at first sign-in: `must_change_password` is set by create and reset and cleared by the user's
 * own change. Existing accounts start cleared (their users chose or were told their passwords).
 */
export const migration0009MustChangePassword: Migration = {
  version: 9,
  name: '0009-must-change-password',
  up(db) {
    db.exec(
      `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))`,
    );
  },
  postgres: `
    ALTER TABLE users ADD COLUMN must_change_password bigint NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
  `,
};
