// Browser journeys: starts Homeward the way `npm start` does (embedded PostgreSQL, demo data)
// on a throwaway data directory and port, reads the demo sign-ins it prints, runs Playwright in
// Debian's Chromium, and stops Homeward.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium is not installed at ${chromium}. On Debian: apt-get update && apt-get install -y chromium`);
  process.exit(1);
}
const port = process.env.E2E_PORT ?? '3100';
const dataDir = path.join(root, '.tmp', 'e2e-data');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

// Single sign-on: Homeward trusts an OpenID provider on the next port, which the journey
// `e2e/sso.spec.ts` starts (oidc-provider) while it runs; no other journey reaches it.
const oidc = {
  HOMEWARD_OIDC_ISSUER: `http://127.0.0.1:${Number(port) + 1}`,
  HOMEWARD_OIDC_CLIENT_ID: 'homeward-e2e',
  HOMEWARD_OIDC_CLIENT_SECRET: randomBytes(24).toString('base64url'),
};
// Homeward logs every request (info) into a file that the last journey, e2e/server-log.spec.ts,
// searches for the demo returnees' names: a log must never hold personal data. The console shows
// only the lines that are not JSON (the start-up banner and the demo sign-ins).
const serverLog = path.join(root, '.tmp', `e2e-server-${port}.log`);
const logFile = createWriteStream(serverLog);
const env = { ...process.env, ...oidc, PORT: port, HOMEWARD_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
delete env.DATABASE_URL;
const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });

const users = {};
const ready = new Promise((resolve, reject) => {
  let buffer = '';
  let answering = false;
  let loaded = false;
  const timer = setTimeout(() => reject(new Error('Homeward did not start within 600 s')), 600_000);
  server.stdout.on('data', (chunk) => {
    logFile.write(chunk);
    buffer += chunk.toString();
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('{')) process.stdout.write(`${line}\n`);
      const m = /^\s{4}(\S+)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line);
      if (m) users[m[2]] = { role: m[1], email: m[2], password: m[3] };
      // The journeys use the demo cases: ready, and every case loaded (they load after Homeward answers).
      if (line.includes('Homeward is ready')) answering = true;
      if (line.includes('Demo data loaded')) loaded = true;
      if (answering && loaded) {
        clearTimeout(timer);
        resolve();
      }
      if (line.includes('Demo data failed to load') || line.includes('Demo data: stopped')) reject(new Error(line));
    }
  });
  server.on('exit', (code) => reject(new Error(`Homeward exited early (${code})`)));
});

let status = 1;
try {
  await ready;
  // Not spawnSync: this process keeps reading Homeward's output while the journeys run (a pipe
  // nobody reads fills up, and then Homeward waits on its own log).
  const playwright = spawn(process.execPath, [path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...oidc, E2E_PORT: port, E2E_USERS: JSON.stringify(users), E2E_SERVER_LOG: serverLog, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  status = await new Promise((resolve) => playwright.on('exit', (code) => resolve(code ?? 1)));
} catch (err) {
  console.error(String(err));
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 3000));
}
process.exit(status);
