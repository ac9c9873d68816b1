import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import type { Clock } from './actor.js';
import type { Db, Executor } from './db.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from './idempotency.js';
import { purgeOldSessions } from './session.js';
import { purgeRateLimits } from './rate-limit-store.js';

/**
 * Background work runs on one job queue kept in PostgreSQL (pg-boss, schema `pgboss`): no timer in
 * one process, so several Homeward processes share the work, a job survives a restart, and a
 * scheduled job runs once per slot whichever process picks it up.
 *
 * The queue's tables are created and upgraded by `installJobQueue` at migration time, as the
 * database owner, with every queue Homeward knows (pg-boss keeps each queue in a table of its own,
 * which only the owner may create). The application role then sends, fetches and completes jobs
 * (`startJobs`), and never creates anything.
 */
export const JOB_SCHEMA = 'pgboss';

/** The queue through which pg-boss's scheduler sends the slots of recurring jobs. */
export const SCHEDULER_QUEUE = '__pgboss__send-it';

/** The platform's own queues; a module adds its own through `server/jobs.ts`. */
export const PLATFORM_QUEUES = ['platform.purge-expired', 'platform.backup'] as const;

export interface JobDefinition {
  queue: string;
  /** Cron expression (UTC) for a recurring job; without it, the job runs when sent. */
  cron?: string;
  handler: (data: unknown) => Promise<void>;
}

/** Creates or upgrades the queue's schema and the queues, as the owner; grants the application role its use. */
export async function installJobQueue(ownerUrl: string, queues: readonly string[], appRole: string) {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, max: 2, supervise: false, schedule: false, migrate: true });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const name of queues) if (!existing.has(name)) await boss.createQueue(name, { name, policy: 'standard', retryLimit: 3, retryDelay: 60, retryBackoff: true });
    // pg-boss's own queue for recurring jobs: its scheduler (in `startJobs`) sends each due slot
    // through it, and would try to create it as the application role, which may not create tables.
    if (!existing.has(SCHEDULER_QUEUE)) await boss.createQueue(SCHEDULER_QUEUE);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const db = (await import('./db.js')).createDb(ownerUrl, 1);
  try {
    await sql.raw(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${appRole}`).execute(db);
    await sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${appRole}`).execute(db);
    await sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${appRole}`).execute(db);
    await sql.raw(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${appRole}`).execute(db);
  } finally {
    await db.destroy();
  }
}

export interface JobRunner {
  /** Sends a job now (or at `startAfter`); returns its id. */
  send(queue: string, data?: object, options?: { startAfter?: Date; singletonKey?: string }): Promise<string | null>;
  stop(): Promise<void>;
  /** Whether the workers run (started, not stopped): the readiness check asks. */
  running(): boolean;
}

/** SQLSTATE of a connection PostgreSQL ends as it shuts down ("terminating connection due to administrator command"). */
const ADMIN_SHUTDOWN = '57P01';

/**
 * Starts working the queues as the application role: each definition's handler runs for its jobs,
 * recurring ones are scheduled (pg-boss runs each slot once across processes). A job that throws
 * is retried with backoff, then kept as failed.
 */
export async function startJobs(
  appUrl: string,
  definitions: readonly JobDefinition[],
  log: (m: string) => void,
  onFailure: (queue: string) => void = () => {},
): Promise<JobRunner> {
  // A job that failed after its retries stays in its queue for FAILED_JOBS_KEPT_DAYS, where an
  // administrator sees it and may retry it in place (`retryFailedJob`), then goes to the archive.
  const boss = new PgBoss({
    connectionString: appUrl, schema: JOB_SCHEMA, max: 4, migrate: false, supervise: true, schedule: true,
    archiveFailedAfterSeconds: FAILED_JOBS_KEPT_DAYS * 24 * 3600,
  });
  let stopping = false;
  boss.on('error', (err: Error & { code?: string }) => {
    // Once stopping, pg-boss's connections are closing, and PostgreSQL (the embedded one is stopped
    // right after) may end one first: not a fault to report. Other errors are still said.
    if (stopping && err.code === ADMIN_SHUTDOWN) return;
    log(`job queue: ${err.message}`);
  });
  let running = false;
  boss.on('stopped', () => (running = false));
  await boss.start();
  running = true;
  for (const d of definitions) {
    await boss.work(d.queue, async (jobs) => {
      try {
        for (const job of jobs) await d.handler(job.data);
      } catch (err) {
        onFailure(d.queue);
        throw err;
      }
    });
    if (d.cron) await boss.schedule(d.queue, d.cron, {}, { tz: 'UTC' });
    else await boss.unschedule(d.queue).catch(() => undefined);
  }
  return {
    send: (queue, data = {}, options = {}) => boss.send(queue, data, options),
    stop: async () => {
      running = false;
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    },
    running: () => running,
  };
}

let sender: Pick<JobRunner, 'send'> & Partial<Pick<JobRunner, 'running'>> | null = null;
/** Connects the running job queue (`main.ts`, after `startJobs`) to the routes that send jobs. */
export function provideJobSender(runner: Pick<JobRunner, 'send'> & Partial<Pick<JobRunner, 'running'>> | null) {
  sender = runner;
}

/** Whether this process works the job queue: connected and running (the readiness check). */
export function jobQueueRunning(): boolean {
  return sender !== null && (sender.running?.() ?? true);
}
/**
 * Sends a job from a request. Without a connected queue (tests that work jobs themselves) nothing
 * is sent and the record the job would work stays queued.
 */
