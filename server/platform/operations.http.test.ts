import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../test-support/harness.js';
import { provideJobSender } from './jobs.js';
import { auditWriteFailures, watchDatabase } from './metrics.js';

/** Health for load balancers and service managers, and Prometheus metrics behind a token. */
const TOKEN = 'metrics-token-for-the-test-0123456789';
const closed = await testApp();
const open = await testApp({ config: { metricsToken: TOKEN } });
watchDatabase(open.db);
afterAll(() => {
  provideJobSender(null);
  watchDatabase(undefined);
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('health', () => {
  it('/api/health/live answers 200 without a session', async () => {
    const res = await closed.call(null, 'GET', '/api/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'live' });
  });

  it('/api/health/ready names the failed check: the job queue when this process works none', async () => {
    provideJobSender(null);
    const res = await closed.call(null, 'GET', '/api/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not-ready', checks: { database: 'up', migrations: 'applied', jobs: 'stopped' }, failed: ['jobs'] });
  });

  it('/api/health/ready is 200 with the database up, every migration applied and the queue running', async () => {
    provideJobSender({ send: async () => null, running: () => true });
    const res = await closed.call(null, 'GET', '/api/health/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'up', migrations: 'applied', jobs: 'running' }, failed: [] });
    provideJobSender({ send: async () => null, running: () => false });
    expect((await closed.call(null, 'GET', '/api/health/ready')).json().failed).toEqual(['jobs']);
  });

  it('/api/health/ready says which migration check failed when one is not recorded', async () => {
    provideJobSender({ send: async () => null, running: () => true });
    const pg = (await import('pg')).default;
    const owner = new pg.Client({ connectionString: closed.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`DELETE FROM schema_migration WHERE name = '0053_platform_readiness.sql'`);
      const res = await closed.call(null, 'GET', '/api/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ checks: { migrations: 'pending' }, failed: ['migrations'] });
    } finally {
      await owner.query(`INSERT INTO schema_migration (name) VALUES ('0053_platform_readiness.sql') ON CONFLICT DO NOTHING`);
      await owner.end();
    }
  });

  it('/api/health still answers as before', async () => {
    const res = await closed.call(null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('the routes are in the OpenAPI document with their answers', async () => {
    const doc = (await closed.call(null, 'GET', '/api/openapi.json')).json();
    expect(Object.keys(doc.paths['/api/health/ready'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
    expect(doc.paths['/api/health/live'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/metrics'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/metrics'].get.security).toEqual([{ metricsToken: [] }]);
  });
});

describe('metrics', () => {
  it('without a configured token the endpoint does not exist, whatever is sent', async () => {
    const res = await closed.call(null, 'GET', '/api/metrics');
    expect(res.statusCode).toBe(404);
    // The same answer as a route that does not exist.
    expect(res.json()).toEqual((await closed.call(null, 'GET', '/api/metrics-nowhere')).json());
    expect((await closed.call(null, 'GET', '/api/metrics', undefined, { authorization: 'Bearer ' })).statusCode).toBe(404);
    expect((await closed.call(null, 'GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(404);
  });

  it('with a token configured: 401 without it or with another, even for a signed-in user', async () => {
    const admin = (await open.officeWith(['administrator'])).users.administrator!.session;
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
      const res = await open.call(null, 'GET', '/api/metrics', undefined, headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await open.call(admin, 'GET', '/api/metrics')).statusCode).toBe(401);
  });

  it('answers the Prometheus text format, with route templates and no ids in any label', async () => {
    const { users } = await open.officeWith(['caseworker']);
    const missing = '0b4c7d7e-1f43-4a7e-9b59-2d1f0f0c2a11';
    expect((await open.call(users.caseworker!.session, 'GET', `/api/cases/${missing}`)).statusCode).toBe(404);
    await open.call(null, 'GET', `/api/no-such-route/${missing}`);
    auditWriteFailures.inc(0);
    const res = await open.call(null, 'GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toContain('# TYPE homeward_http_requests_total counter');
    expect(text).toContain('# TYPE homeward_http_request_duration_seconds histogram');
    expect(text).toMatch(/homeward_http_requests_total\{method="GET",route="\/api\/cases\/:id",status="4xx"\} [1-9]/);
    expect(text).toMatch(/homeward_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/api\/cases\/:id"\}/);
    expect(text).toMatch(/homeward_http_requests_total\{method="GET",route="unmatched",status="4xx"\}/);
    expect(text).toMatch(/homeward_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/homeward_db_pool_connections\{state="waiting"\} \d+/);
    // A count of the whole process: other test files of this worker may have made audit writes fail on purpose.
    expect(text).toMatch(/^homeward_audit_write_failures_total \d+$/m);
    expect(text).toContain('homeward_embedded_database_restarts_total 0');
    expect(text).toContain('# TYPE homeward_job_queue_jobs gauge');
    expect(text).toContain('# TYPE homeward_job_failures_total counter');
    expect(text).toContain('homeward_nodejs_eventloop_lag_seconds');
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('@');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('counts the job queue per queue and state', async () => {
    await sql`INSERT INTO pgboss.job (name, data, state) VALUES ('platform.purge-expired', '{}', 'failed')`.execute(open.db);
    const text = (await open.call(null, 'GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}` })).body;
    expect(text).toMatch(/homeward_job_queue_jobs\{queue="platform.purge-expired",state="failed"\} [1-9]/);
  });
});
