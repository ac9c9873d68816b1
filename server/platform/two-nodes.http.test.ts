import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { fixtures, householdInput, TestClock, testDatabase, type Session } from '../test-support/harness.js';
import { loadConfig } from './config.js';
import { FieldCipher, hashToken, newSecretKey } from './crypto.js';
import { createDb } from './db.js';
import { postgresRateLimitStore, purgeRateLimits } from './rate-limit-store.js';

// Two Homeward nodes on one database, as behind a reverse proxy: two applications, each with its
// own pool (as two processes would have), the same secret key and settings. Requests alternate
// between them; nothing one node keeps in memory may let the other answer differently.
const { db, appUrl, ownerUrl } = await testDatabase();
const secondPool = createDb(appUrl, 5);
const clock = new TestClock();
const LIMIT = 6;
const config = {
  ...loadConfig({}), webDist: '/nonexistent', loginRatePerMinute: LIMIT,
  // A node keeps a resolved session for a minute here: only the database's notice can end it sooner.
  sessionCacheMs: 60_000,
};
const cipher = new FieldCipher(newSecretKey());
const nodeA = await buildApp({ db, clock, config, cipher });
const nodeB = await buildApp({ db: secondPool, clock, config, cipher });
afterAll(async () => {
  await nodeA.close();
  await nodeB.close();
  await secondPool.destroy();
});

const fx = fixtures(db, cipher);
const organisation = await fx.organisation();
const office = await fx.office(organisation.id);

// Sign-ins made to set up the tests below, all from 127.0.0.1: fewer than LIMIT in a minute.
async function signIn(node: FastifyInstance, email: string, password: string): Promise<Session> {
  const res = await node.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `hw_session=${res.cookies.find((c) => c.name === 'hw_session')!.value}`, csrf: res.json().csrfToken };
}
const call = (node: FastifyInstance, s: Session, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  node.inject({ method, url, payload: payload as never, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers } });
const me = async (node: FastifyInstance, s: Session) => (await call(node, s, 'GET', '/api/auth/me')).statusCode;

/** Polls until `node` refuses the session; answers how long it took (ms), or throws past `withinMs`. */
async function refusedWithin(node: FastifyInstance, s: Session, withinMs: number) {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if ((await me(node, s)) === 401) return performance.now() - started;
    await sleep(10);
  }
  throw new Error(`the session was still accepted after ${withinMs} ms`);
}

