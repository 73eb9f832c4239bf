import { defineConfig } from 'vitest/config';

/** The integration suites that run on both engines (the others do not touch the store, or test SQLite itself). */
const postgresSuites = [
  'tests/main/workflow/**/*.test.ts',
  'tests/main/ledgers/**/*.test.ts',
  'tests/main/documents/**/*.test.ts',
  'tests/main/policy/**/*.test.ts',
  'tests/main/plan/**/*.test.ts',
  'tests/main/admin/**/*.test.ts',
  'tests/main/search/**/*.test.ts',
  'tests/main/server/**/*.test.ts',
];

export default defineConfig({
  // The renderer's components are React with the automatic JSX runtime, as tsconfig.web.json says.
  esbuild: { jsx: 'automatic' },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/shared/**/*.test.ts', 'tests/main/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Zip-bomb refusals and document writes take seconds on a busy 2-core machine; a
          // timeout is a hang detector here, never a speed check (that is npm run bench).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // The same integration tests on PostgreSQL: every core a test world opens gets a fresh
          // database on one throwaway cluster (tests/helpers/postgresGlobalSetup.ts).
          name: 'postgres',
          include: postgresSuites,
          environment: 'node',
          pool: 'forks',
          globalSetup: ['tests/helpers/postgresGlobalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Renderer components in jsdom with Testing Library; the API is a fake bridge (setup.ts).
          name: 'renderer',
          include: ['tests/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Browser journeys share one Chromium; run them one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
