import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test-support/harness.js';

/**
 * Administrators see the background job queues and the jobs that failed after their retries (the
 * dead letters), and put one back to run. pg-boss keeps the jobs in its own schema; a job is made
 * to fail here as pg-boss leaves one that threw on its last attempt.
 */
const t = await testApp();
const { call, officeWith, db } = t;
const team = await officeWith(['administrator', 'caseworker']);
const admin = team.users.administrator.session;

async function failedJob(queue: string, data: object) {
  const row = await sql<{ id: string }>`
    INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, started_on, completed_on, output)
    VALUES (${queue}, ${JSON.stringify(data)}::jsonb, 'failed', 3, 3, now() - interval '1 minute', now(), ${JSON.stringify({ message: 'Failing row contains (Zaynab Khalil)' })}::jsonb)
    RETURNING id`.execute(db);
  return row.rows[0]!.id;
}

describe('background jobs for administrators', () => {
  it('lists the queues with their jobs by state, and the failed jobs without their data or error', async () => {
    const id = await failedJob('imports.run', { runId: '00000000-0000-4000-8000-000000000001' });
    const queues = await call(admin, 'GET', '/api/admin/jobs');
    expect(queues.statusCode, queues.body).toBe(200);
    const names = queues.json().items.map((q: { queue: string }) => q.queue);
    expect(names).toContain('imports.run');
    expect(names).not.toContain('__pgboss__send-it');
    expect(queues.json().items.find((q: { queue: string }) => q.queue === 'imports.run')).toMatchObject({ failed: 1 });

    const failed = await call(admin, 'GET', '/api/admin/jobs/failed?queue=imports.run');
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ total: 1, items: [{ id, queue: 'imports.run', attempts: 4 }] });
    expect(failed.body).not.toContain('Zaynab');
    expect(failed.body).not.toContain('runId');
    const other = await call(admin, 'GET', '/api/admin/jobs/failed?queue=statistics.report');
    expect(other.json()).toMatchObject({ total: 0, items: [] });
  });

  it('puts a failed job back to run once, audited', async () => {
    const id = await failedJob('cases.export', { exportId: '00000000-0000-4000-8000-000000000002' });
    const retried = await call(admin, 'POST', `/api/admin/jobs/cases.export/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toEqual({ id, queue: 'cases.export', state: 'retry' });
    const job = await sql<{ state: string; retry_limit: number }>`SELECT state, retry_limit FROM pgboss.job WHERE id = ${id}::uuid`.execute(db);
    // One more attempt than it had made.
    expect(job.rows[0]).toEqual({ state: 'retry', retry_limit: 4 });
    const again = await call(admin, 'POST', `/api/admin/jobs/cases.export/${id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('JOB_NOT_FAILED');
    const audited = await db.selectFrom('audit_event').select(['entity_id', 'details']).where('event', '=', 'job.retried').execute();
    expect(audited).toEqual([{ entity_id: id, details: { queue: 'cases.export' } }]);
  });

  it('is for administrators only, and refuses a malformed queue or id', async () => {
    const caseworker = team.users.caseworker.session;
    expect((await call(caseworker, 'GET', '/api/admin/jobs')).statusCode).toBe(403);
    expect((await call(caseworker, 'GET', '/api/admin/jobs/failed')).statusCode).toBe(403);
    expect((await call(caseworker, 'POST', '/api/admin/jobs/imports.run/00000000-0000-4000-8000-000000000003/retry')).statusCode).toBe(403);
    expect((await call(admin, 'POST', '/api/admin/jobs/imports.run/not-an-id/retry')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/admin/jobs/failed?queue=DROP%20TABLE')).statusCode).toBe(400);
  });
});