describe('two nodes on one database', () => {
  it('open a session signed in on A on B; ended on B, A refuses it at once (not after its minute of cache)', async () => {
    const u = await fx.user({ roles: ['caseworker'], organisationId: organisation.id, officeId: office.id });
    const s = await signIn(nodeA, u.email, u.password);
    expect(await me(nodeB, s)).toBe(200);
    // Both nodes have the session resolved and kept.
    expect(await me(nodeA, s)).toBe(200);
    expect(await me(nodeB, s)).toBe(200);
    expect((await call(nodeB, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect(await me(nodeB, s)).toBe(401);
    // The notice reaches A with the commit: well under a second (its cache would keep it a minute).
    expect(await refusedWithin(nodeA, s, 1_000)).toBeLessThan(1_000);
    expect(await me(nodeA, s)).toBe(401);
  });

  it('drop a session ended by a third process (no request to either node) on both', async () => {
    const u = await fx.user({ roles: ['caseworker'], organisationId: organisation.id, officeId: office.id });
    const s = await signIn(nodeB, u.email, u.password);
    expect(await me(nodeA, s)).toBe(200);
    expect(await me(nodeB, s)).toBe(200);
    const other = new pg.Client({ connectionString: ownerUrl });
    await other.connect();
    try {
      await other.query('UPDATE user_session SET revoked_at = now() WHERE token_hash = $1', [hashToken(s.cookie.replace(/^hw_session=/, ''))]);
    } finally {
      await other.end();
    }
    await refusedWithin(nodeA, s, 1_000);
    await refusedWithin(nodeB, s, 1_000);
  });

  it('listen again after losing the listening connection, and drop an ended session as before', async () => {
    const u = await fx.user({ roles: ['caseworker'], organisationId: organisation.id, officeId: office.id });
    const s = await signIn(nodeA, u.email, u.password);
    const other = new pg.Client({ connectionString: ownerUrl });
    await other.connect();
    try {
      const listeners = async () => (await other.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'homeward-sessions' AND datname = current_database()")).rows.map((r) => r.pid);
      const before = await listeners();
      expect(before).toHaveLength(2);
      await other.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      const started = performance.now();
      let now: number[] = [];
      while (performance.now() - started < 5_000) {
        now = await listeners();
        if (now.length === 2 && now.every((pid) => !before.includes(pid))) break;
        await sleep(50);
      }
      expect(now.filter((pid) => !before.includes(pid))).toHaveLength(2);
      expect(await me(nodeA, s)).toBe(200);
      expect(await me(nodeB, s)).toBe(200);
      await other.query('UPDATE user_session SET revoked_at = now() WHERE token_hash = $1', [hashToken(s.cookie.replace(/^hw_session=/, ''))]);
    } finally {
      await other.end();
    }
    await refusedWithin(nodeA, s, 1_000);
    await refusedWithin(nodeB, s, 1_000);
  });

  it('replay on B an idempotent creation first sent to A, and create once', async () => {
    const u = await fx.user({ roles: ['caseworker'], organisationId: organisation.id, officeId: office.id });
    const s = await signIn(nodeA, u.email, u.password);
    const headers = { 'idempotency-key': 'two-nodes-register' };
    const first = await call(nodeA, s, 'POST', '/api/cases', householdInput(), headers);
    expect(first.statusCode, first.body).toBe(201);
    const replay = await call(nodeB, s, 'POST', '/api/cases', householdInput(), headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replay']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    expect(replay.headers.etag).toBe(first.headers.etag);
    const created = await db.selectFrom('return_case').select('id').where('created_by', '=', u.id).execute();
    expect(created.map((c) => c.id)).toEqual([first.json().id]);
  });

  it('count sign-in attempts from one address on A and B together: the limit is the configured total, not twice it', async () => {
    const address = '203.0.113.7';
    const attempt = (node: FastifyInstance, i: number) => node.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: address,
      payload: { email: `nobody-${i}@example.org`, password: 'not-a-password' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await attempt(i % 2 ? nodeB : nodeA, i)).statusCode);
    // LIMIT refusals of the sign-in itself, then the limit, on whichever node is asked.
    expect(statuses.slice(0, LIMIT).every((code) => code === 401), statuses.join(',')).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    // Another address still has its own allowance.
    const other = await nodeB.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.8', payload: { email: 'nobody@example.org', password: 'not-a-password' } });
    expect(other.statusCode).toBe(401);
    // The counters name no address in clear: keyed hashes only.
    const keys = await db.selectFrom('rate_limit_hit').select(['key', 'hits']).execute();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k.key).toMatch(/^[0-9a-f]{64}$/);
      expect(k.key).not.toContain(address);
    }
    expect(keys.map((k) => k.hits)).toContain(LIMIT + 2);
  });
});

describe('the rate-limit counters in PostgreSQL', () => {
  const Store = postgresRateLimitStore(db, (v) => cipher.digest('rate-limit', v));
  const store = new Store({}).child({ routeInfo: { method: 'POST', url: '/api/test-window' } } as never);
  const incr = (client: string, windowMs: number) => new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(client, (err, res) => (err ? reject(err) : resolve(res!)), windowMs, 3));

  it('count within a window, start again once it has passed, and are purged once expired', async () => {
    // A window of two seconds: long enough that the second hit falls in it on a busy machine.
    expect((await incr('198.51.100.1', 2_000)).current).toBe(1);
    const second = await incr('198.51.100.1', 2_000);
    expect(second.current).toBe(2);
    expect(second.ttl).toBeGreaterThan(0);
    expect(second.ttl).toBeLessThanOrEqual(2_000);
    expect((await incr('198.51.100.2', 2_000)).current).toBe(1);
    await sleep(2_100);
    expect((await incr('198.51.100.1', 60_000)).current).toBe(1);
    // The other address's window has ended: the purge removes it and keeps the live one.
    const before = await db.selectFrom('rate_limit_hit').select('key').execute();
    expect(await purgeRateLimits(db)).toBeGreaterThanOrEqual(1);
    const after = await db.selectFrom('rate_limit_hit').select('key').execute();
    expect(after.length).toBeLessThan(before.length);
    expect(after.map((r) => r.key)).toContain(cipher.digest('rate-limit', 'POST /api/test-window\n198.51.100.1'));
  });
});
