import { timingSafeEqual, createHash } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import { poolOf, type Db } from './db.js';

/**
 * Prometheus metrics (prom-client's registry and text format). Labels never carry what a request
 * was about: the HTTP metrics are per route template (`/api/cases/:id`), never the URL, and the
 * other labels are closed lists (queue names, job states, pool states).
 *
 * The counters are the process's own (one registry per process, like its pools); the gauges of
 * the pool and the job queue are read when Prometheus scrapes.
 */
export const metricsRegistry = new Registry();
// The process's own figures (CPU, memory, event loop lag, garbage collection), as `homeward_process_*` and `homeward_nodejs_*`.
collectDefaultMetrics({ register: metricsRegistry, prefix: 'homeward_' });

export const httpRequests = new Counter({
  name: 'homeward_http_requests_total',
  help: 'HTTP requests answered, per method, route template and status class',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'homeward_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, per method and route template',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const auditWriteFailures = new Counter({
  name: 'homeward_audit_write_failures_total',
  help: 'Audit trail entries that could not be written (the action they belong to failed with them)',
  registers: [metricsRegistry],
});

export const embeddedDatabaseRestarts = new Counter({
  name: 'homeward_embedded_database_restarts_total',
  help: 'Restarts of the embedded PostgreSQL after it stopped unexpectedly',
  registers: [metricsRegistry],
});

export const jobFailures = new Counter({
  name: 'homeward_job_failures_total',
  help: 'Jobs whose handler failed in this process (each is retried with backoff, then kept as failed), per queue',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
});

/** The route template a request matched, or one word for those that matched none (never the URL). */
export function routeLabel(template: string | undefined): string {
  return template && template.length > 0 ? template : 'unmatched';
}

/** A status as its class (`2xx`, `4xx`...), enough to alert on and a bounded label. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

let watched: Db | undefined;

/**
 * Connects the gauges read at scrape time to the application's pool and to the job queue's tables
 * (`pgboss.job`, `JOB_SCHEMA` of `jobs.ts`, read as the application role). A scrape while the database is down still answers,
 * without the queue's figures.
 */
export function watchDatabase(db: Db | undefined) {
  watched = db;
}

new Gauge({
  name: 'homeward_db_pool_connections',
  help: "The application's database pool: total connections, idle ones, and requests waiting for one",
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    if (!watched) return;
    const pool = poolOf(watched);
    this.set({ state: 'total' }, pool.totalCount);
    this.set({ state: 'idle' }, pool.idleCount);
    this.set({ state: 'waiting' }, pool.waitingCount);
  },
});

new Gauge({
  name: 'homeward_job_queue_jobs',
  help: 'Jobs in the job queue per queue and state (created and retry: waiting to run; active; failed: kept after their retries)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    if (!watched) return;
    try {
      const rows = await sql<{ name: string; state: string; n: number }>`
        SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job
        WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`.execute(watched);
      for (const r of rows.rows) this.set({ queue: r.name, state: r.state }, r.n);
    } catch {
      // The database is unreachable or the queue not installed: the readiness check says so.
    }
  },
});

/** Whether the request carries the configured bearer token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
