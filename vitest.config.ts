import { defineConfig } from 'vitest/config';

// Two tiers: pure unit tests, and tests on a real PostgreSQL (db and HTTP through app.inject).
// The second starts an embedded PostgreSQL unless DATABASE_URL points at a server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.http.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['server/**/*.db.test.ts', 'server/**/*.http.test.ts'],
          globalSetup: ['server/test-support/global-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
