import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TestClock, testDatabase } from '../test-support/harness.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from './idempotency.js';
import { purgeExpired, SCHEDULER_QUEUE, startJobs, type JobDefinition } from './jobs.js';

const { db, appUrl } = await testDatabase();

describe('the job queue in PostgreSQL', () => {
  it('runs a job sent to a queue, as the application role, once', async () => {
    const seen: unknown[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const definitions: JobDefinition[] = [{ queue: 'platform.purge-expired', handler: async (data) => void (seen.push(data), done()) }];
    const runner = await startJobs(appUrl, definitions, () => undefined);
    try {
      const id = await runner.send('platform.purge-expired', { reason: 'test' });
      expect(id).toMatch(/[0-9a-f-]{36}/);
      await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error('the job did not run within 20 s')), 20_000))]);
      expect(seen).toEqual([{ reason: 'test' }]);
    } finally {
      await runner.stop();
    }
  }, 30_000);

  it('says when PostgreSQL ends its connections while it runs, and not once it is stopping', async () => {
    const said: string[] = [];
    const runner = await startJobs(appUrl, [{ queue: 'platform.purge-expired', handler: async () => undefined }], (m) => said.push(m));
    // As PostgreSQL does when it shuts down: each of the queue's connections ended with 57P01.
    const endConnections = () => sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'pgboss' AND datname = current_database() AND pid <> pg_backend_pid()`.execute(db);
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await endConnections();
    await until(() => said.length > 0);
    expect(said.some((m) => m.startsWith('job queue: terminating connection due to administrator command'))).toBe(true);
    said.length = 0;
    const stopped = runner.stop().catch(() => undefined);
    await endConnections();
    await stopped;
    await new Promise((r) => setTimeout(r, 500));
    expect(said.filter((m) => m.includes('terminating connection'))).toEqual([]);
  }, 30_000);

  it('schedules the platform’s recurring purge', async () => {
    const runner = await startJobs(appUrl, [{ queue: 'platform.purge-expired', cron: '17 * * * *', handler: async () => undefined }], () => undefined);
    try {
      const schedules = await db.selectFrom('pgboss.schedule' as never).select(['name' as never, 'cron' as never]).execute();
      expect(schedules).toEqual([{ name: 'platform.purge-expired', cron: '17 * * * *' }]);
      // The scheduler's own queue exists: the application role could not create it, and without it no slot is ever sent.
      const queues = await db.selectFrom('pgboss.queue' as never).select('name' as never).where('name' as never, '=', SCHEDULER_QUEUE as never).execute();
      expect(queues).toEqual([{ name: SCHEDULER_QUEUE }]);
    } finally {
      await runner.stop();
    }
  }, 30_000);
});

describe('purging what has expired', () => {
  it('removes idempotency keys past their lifetime and keeps the others', async () => {
    const clock = new TestClock(new Date('2026-06-01T12:00:00Z'));
    const userId = '00000000-0000-4000-8000-000000000001';
    const at = (ms: number) => new Date(clock.now().getTime() - ms);
    const row = (key: string, created_at: Date) => ({ user_id: userId, key, route: 'POST /api/cases', status: 201, response: '{}', fingerprint: null, etag: null, created_at });
    await db.insertInto('idempotency_key').values([row('old', at(IDEMPOTENCY_KEY_LIFETIME_MS + 60_000)), row('fresh', at(60_000))]).execute();
    const purged = await purgeExpired(db, clock);
    expect(purged.idempotencyKeys).toBe(1);
    const left = await db.selectFrom('idempotency_key').select('key').where('user_id', '=', userId).execute();
    expect(left.map((r) => r.key)).toEqual(['fresh']);
  });
});
