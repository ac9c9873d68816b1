import { defineConfig } from '@playwright/test';

// Journeys in Debian's Chromium (never a downloaded browser), against a Homeward started for
// the run on its own data directory and port, with demo data.
const port = Number(process.env.E2E_PORT ?? 3100);
/** Journeys that must not run beside others: they count a demo user's open sessions. */
const ALONE = [/sessions\.spec\.ts$/];

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: 0,
  // Two browsers at once: each journey's files run in order in one worker; journeys use their own
  // demo users and cases (or read what others do not change), so they may overlap.
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
    { name: 'journeys', testIgnore: [/server-log\.spec\.ts$/, ...ALONE] },
    // Journeys that count what one user has open (their sessions) run once the others are done.
    { name: 'alone', testMatch: ALONE, dependencies: ['journeys'] },
    // Once every journey has run: Homeward's log of the whole run holds none of the demo names.
    { name: 'server-log', testMatch: /server-log\.spec\.ts$/, dependencies: ['alone'] },
  ],
});
