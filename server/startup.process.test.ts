// Start-up and stop of the real server process on the embedded PostgreSQL: what an operator sees
// after `kill -9`, with a second start while one runs, and on SIGTERM. Spawns `server/main.ts`
// (what `npm start` runs after building the web app) on its own data directory and ports, never
// on DATABASE_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isRunning } from './platform/embedded-postgres.js';

const root = path.resolve(import.meta.dirname, '..');

const waitUntil = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
};

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dataDir: string;
let port: number;
const runs: Run[] = [];

function startHomeward(): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.HOMEWARD_SECRET_KEY;
  delete env.HOMEWARD_APP_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts'), '--no-demo'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const run = { child, output: () => text, exited };
  runs.push(run);
  return run;
}

async function ready(run: Run) {
  const ok = await Promise.race([
    waitUntil(() => run.output().includes('Homeward is ready'), 100_000),
    run.exited.then(() => false),
  ]);
  if (!ok) throw new Error(`Homeward did not become ready. It printed:\n${run.output()}`);
}

const pidFile = (name: string) => path.join(dataDir, name);
const readPid = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]!.trim());
const postmasterPid = () => path.join(dataDir, 'pg', 'postmaster.pid');

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'homeward-startup-'));
  port = await freePort();
});

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  if (existsSync(postmasterPid())) {
    const pid = readPid(postmasterPid());
    if (isRunning(pid)) process.kill(pid, 'SIGQUIT');
    await waitUntil(() => !isRunning(pid), 5_000);
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('start-up and stop of the server process', () => {
  let first: Run;
  let firstPostgres: number;

  it('starts on an empty data directory and records its process', { timeout: 120_000 }, async () => {
    first = startHomeward();
    await ready(first);
    expect(readPid(pidFile('homeward.pid'))).toBe(first.child.pid);
    firstPostgres = readPid(postmasterPid());
    expect(isRunning(firstPostgres)).toBe(true);
  });

  it('a second start while the first runs refuses, says why, and leaves the first alone', { timeout: 60_000 }, async () => {
    const second = startHomeward();
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`Another Homeward (process ${first.child.pid}) is already using the data directory`);
    expect(isRunning(first.child.pid!)).toBe(true);
    expect(isRunning(firstPostgres)).toBe(true);
    expect(readPid(pidFile('homeward.pid'))).toBe(first.child.pid);
  });

  it('SIGTERM stops it within a few seconds, with its PostgreSQL, and leaves no pid file behind', { timeout: 60_000 }, async () => {
    const sent = Date.now();
    first.child.kill('SIGTERM');
    const { code } = await first.exited;
    expect(Date.now() - sent).toBeLessThan(8_000);
    expect(code).toBe(0);
    expect(isRunning(firstPostgres)).toBe(false);
    expect(existsSync(postmasterPid())).toBe(false);
    expect(existsSync(pidFile('homeward.pid'))).toBe(false);
    expect(first.output()).toContain('[homeward] Stopped');
  });

  it('after kill -9 of Homeward alone, the next start stops the PostgreSQL left running and says so', { timeout: 120_000 }, async () => {
    const crashed = startHomeward();
    await ready(crashed);
    const leftOver = readPid(postmasterPid());
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    // The crash leaves the database server running without Homeward.
    expect(isRunning(leftOver)).toBe(true);

    const again = startHomeward();
    await ready(again);
    expect(again.output()).toContain(`A PostgreSQL (process ${leftOver}, port `);
    expect(again.output()).toContain('was left running');
    expect(isRunning(leftOver)).toBe(false);
    const now = readPid(postmasterPid());
    expect(now).not.toBe(leftOver);
    expect(isRunning(now)).toBe(true);
    expect(readPid(pidFile('homeward.pid'))).toBe(again.child.pid);

    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    expect(isRunning(now)).toBe(false);
  });
});
