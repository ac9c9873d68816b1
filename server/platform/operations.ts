import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { livenessAnswer, metricsText, readinessAnswer } from '../../shared/schemas/common.js';
import type { Db } from './db.js';
import type { Deps } from './http.js';
import { typed } from './http.js';
import { jobQueueRunning } from './jobs.js';
import { bearerMatches, metricsRegistry } from './metrics.js';
import { pendingMigrations } from './migrate.js';
import { platformErrors } from './platform.errors.js';

/** How long the readiness check waits for the database before it says down. */
const READY_DB_TIMEOUT_MS = 2_000;

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/**
 * The read replica as the readiness check reports it: reachable or not, a standby or not, and the
 * time since the last transaction it replayed (0 once it has replayed all the WAL it received: a
 * quiet primary is no lag).
 */
async function replicaState(readDb: Db) {
  try {
    const { rows } = await withTimeout(sql<{ standby: boolean; lag: number | null }>`
      SELECT pg_is_in_recovery() AS standby,
             CASE WHEN NOT pg_is_in_recovery() THEN NULL
                  WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`.execute(readDb), READY_DB_TIMEOUT_MS);
    const row = rows[0]!;
    return { status: 'up' as const, standby: row.standby, lagSeconds: row.lag === null ? null : Math.max(0, Math.round(row.lag * 1000) / 1000) };
  } catch {
    return { status: 'down' as const, standby: null, lagSeconds: null };
  }
}

/**
 * For operators and their tools, public or token-protected, and never reading a session (they
 * answer while the database is down): liveness, readiness, Prometheus metrics.
 */
export function operationsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get('/api/health/live', {
    schema: { tags: ['platform'], summary: 'Liveness: the process answers (200 while its event loop runs)', response: { 200: livenessAnswer } },
    config: { auth: 'public', session: false },
  }, async () => ({ status: 'live' as const }));

  r.get('/api/health/ready', {
    schema: {
      tags: ['platform'],
      summary: 'Readiness: the database answers, every migration is applied, the job queue runs (503 names the checks that failed)',
      response: { 200: readinessAnswer, 503: readinessAnswer },
    },
    config: { auth: 'public', session: false },
  }, async (_req, reply) => {
    let database: 'up' | 'down' = 'up';
    let migrations: 'applied' | 'pending' | 'unknown' = 'unknown';
    try {
      const pending = await withTimeout(pendingMigrations(deps.db), READY_DB_TIMEOUT_MS);
      migrations = pending.length ? 'pending' : 'applied';
    } catch {
      // schema_migration unreadable: the database is down (or not Homeward's); say which.
      database = await withTimeout(sql`SELECT 1`.execute(deps.db), READY_DB_TIMEOUT_MS).then(() => 'up' as const, () => 'down' as const);
    }
    const jobs = jobQueueRunning() ? ('running' as const) : ('stopped' as const);
    const failed = [
      ...(database === 'up' ? [] : ['database' as const]),
      ...(migrations === 'applied' ? [] : ['migrations' as const]),
      ...(jobs === 'running' ? [] : ['jobs' as const]),
    ];
    if (failed.length) reply.status(503);
    const replica = deps.readDb === deps.db ? undefined : await replicaState(deps.readDb);
    return { status: failed.length ? ('not-ready' as const) : ('ready' as const), checks: { database, migrations, jobs }, failed, ...(replica ? { replica } : {}) };
  });

  r.get('/api/metrics', {
    schema: {
      tags: ['platform'],
      summary: 'Prometheus metrics (Authorization: Bearer HOMEWARD_METRICS_TOKEN); 404 while no token is configured',
      security: [{ metricsToken: [] }],
      response: { 200: metricsText },
    },
    config: { auth: 'public', session: false },
  }, async (req, reply) => {
    const token = deps.config.metricsToken;
    // Deny by default: without a configured token the endpoint does not exist (the answer of any unknown route).
    if (!token) {
      reply.callNotFound();
      return reply;
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="homeward-metrics"');
      throw platformErrors.AUTH_REQUIRED(undefined, 'Send the metrics token as Authorization: Bearer <token>.');
    }
    const text = await metricsRegistry.metrics();
    return reply.type(metricsRegistry.contentType).send(text);
  });
}