export async function sendJob(queue: string, data: object, options: { singletonKey?: string } = {}) {
  return sender ? sender.send(queue, data, options) : null;
}

/**
 * Removes what has outlived its use: idempotency keys older than their lifetime, sessions ended a
 * week ago; and empties the single sign-on ID token of every session that no longer opens
 * Homeward (ended, past its lifetime, or idle longer than `sessionIdleMinutes` when given).
 */
export async function purgeExpired(db: Db, clock: Clock, options: { sessionIdleMinutes?: number } = {}) {
  const keys = await db
    .deleteFrom('idempotency_key')
    .where('created_at', '<', new Date(clock.now().getTime() - IDEMPOTENCY_KEY_LIFETIME_MS))
    .executeTakeFirst();
  const sessions = await purgeOldSessions(db, clock, options.sessionIdleMinutes);
  const rateLimits = await purgeRateLimits(db);
  return { idempotencyKeys: Number(keys.numDeletedRows), rateLimits, idTokensCleared: sessions.idTokensCleared };
}

/** The platform's recurring jobs: the purge, every hour. */
export const platformJobs = (db: Db, clock: Clock, options: { sessionIdleMinutes?: number } = {}): JobDefinition[] => [
  { queue: 'platform.purge-expired', cron: '17 * * * *', handler: async () => void (await purgeExpired(db, clock, options)) },
];

/** How long a job that failed after its retries stays in the queue, where an administrator can retry it in place. */
export const FAILED_JOBS_KEPT_DAYS = 14;

/** Homeward's queues, as created at migration time (pg-boss's own scheduling queue left out). */
async function homewardQueues(db: Executor): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${JOB_SCHEMA}.queue`)} WHERE name <> ${SCHEDULER_QUEUE} ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export interface QueueOverview {
  queue: string;
  waiting: number;
  active: number;
  /** Failed after their retries, still in the queue (retryable in place). */
  failed: number;
  /** Completed in the last 24 hours. */
  completedLastDay: number;
}

/**
 * Each of Homeward's queues with its jobs by state, read from pg-boss's tables: what is waiting
 * (created, or to retry), running, failed after its retries, and done in the last day.
 */
export async function jobQueueOverview(db: Executor): Promise<QueueOverview[]> {
  const queues = await homewardQueues(db);
  const rows = await sql<{ name: string; waiting: number; active: number; failed: number; completed: number }>`
    SELECT name,
           count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS waiting,
           count(*) FILTER (WHERE state = 'active')::int AS active,
           count(*) FILTER (WHERE state = 'failed')::int AS failed,
           count(*) FILTER (WHERE state = 'completed' AND completed_on > now() - interval '1 day')::int AS completed
      FROM ${sql.table(`${JOB_SCHEMA}.job`)}
     WHERE name = ANY(${[...queues]}::text[])
     GROUP BY name`.execute(db);
  const byName = new Map(rows.rows.map((r) => [r.name, r]));
  return queues.map((queue) => {
    const r = byName.get(queue);
    return { queue, waiting: r?.waiting ?? 0, active: r?.active ?? 0, failed: r?.failed ?? 0, completedLastDay: r?.completed ?? 0 };
  });
}

export interface FailedJob {
  id: string;
  queue: string;
  /** Attempts made: the first and each retry. */
  attempts: number;
  createdAt: Date;
  failedAt: Date | null;
}

/**
 * The jobs that failed after their retries (the dead letters), newest first, of one queue or of
 * all of Homeward's. Neither a job's data nor its error is read: both may carry what a user
 * entered; the queue, id, attempts and times say which job, and the server log says why.
 */
export async function failedJobs(db: Executor, filter: { queue?: string; limit: number; offset: number }) {
  const queues = (await homewardQueues(db)).filter((q) => !filter.queue || q === filter.queue);
  const page = filter;
  const where = sql`state = 'failed' AND name = ANY(${[...queues]}::text[])`;
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`${JOB_SCHEMA}.job`)} WHERE ${where}`.execute(db);
  const rows = await sql<{ id: string; name: string; retry_count: number; created_on: Date; completed_on: Date | null }>`
    SELECT id, name, retry_count, created_on, completed_on FROM ${sql.table(`${JOB_SCHEMA}.job`)}
     WHERE ${where}
     ORDER BY completed_on DESC NULLS LAST, id
     LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return {
    total: total.rows[0]?.n ?? 0,
    items: rows.rows.map((r): FailedJob => ({ id: r.id, queue: r.name, attempts: r.retry_count + 1, createdAt: r.created_on, failedAt: r.completed_on })),
  };
}

/**
 * Puts a failed job back to run (as pg-boss's own `retry` does: one more attempt allowed, state
 * `retry`, picked up by the next worker that polls). Returns false when no failed job has this
 * queue and id (already retried, or gone).
 */
export async function retryFailedJob(db: Executor, queue: string, id: string): Promise<boolean> {
  const res = await sql`
    UPDATE ${sql.table(`${JOB_SCHEMA}.job`)} SET state = 'retry', retry_limit = retry_count + 1, start_after = now()
     WHERE name = ${queue} AND id = ${id}::uuid AND state = 'failed'`.execute(db);
  return Number(res.numAffectedRows ?? 0) === 1;
}
