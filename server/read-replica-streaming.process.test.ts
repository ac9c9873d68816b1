// HOMEWARD_READ_DATABASE_URL on a real streaming replica. The PostgreSQL the other tests use refuses
// replication connections (its pg_hba.conf has no `replication` line, and the tests do not change
// it), so this file runs a primary and a hot standby of its own, both from the embedded PostgreSQL
// binaries, on loopback: the primary is Homeward's embedded cluster, migrated as `npm start` does;
// the standby is a copy of it taken while it was stopped (the binaries have no pg_basebackup),
// started with `standby.signal` and `primary_conninfo`, which streams the primary's WAL. The
// application then reads statistics and exports there and writes to the primary, as with
// HOMEWARD_READ_DATABASE_URL in production. `server/read-replica.http.test.ts` keeps the same
// checks against the tests' PostgreSQL through a read-only login.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, chown, cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { ALL_QUEUES } from './jobs.js';
import { runCaseExport } from './modules/cases/index.js';
import { ensureDefaultInstrument } from './modules/monitoring/index.js';
import { systemClock } from './platform/actor.js';
import { loadConfig } from './platform/config.js';
import { FieldCipher } from './platform/crypto.js';
import { createDb, type Db } from './platform/db.js';
import { embeddedPostgresBinary, freePort, isRunning, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './platform/embedded-postgres.js';
import { APP_ROLE, migrate, prepareAppLogin } from './platform/migrate.js';
import { fixtures, householdInput, type Session } from './test-support/harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const READ_APP_NAME = 'homeward-read';

/** Polls `check` until it returns something other than undefined (errors count as not yet). */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}${last ? ` (${last instanceof Error ? last.message : String(last)})` : ''}`);
    await sleep(50);
  }
}

/** One query on a short-lived connection. */
async function query<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const withUrl = (url: string, change: (u: URL) => void) => {
  const u = new URL(url);
  change(u);
  return u.toString();
};

let root: string;
let primary: EmbeddedPostgresHandle | undefined;
let standby: ChildProcess | undefined;
let standbyExited: Promise<void> | undefined;
let standbyOutput = '';
let standbyPort: number;
let standbyOwnerUrl: string;
let primaryAppUrl: string;
let replicaAppUrl: string;
let db: Db | undefined;
let readDb: Db | undefined;
let app: FastifyInstance | undefined;
/** A connection of the test's own to the standby's `homeward`, named so that it is told apart from the application's. */
let observer: pg.Client | undefined;
let cipher: FieldCipher;

/** Last resort if the test process ends without its afterAll: the standby must not outlive it. */
const killStandby = () => {
  if (standby?.pid && isRunning(standby.pid)) process.kill(standby.pid, 'SIGQUIT');
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'homeward-streaming-'));
  // Run as root, PostgreSQL runs as the `postgres` user, which must enter this folder.
  await chmod(root, 0o755);
  const dataDir = path.join(root, 'primary');

  // 1. The primary: Homeward's embedded cluster, with the `homeward` database migrated as main.ts does.
  primary = await startEmbeddedPostgres(dataDir);
  const exists = await query<{ n: number }>(primary.ownerUrl('postgres'), `SELECT count(*)::int AS n FROM pg_database WHERE datname = 'homeward'`);
  if (!exists[0]?.n) await query(primary.ownerUrl('postgres'), 'CREATE DATABASE homeward');
  await migrate(primary.ownerUrl('homeward'), () => {}, ALL_QUEUES);
  const owner = createDb(primary.ownerUrl('homeward'), 1);
  await ensureDefaultInstrument(owner);
  await owner.destroy();
  await prepareAppLogin(primary.ownerUrl('homeward'), primary.secrets.appPassword);

  // 2. The standby, without pg_basebackup: a copy of the cluster stopped cleanly (a shutdown
  // checkpoint, nothing to recover), from which the standby asks the primary for the WAL that follows.
  await primary.stop();
  const standbyDir = path.join(root, 'standby');
  await cp(path.join(dataDir, 'pg'), standbyDir, { recursive: true });
  for (const leftover of ['postmaster.pid', 'postmaster.opts']) await rm(path.join(standbyDir, leftover), { force: true });
  primary = await startEmbeddedPostgres(dataDir); // on a new port
  const conninfo = [
    'host=127.0.0.1', `port=${primary.port}`, 'user=postgres',
    `password='${primary.secrets.ownerPassword.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, 'application_name=homeward-standby',
  ].join(' ');
  await writeFile(path.join(standbyDir, 'standby.signal'), '');
  await appendFile(
    path.join(standbyDir, 'postgresql.auto.conf'),
    `\n# Streaming replica of the primary (read-replica-streaming.process.test.ts)\n` +
      `primary_conninfo = '${conninfo.replace(/'/g, "''")}'\nhot_standby = on\nhot_standby_feedback = on\n`,
  );
  const asRoot = userInfo().uid === 0;
  const ids = asRoot
    ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
    : {};
  if (asRoot) {
    const chownAll = async (dir: string): Promise<void> => {
      await chown(dir, ids.uid!, ids.gid!);
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) await chownAll(p);
        else await chown(p, ids.uid!, ids.gid!);
      }
    };
    await chownAll(standbyDir);
  }
  await chmod(standbyDir, 0o700);
  standbyPort = await freePort();
  // A hot standby needs at least the primary's number of connections and worker processes.
  const [limits] = await query<{ connections: string; workers: string }>(primary.ownerUrl('postgres'),
    `SELECT current_setting('max_connections') AS connections, current_setting('max_worker_processes') AS workers`);
  standby = spawn(embeddedPostgresBinary(), [
    '-D', standbyDir, '-p', String(standbyPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    '-c', `max_connections=${limits!.connections}`, '-c', `max_worker_processes=${limits!.workers}`,
    '-c', 'jit=off',
  ], { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
  standby.stdout?.on('data', (c: Buffer) => void (standbyOutput += c.toString('utf8')));
  standby.stderr?.on('data', (c: Buffer) => void (standbyOutput += c.toString('utf8')));
  standbyExited = new Promise((resolve) => standby!.once('exit', () => resolve()));
  process.once('exit', killStandby);
  standbyOwnerUrl = withUrl(primary.ownerUrl('postgres'), (u) => void (u.port = String(standbyPort)));
  try {
    await waitFor('the standby to accept connections in recovery', async () =>
      (await query<{ r: boolean }>(standbyOwnerUrl, 'SELECT pg_is_in_recovery() AS r'))[0]?.r === true ? true : undefined);
    await waitFor('the primary to stream to the standby', async () =>
      (await query<{ state: string }>(primary!.ownerUrl('postgres'), `SELECT state FROM pg_stat_replication WHERE application_name = 'homeward-standby'`))[0]?.state === 'streaming' ? true : undefined);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nThe standby said:\n${standbyOutput.split('\n').slice(-15).join('\n')}`);
  }

  // 3. The application as main.ts builds it with HOMEWARD_READ_DATABASE_URL: the same login on the
  // replica (its role and password are replicated), under an application name of its own.
  primaryAppUrl = withUrl(primary.ownerUrl('homeward'), (u) => {
    u.username = APP_ROLE;
    u.password = encodeURIComponent(primary!.secrets.appPassword);
  });
  replicaAppUrl = withUrl(primaryAppUrl, (u) => {
    u.port = String(standbyPort);
    u.searchParams.set('application_name', READ_APP_NAME);
  });
  db = createDb(primaryAppUrl, 5);
  readDb = createDb(replicaAppUrl, 3);
  cipher = new FieldCipher(primary.secrets.secretKey);
  const config = { ...loadConfig({}), webDist: '/nonexistent', dataDir, readDatabaseUrl: replicaAppUrl };
  app = await buildApp({ db, readDb, clock: systemClock, config, cipher });
  observer = new pg.Client({ connectionString: withUrl(standbyOwnerUrl, (u) => {
    u.pathname = '/homeward';
    u.searchParams.set('application_name', 'homeward-test-observer');
  }) });
  observer.on('error', () => undefined);
  await observer.connect();
});

afterAll(async () => {
  await app?.close().catch(() => undefined);
  await db?.destroy().catch(() => undefined);
  await readDb?.destroy().catch(() => undefined);
  await observer?.end().catch(() => undefined);
  if (standby?.pid && isRunning(standby.pid)) {
    standby.kill('SIGINT'); // fast shutdown
    await Promise.race([standbyExited, sleep(5_000)]);
    if (isRunning(standby.pid)) {
      standby.kill('SIGKILL');
      await Promise.race([standbyExited, sleep(2_000)]);
    }
  }
  process.off('exit', killStandby);
  await primary?.stop().catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

/** What the application's read pool does on the standby, as the standby's own pg_stat_activity shows it. */
const readConnections = async () =>
  (await observer!.query<{ usename: string; datname: string; query: string; query_start: Date | null }>(
    `SELECT usename, datname, query, query_start FROM pg_stat_activity WHERE application_name = $1`, [READ_APP_NAME])).rows;

let caseworker: Session;
let reader: Session;
const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app!.inject({ method, url, payload: payload as never, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

describe('a streaming replica as the read database', () => {
  it('is a hot standby streaming from the primary, and takes no write', async () => {
    expect((await observer!.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r).toBe(true);
    const streaming = await query<{ state: string; client_addr: string }>(primary!.ownerUrl('postgres'),
      `SELECT state, client_addr::text FROM pg_stat_replication WHERE application_name = 'homeward-standby'`);
    expect(streaming).toEqual([{ state: 'streaming', client_addr: '127.0.0.1/32' }]);
    // The application's login on the standby may read but not write: a standby is read-only.
    const probeUrl = withUrl(replicaAppUrl, (u) => u.searchParams.set('application_name', 'homeward-test-probe'));
    await expect(query(probeUrl, `INSERT INTO rate_limit_hit (key, hits, window_ends_at) VALUES ('x', 1, now())`)).rejects.toMatchObject({ code: '25006' });
  });

  it('sends a full write flow to the primary, and the standby receives it by streaming', async () => {
    const fx = fixtures(db!, cipher);
    const organisation = await fx.organisation();
    const office = await fx.office(organisation.id);
    const signIn = async (roles: string[]): Promise<Session> => {
      const u = await fx.user({ roles, organisationId: organisation.id, officeId: office.id });
      const res = await app!.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: u.password } });
      expect(res.statusCode, res.body).toBe(200);
      return { cookie: `hw_session=${res.cookies.find((c) => c.name === 'hw_session')!.value}`, csrf: res.json().csrfToken };
    };
    caseworker = await signIn(['caseworker']);
    reader = await signIn(['me_officer']);

    const created = await call(caseworker, 'POST', '/api/cases', householdInput({ countryOfReturn: 'AF' }));
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    const noted = await call(caseworker, 'POST', `/api/cases/${caseId}/notes`, { body: 'Called the family.' });
    expect(noted.statusCode, noted.body).toBe(201);
    const requested = await call(caseworker, 'POST', '/api/cases/exports', { format: 'csv', filter: { q: created.json().caseNumber } });
    expect(requested.statusCode, requested.body).toBe(202);
    // Every one of those writes succeeded, and the standby takes none: they went to the primary. The
    // read pool has not even connected to the standby yet.
    expect(await readConnections()).toEqual([]);

    // Streamed: the case, its note and the export's row appear on the standby.
    const seen = await waitFor('the new case on the standby', async () => {
      const rows = (await observer!.query<{ notes: number; exports: number }>(
        `SELECT (SELECT count(*)::int FROM case_note WHERE case_id = $1) AS notes,
                (SELECT count(*)::int FROM case_export WHERE id = $2) AS exports
           FROM return_case WHERE id = $1`, [caseId, requested.json().id])).rows;
      return rows[0]?.notes === 1 && rows[0].exports === 1 ? rows[0] : undefined;
    }, 10_000);
    expect(seen).toEqual({ notes: 1, exports: 1 });

    // The export job reads the cases on the standby and writes its progress to the primary.
    expect(await runCaseExport(requested.json().id as string, { db: db!, readDb: readDb!, clock: systemClock, dataDir: path.join(root, 'primary') })).toBe('done');
    expect((await readConnections()).some((c) => /from "(return_case|vulnerability)"/.test(c.query)), JSON.stringify(await readConnections())).toBe(true);
    const job = await db!.selectFrom('case_export').select(['status', 'rows_done']).where('id', '=', requested.json().id as string).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', rows_done: 1 });
  });

  it('reads a statistics figure on the standby', async () => {
    const startedAt = (await observer!.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now;
    const figure = await call(reader, 'GET', '/api/statistics/figures/years?kind=voluntary_return');
    expect(figure.statusCode, figure.body).toBe(200);
    // The standby's own view of its sessions: the application's login, under the read pool's name,
    // in `homeward`, having just read the statistics' tables.
    const connections = await readConnections();
    const statistics = connections.filter((c) => c.query_start && c.query_start >= startedAt && /"stat_[a-z_]+"/.test(c.query));
    expect(statistics.length, JSON.stringify(connections)).toBeGreaterThan(0);
    expect(statistics.every((c) => c.usename === APP_ROLE && c.datname === 'homeward')).toBe(true);
  });

  it('is reported by the readiness check as a standby, with its lag', async () => {
    // (No job workers run in this test, so the node itself is not ready; the replica never decides that.)
    const ready = (await app!.inject({ method: 'GET', url: '/api/health/ready' })).json();
    expect(ready.checks.database).toBe('up');
    expect(ready.failed).not.toContain('replica');
    expect(ready.replica).toMatchObject({ status: 'up', standby: true });
    expect(typeof ready.replica.lagSeconds).toBe('number');
    expect(ready.replica.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(ready.replica.lagSeconds).toBeLessThan(60);
  });
});
