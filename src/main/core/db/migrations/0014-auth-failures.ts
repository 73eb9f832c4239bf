import type { Migration } from './index';

/**
 * Failed password checks (wrong password at sign-in, wrong current password when changing it), one
 * row each, so the rate limit and the login lock count across every server process on the database
 * (`luoshi serve --workers N`), not per process. `scope` keeps the two limits apart ('login',
 * 'password'); `key` is what is counted ('addr:<address>' or 'user:<name>' / 'user:session …');
 * `at` is milliseconds since 1970. Rows older than the window are pruned as failures are recorded
 * (core/services/loginLimiter.ts).
 */
export const migration0014AuthFailures: Migration = {
  version: 14,
  name: '0014-auth-failures',
  up(db) {
    db.exec(`
      CREATE TABLE auth_failures (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('login', 'password')),
        key TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX auth_failures_by_key ON auth_failures (scope, key, at);
      CREATE INDEX auth_failures_by_at ON auth_failures (at);
    `);
  },
  postgres: `
    CREATE TABLE auth_failures (
      id bigserial PRIMARY KEY,
      scope text NOT NULL CHECK (scope IN ('login', 'password')),
      key text NOT NULL,
      at bigint NOT NULL
    );
    CREATE INDEX auth_failures_by_key ON auth_failures (scope, key, at);
    CREATE INDEX auth_failures_by_at ON auth_failures (at);
  `,
};
