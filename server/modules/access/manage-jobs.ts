import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { failedJobs, jobQueueOverview, retryFailedJob } from '../../platform/jobs.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './access.errors.js';

/** Homeward's background job queues with their jobs by state, for administrators. */
export async function listJobQueues(_input: object, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'jobs.manage');
  return { items: await jobQueueOverview(db) };
}

/** The jobs that failed after their retries, newest first: which queue, which job, when, how many attempts. */
export async function listFailedJobs(input: { queue?: string; page: number; pageSize: number }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'jobs.manage');
  const page = await failedJobs(db, { queue: input.queue, limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  return { ...page, page: input.page, pageSize: input.pageSize };
}

/** Puts a failed job back to run, once; audited. */
export async function retryJob(input: { queue: string; id: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'jobs.manage');
  return db.transaction().execute(async (trx) => {
    if (!(await retryFailedJob(trx, input.queue, input.id))) throw errors.JOB_NOT_FAILED({ queue: input.queue });
    await audit(trx, auditContextOf(actor), { event: 'job.retried', entityType: 'job', entityId: input.id, details: { queue: input.queue } });
    return { id: input.id, queue: input.queue, state: 'retry' as const };
  });
}
