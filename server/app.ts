import Fastify, { type FastifyInstance } from 'fastify';
import { healthAnswer } from '../shared/schemas/common.js';
import type { Clock } from './platform/actor.js';
import type { Config } from './platform/config.js';
import type { FieldCipher } from './platform/crypto.js';
import { poolOf, type Db } from './platform/db.js';
import { setupHttp, serveWeb } from './platform/http-setup.js';
import { listenForSessionChanges, SessionCache } from './platform/session.js';
import { operationsRoutes } from './platform/operations.js';
import { demoLoadRoutes } from './platform/demo-load.js';
import type { Deps } from './platform/http.js';
import { accessRoutes } from './modules/access/index.js';
import { caseRoutes } from './modules/cases/index.js';
import { referenceRoutes } from './modules/reference/index.js';
import { counsellingRoutes } from './modules/counselling/index.js';
import { decisionsRoutes } from './modules/decisions/index.js';
import { eligibilityRoutes } from './modules/eligibility/index.js';
import { protectionRoutes } from './modules/protection/index.js';
import { travelRoutes } from './modules/travel/index.js';
import { handoverRoutes } from './modules/handover/index.js';
import { reintegrationRoutes } from './modules/reintegration/index.js';
import { notificationsRoutes } from './modules/notifications/index.js';
import { providersRoutes } from './modules/providers/index.js';
import { communityRoutes } from './modules/community/index.js';
import { financeRoutes } from './modules/finance/index.js';
import { paymentsRoutes } from './modules/payments/index.js';
import { importsRoutes } from './modules/imports/index.js';
import { monitoringProgrammeRoutes, monitoringRoutes } from './modules/monitoring/index.js';
import { annualReportRoutes, statisticsRoutes } from './modules/statistics/index.js';
import { privacyRoutes } from './modules/privacy/index.js';
import { sql } from 'kysely';
// Connects the modules' ports before any use case runs.
import './compose.js';
import { usePersonKeyMaster } from './platform/person-keys.js';

export interface AppDeps {
  db: Db;
  /** The read replica's pool (`HOMEWARD_READ_DATABASE_URL`) for statistics and exports; `db` when unset. */
  readDb?: Db;
  clock: Clock;
  config: Config;
  cipher: FieldCipher;
  /** A stream receives the log lines instead of stdout (tests read what would be logged). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

/** The whole HTTP application, wired by hand; tests call it and use `inject`, main.ts listens. */
export async function buildApp({ logger = false, ...deps }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger === false ? false : {
      ...(typeof logger === 'object' ? logger : {}),
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
      // A request is logged by its method and path only: a query string may carry a name searched
      // for (`/api/cases?q=...`), and the client's address is the user's; the request id (`reqId`)
      // leads to the audit trail, which has both where they may be read.
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }) },
    },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  });
  const d: Deps = { ...deps, readDb: deps.readDb ?? deps.db };
  // The master key wraps every person's data key (`platform/person-keys.ts`).
  usePersonKeyMaster(deps.cipher);
  // This node's resolved sessions, dropped whenever another node (or this one) changes one.
  const sessions = new SessionCache(deps.config.sessionCacheMs);
  const listening = await listenForSessionChanges(poolOf(deps.db).options.connectionString!, sessions, (m) => app.log.warn(m));
  app.addHook('onClose', async () => {
    await listening.stop();
    sessions.close();
  });
  await setupHttp(app, d, sessions);

  app.get('/api/health', { schema: { tags: ['platform'], summary: 'Readiness and database status', response: { 200: healthAnswer, 503: healthAnswer } }, config: { auth: 'public' } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(d.db);
      return { status: 'ok', database: 'up' };
    } catch {
      reply.status(503);
      return { status: 'degraded', database: 'down' };
    }
  });
  operationsRoutes(app, d);
  demoLoadRoutes(app, d);
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());

  accessRoutes(app, d);
  referenceRoutes(app);
  caseRoutes(app, d);
  counsellingRoutes(app, d);
  decisionsRoutes(app, d);
  eligibilityRoutes(app, d);
  protectionRoutes(app, d);
  travelRoutes(app, d);
  handoverRoutes(app, d);
  reintegrationRoutes(app, d);
  notificationsRoutes(app, d);
  providersRoutes(app, d);
  communityRoutes(app, d);
  financeRoutes(app, d);
  paymentsRoutes(app, d);
  monitoringRoutes(app, d);
  monitoringProgrammeRoutes(app, d);
  importsRoutes(app, d);
  statisticsRoutes(app, d);
  annualReportRoutes(app, d);
  privacyRoutes(app, d);
  await serveWeb(app, d.config.webDist);
  return app;
}
