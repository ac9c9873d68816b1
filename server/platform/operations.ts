import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { livenessAnswer, metricsText, readinessAnswer } from '../../shared/schemas/common.js';
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
    return { status: failed.length ? ('not-ready' as const) : ('ready' as const), checks: { database, migrations, jobs }, failed };
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
