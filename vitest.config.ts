import { defineConfig } from 'vitest/config';

// Two tiers: pure unit tests, and tests on a real PostgreSQL (db and HTTP through app.inject).
// The second starts an embedded PostgreSQL unless DATABASE_URL points at a server; its
// `*.process.test.ts` files spawn the server itself on an embedded PostgreSQL of their own.
export default defineConfig({
  test: {
    // Stopping the embedded PostgreSQL after the run (a checkpoint of every test database) may
    // take longer than Vitest's 10 seconds on a busy machine.
    teardownTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          // Files share a worker's loaded modules instead of importing Homeward again for each one
          // (no test mocks modules or changes their state for the next file).
          isolate: false,
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.http.test.ts', '**/*.process.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['server/**/*.db.test.ts', 'server/**/*.http.test.ts', 'server/**/*.process.test.ts'],
          // Each file has a database of its own, and most of a test's time is PostgreSQL's: three files
          // at once keep two cores busy (Vitest would run one at a time on a 2-core machine).
          maxWorkers: 3,
          // Each file still has a database and an app of its own; the server's modules are imported
          // once per worker instead of once per file (measured: about 40% less time for the tier).
          isolate: false,
          // Projects with different worker counts run one after the other.
          sequence: { groupOrder: 1 },
          globalSetup: ['server/test-support/global-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 300_000,
          pool: 'forks',
        },
      },
    ],
  },
});
