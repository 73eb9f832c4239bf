import type { Migration } from './index';

/**
 * Accounts an administrator created or whose password was reset must choose their own password
 * at first sign-in: `must_change_password` is set by create and reset and cleared by the user's
 * own change. Existing accounts start cleared (their users chose or were told their passwords).
 *
 * Numbered 0010 for the merge (0008/0009 are taken by other branches); on this branch it is the
 * 8th migration, since the runner requires contiguous versions. The lead sets `version` on merge.
 */
export const migration0010MustChangePassword: Migration = {
  version: 8,
  name: '0010-must-change-password',
  up(db) {
    db.exec(`ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))`);
  },
};
