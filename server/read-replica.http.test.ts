import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { runCaseExport } from './modules/cases/index.js';
import { fixtures, householdInput, TestClock, testDatabase, type Session } from './test-support/harness.js';
import { loadConfig } from './platform/config.js';
import { FieldCipher, newSecretKey } from './platform/crypto.js';
import { createDb } from './platform/db.js';
import { APP_ROLE } from './platform/migrate.js';

// HOMEWARD_READ_DATABASE_URL: statistics and exports read through a second pool, everything else
// and every write through the primary. A real streaming replica runs in
// read-replica-streaming.process.test.ts, on an embedded primary of its own. This file checks the
// same against the PostgreSQL the tests run against (CI's system server), which refuses replication
// connections when its pg_hba.conf has no `replication` line (CI's has none, and its configuration
// is not changed): the read pool here is a second URL to the same server through a login whose every
// transaction is read-only (default_transaction_read_only): anything written through it fails, so a
// write flow that passes went to the primary, and the reads are seen on that login's connections.
const { db, appUrl, ownerUrl } = await testDatabase();
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();

const replication = await new Promise<string>((resolve) => {
  // What pg_basebackup -X stream opens first: a physical replication connection.
  const probe = new pg.Client({ connectionString: ownerUrl, replication: 'true' } as pg.ClientConfig);
  probe.connect().then(
    () => void probe.end().then(() => resolve('replication connections are allowed here; the streaming replica runs in read-replica-streaming.process.test.ts')),
    (err: Error) => resolve(`a replication connection is refused: ${err.message}`),
  );
});
console.log(`[read-replica test] no streaming replica here (${replication}); the read pool is a read-only login on the same server.`);

const reader = `homeward_reader_${randomBytes(4).toString('hex')}`;
const readerPassword = randomBytes(12).toString('hex');
await owner.query(`CREATE ROLE ${reader} LOGIN PASSWORD '${readerPassword}' IN ROLE ${APP_ROLE}`);
await owner.query(`ALTER ROLE ${reader} SET default_transaction_read_only = on`);
const readUrl = new URL(appUrl);
readUrl.username = reader;
readUrl.password = readerPassword;
readUrl.searchParams.set('application_name', 'homeward-read-test');
const readDb = createDb(readUrl.toString(), 3);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-read-replica-'));
const clock = new TestClock(new Date());
const cipher = new FieldCipher(newSecretKey());
const config = { ...loadConfig({}), webDist: '/nonexistent', dataDir, readDatabaseUrl: readUrl.toString() };
const app = await buildApp({ db, readDb, clock, config, cipher });
const unreachable = createDb('postgres://nobody:nothing@127.0.0.1:1/none', 1);
const cutOff = await buildApp({ db, readDb: unreachable, clock, config, cipher });

afterAll(async () => {
  await app.close();
  await cutOff.close();
  await readDb.destroy();
  await unreachable.destroy();
  await owner.query(`DROP ROLE IF EXISTS ${reader}`);
  await owner.end();
  rmSync(dataDir, { recursive: true, force: true });
});

const fx = fixtures(db, cipher);
const organisation = await fx.organisation();
const office = await fx.office(organisation.id);
async function signIn(roles: string[]): Promise<Session> {
  const u = await fx.user({ roles, organisationId: organisation.id, officeId: office.id });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: u.password } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `hw_session=${res.cookies.find((c) => c.name === 'hw_session')!.value}`, csrf: res.json().csrfToken };
}
const call = (node: FastifyInstance, s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  node.inject({ method, url, payload: payload as never, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers } });

/** What the read login's connections last ran (since `after`, the server's clock), as PostgreSQL shows them. */
const readerQueries = async (after = new Date(0)) =>
  (await owner.query<{ query: string }>('SELECT query FROM pg_stat_activity WHERE usename = $1 AND datname = current_database() AND query_start > $2', [reader, after])).rows.map((r) => r.query);
const serverNow = async () => (await owner.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now;

const caseworker = await signIn(['caseworker']);
const viewer = await signIn(['me_officer']);

describe('a read database for statistics and exports', () => {
  it('serves a statistics figure and its export from the read database; the cases, their changes and the export’s audit go to the primary', async () => {
    expect(await readerQueries()).toEqual([]);
    // A write flow with the read database configured: registration, a note, a change.
    const created = await call(app, caseworker, 'POST', '/api/cases', householdInput({ countryOfReturn: 'AF' }));
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    expect((await call(app, caseworker, 'POST', `/api/cases/${caseId}/notes`, { body: 'Called the family.' })).statusCode).toBe(201);
    const changed = await call(app, caseworker, 'PATCH', `/api/cases/${caseId}`, { countryOfReturn: 'IQ' }, { 'if-match': created.headers.etag as string });
    expect(changed.statusCode, changed.body).toBe(200);
    // Nothing of it was read or written through the read login.
    expect(await readerQueries()).toEqual([]);
    // The write is there to read on the read database.
    expect((await readDb.selectFrom('return_case').select('country_of_return').where('id', '=', caseId).executeTakeFirstOrThrow()).country_of_return).toBe('IQ');

    await db.updateTable('return_case').set({ stage: 'departed', departed_on: new Date().toISOString().slice(0, 10) }).where('id', '=', caseId).execute();
    const before = await serverNow();
    const figure = await call(app, viewer, 'GET', '/api/statistics/figures/origins?top=5');
    expect(figure.statusCode, figure.body).toBe(200);
    expect(JSON.stringify(figure.json())).toContain('IQ');
    const seen = await readerQueries(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((q) => /"stat_[a-z_]+"/.test(q)), seen.join('\n')).toBe(true);

    const exported = await call(app, viewer, 'GET', '/api/statistics/figures/origins/export?format=csv&top=5');
    expect(exported.statusCode, exported.body).toBe(200);
    const audited = await db.selectFrom('audit_event').select('event').where('event', '=', 'statistics.export.downloaded').execute();
    expect(audited).toHaveLength(1);
  });

  it('reads the cases of a case-list export from the read database, and records the job on the primary', async () => {
    const created = await call(app, caseworker, 'POST', '/api/cases', householdInput());
    expect(created.statusCode, created.body).toBe(201);
    const requested = await call(app, caseworker, 'POST', '/api/cases/exports', { format: 'csv', filter: { q: created.json().caseNumber } });
    expect(requested.statusCode, requested.body).toBe(202);
    const id = requested.json().id as string;
    const casesRead = (queries: string[]) => queries.filter((q) => /from "(return_case|vulnerability)"/.test(q));
    const before = await serverNow();
    expect(await runCaseExport(id, { db, readDb, clock, dataDir })).toBe('done');
    expect(casesRead(await readerQueries(before))).not.toEqual([]);
    const job = await db.selectFrom('case_export').select(['status', 'rows_done']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', rows_done: 1 });
  });

  it('is reported by the readiness check: reachable (not a standby here), or down without making the node not ready', async () => {
    const ready = (await app.inject({ method: 'GET', url: '/api/health/ready' })).json();
    expect(ready.replica).toEqual({ status: 'up', standby: false, lagSeconds: null });
    const down = (await cutOff.inject({ method: 'GET', url: '/api/health/ready' })).json();
    expect(down.replica).toEqual({ status: 'down', standby: null, lagSeconds: null });
    expect(down.failed).not.toContain('replica');
    expect(down.failed).toEqual(ready.failed);
  });

  it('takes no write: the read login is read-only', async () => {
    await expect(sql`INSERT INTO rate_limit_hit (key, hits, window_ends_at) VALUES ('x', 1, now())`.execute(readDb))
      .rejects.toMatchObject({ code: '25006' });
  });
});
