import { defineConfig } from '@playwright/test';

// Journeys in Debian's Chromium (never a downloaded browser), against a Homeward started for
// the run on its own data directory and port, with demo data.
const port = Number(process.env.E2E_PORT ?? 3100);
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: 0,
  // One browser at a time: journeys share the demo data (a user's open sessions, an office's
  // queues), and on two cores a second browser did not make the run shorter (measured: 13.6 min
  // with two, the import journey then timing out, against about 13.7 with one).
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'journeys', testIgnore: /server-log\.spec\.ts$/ },
    // Once every journey has run: Homeward's log of the whole run holds none of the demo names.
    { name: 'server-log', testMatch: /server-log\.spec\.ts$/, dependencies: ['journeys'] },
  ],
});
