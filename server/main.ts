import { sql } from 'kysely';
import { systemClock } from './platform/actor.js';
import { loadConfig } from './platform/config.js';
import { FieldCipher } from './platform/crypto.js';
import { createDb } from './platform/db.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './platform/embedded-postgres.js';
import { migrate, prepareAppLogin } from './platform/migrate.js';
import { purgeOldSessions } from './platform/session.js';
import { markInterruptedDemoLoad } from './platform/demo-load.js';
import type { PreparedDemo } from './db/seed/demo.js';
import { provideJobSender, startJobs, type JobRunner } from './platform/jobs.js';
import { embeddedDatabaseRestarts, jobFailures, watchDatabase } from './platform/metrics.js';
import { databaseSupervisor, type SupervisionEvent } from './platform/supervision.js';

/** One JSON line per supervision event (pino's shape, like the request log), no personal data. */
const logEvent = (e: SupervisionEvent) => {
  const level = e.event === 'database.restarted' || e.event === 'database.restarting' ? 30 : e.event === 'database.gave_up' ? 60 : 50;
  console.log(JSON.stringify({ level, time: Date.now(), pid: process.pid, msg: e.event, component: 'embedded-postgres', ...e }));
};

/**
 * One JSON line for an error nothing handled: its kind, its code (a PostgreSQL or Node error code)
 * and where it was thrown, never its message, which may quote a value someone entered.
 */
const logProcessError = (msg: string, reason: unknown) => {
  const err = reason instanceof Error ? reason : null;
  const code = err && 'code' in err && typeof err.code === 'string' ? err.code : null;
  console.error(JSON.stringify({
    level: 50, time: Date.now(), pid: process.pid, msg, error: err ? err.name : typeof reason, code,
    at: err?.stack?.split('\n').slice(1, 6).map((l) => l.trim()),
  }));
};

/**
 * The application's modules (most of the start's JavaScript: Fastify, the routes, PDF and
 * spreadsheet libraries), loaded while PostgreSQL starts rather than before it.
 */
const loadApplication = async () => {
  const [app, jobs, access, monitoring] = await Promise.all([
    import('./app.js'),
    import('./jobs.js'),
    import('./modules/access/index.js'),
    import('./modules/monitoring/index.js'),
  ]);
  return { buildApp: app.buildApp, ALL_QUEUES: jobs.ALL_QUEUES, allJobs: jobs.allJobs, SEAL_CLEAR_VALUES_QUEUE: jobs.SEAL_CLEAR_VALUES_QUEUE, issueSetupToken: access.issueSetupToken, ensureDefaultInstrument: monitoring.ensureDefaultInstrument };
};

const HELP = `Homeward: case management for assisted voluntary return and reintegration.

Usage: npm start [-- --demo | --no-demo]

  --demo      load demo data into an empty database (the default with the embedded database)
  --no-demo   do not load demo data; print a one-time link to create the administrator instead

Environment: PORT (3000), HOST, DATABASE_URL (otherwise an embedded PostgreSQL in
HOMEWARD_DATA_DIR, default ./data), HOMEWARD_SECRET_KEY (required with DATABASE_URL),
HOMEWARD_APP_DATABASE_URL, HOMEWARD_READ_DATABASE_URL (a read replica for statistics and
exports), HOMEWARD_SESSION_IDLE_MINUTES, HOMEWARD_SESSION_CACHE_MS, HOMEWARD_SESSION_ABSOLUTE_HOURS,
HOMEWARD_SECURE_COOKIES, HOMEWARD_METRICS_TOKEN (opens /api/metrics), HOMEWARD_BACKUP_HOURS,
HOMEWARD_BACKUP_KEEP_DAYS, HOMEWARD_BACKUP_KEY (scheduled backups, see npm run backup -- --help), LOG_LEVEL.`;

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  const unknown = args.filter((a) => !['--demo', '--no-demo'].includes(a));
  if (unknown.length) throw new Error(`Unknown option ${unknown.join(' ')}. See --help.`);
  if (args.includes('--demo') && args.includes('--no-demo')) throw new Error('Choose --demo or --no-demo, not both.');

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
  // A promise nobody awaited that failed (a connection lost while PostgreSQL restarts, say) is
  // logged, and Homeward keeps serving; an exception nothing caught stops it in order, exit 1.
  // Only the error's kind, code and place are logged: they name no returnee.
  process.on('unhandledRejection', (reason) => logProcessError('process.unhandled_rejection', reason));
  process.on('uncaughtException', (err) => {
    logProcessError('process.uncaught_exception', err);
    void shutdown(1);
  });
  const config = loadConfig();
  const application = loadApplication();
  application.catch(() => undefined); // awaited below; a failure is reported there
  const say = (m: string) => console.log(`[homeward] ${m}`);
  let ownerUrl: string;
  let appUrl: string | undefined = config.appDatabaseUrl;
  let secretKey = config.secretKey;
  if (config.databaseUrl) {
    ownerUrl = config.databaseUrl;
    if (!secretKey) throw new Error('Set HOMEWARD_SECRET_KEY (32 random bytes, base64: `openssl rand -base64 32`) when using DATABASE_URL.');
  } else {
    say(`Starting the embedded PostgreSQL in ${config.dataDir}`);
    embedded = await startEmbeddedPostgres(
      config.dataDir,
      (m) => process.env.LOG_LEVEL === 'debug' && console.log(`[postgres] ${m}`),
      say,
    );
    // Supervision: a PostgreSQL that dies under Homeward is started again (crash recovery), with
    // a backoff; after repeated failures Homeward exits non-zero for its service manager to act.
    const handle = embedded;
    handle.onUnexpectedExit(databaseSupervisor({
      restart: handle.restart,
      onRestarted: () => embeddedDatabaseRestarts.inc(),
      onGiveUp: (message) => {
        console.error(`[homeward] ${message}`);
        void shutdown(1);
      },
      log: logEvent,
    }));
    const admin = embedded.ownerUrl('postgres');
    const probe = createDb(admin, 1);
    const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = 'homeward'`.execute(probe);
    if (!exists.rows[0]?.n) await sql`CREATE DATABASE homeward`.execute(probe);
    await probe.destroy();
    ownerUrl = embedded.ownerUrl('homeward');
    secretKey ??= embedded.secrets.secretKey;
  }

  const { buildApp, ALL_QUEUES, allJobs, issueSetupToken, ensureDefaultInstrument, SEAL_CLEAR_VALUES_QUEUE } = await application;
  const applied = await migrate(ownerUrl, say, ALL_QUEUES);
  if (!applied.length) say('Database schema is up to date');
  appUrl ??= await prepareAppLogin(ownerUrl, embedded?.secrets.appPassword ?? (await import('./platform/crypto.js')).randomToken(24));
  const database = createDb(appUrl, 20);
  db = database;
  // Statistics dashboards and exports read through the replica when one is given (never written to).
  const reading = config.readDatabaseUrl ? createDb(config.readDatabaseUrl, 10) : database;
  if (reading !== database) readDb = reading;
  watchDatabase(database);
  const cipher = new FieldCipher(secretKey);
  // Built-in reference data: the default survey instrument (the built-in roles come with the first user).
  const [users] = await Promise.all([
    database.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    purgeOldSessions(database, systemClock, config.sessionIdleMinutes),
    ensureDefaultInstrument(database),
  ]);
  const wantDemo = args.includes('--demo') || (!config.databaseUrl && !args.includes('--no-demo'));
  // A demo load that an earlier start did not finish (stopped, or failed): said once, and the web app says so.
  const interrupted = await markInterruptedDemoLoad(database, systemClock);
  if (interrupted) {
    say(`The demo data did not finish loading when Homeward last ran: ${interrupted.casesDone} of ${interrupted.casesTotal} cases are here, and stay.`);
    say(`To load it whole, stop Homeward and delete its data directory (${config.dataDir}); the next start loads it again.`);
  }
  let demoCases: PreparedDemo['loadCases'] | undefined;
  if (users.n === 0 && wantDemo) {
    say('Empty database: loading demo data (the offices and users first; the cases load while Homeward answers)');
    const { prepareDemoData } = await import('./db/seed/demo.js');
    const demo = await prepareDemoData({ db: database, clock: systemClock, cipher }, (m) => say(m));
    demoCases = demo.loadCases;
    say('Demo sign-ins (passwords are random, for this database only):');
    for (const s of demo.signIns) console.log(`    ${s.role.padEnd(24)} ${s.email.padEnd(40)} ${s.password}`);
    say('Administrators and data-protection officers set up two-step verification (an authenticator app) at their first sign-in.');
  } else if (users.n === 0) {
    const token = await issueSetupToken(database, systemClock);
    say(`No users yet. Create the administrator within 24 hours at: http://localhost:${config.port}/setup?token=${token}`);
  }

  // The HTTP server and the job workers start side by side: neither needs the other.
  const listening = (async () => {
    const server = await buildApp({ db: database, readDb: reading, clock: systemClock, config, cipher, logger: { level: config.logLevel } });
    app = server;
    await server.listen({ port: config.port, host: config.host });
  })();
  const working = startJobs(appUrl, allJobs({
    db: database, readDb: reading, clock: systemClock, dataDir: config.dataDir, cipher,
    mail: config.smtpUrl ? { smtpUrl: config.smtpUrl, from: config.smtpFrom, worklistUrl: `${config.publicUrl}/monitoring` } : null,
    breakGlassMail: config.smtpUrl ? { smtpUrl: config.smtpUrl, from: config.smtpFrom, dataProtectionUrl: `${config.publicUrl}/data-protection` } : null,
    sessionIdleMinutes: config.sessionIdleMinutes,
    // Scheduled backups into <dataDir>/backups, read as the application role (which may read every table).
    backup: { url: appUrl, dataDir: config.dataDir, backupKey: config.backupKey, secretKey, hours: config.backupHours, keepDays: config.backupKeepDays },
    log: say,
  }), say, (queue) => jobFailures.inc({ queue })).then((runner) => (jobs = runner));
  await Promise.all([listening, working]);
  provideJobSender(jobs ?? null);
  // Sensitive values stored in clear before migration 0063 are sealed in the background (once done, the job finds nothing).
  await jobs?.send(SEAL_CLEAR_VALUES_QUEUE, {}, { singletonKey: SEAL_CLEAR_VALUES_QUEUE });
  say(`Homeward is ready at http://localhost:${config.port}`);
  if (demoCases) {
    say('Demo data: the cases are loading; the web app shows how far it got');
    demoLoading = demoCases({ stopped: () => stopping })
      .then((outcome) => {
        if (outcome === 'stopped') say('Demo data: stopped before every case was loaded');
      })
      .catch(async (err) => {
        if (stopping) return;
        say(`Demo data failed to load: ${err instanceof Error ? err.message : String(err)}. Homeward keeps running with the cases loaded so far.`);
        // The web app then says the load stopped, instead of showing it under way for ever.
        await markInterruptedDemoLoad(database, systemClock).catch(() => undefined);
      });
  }
}

/** The demo cases loading in the background, if they are. */
let demoLoading: Promise<void> | undefined;

let app: Awaited<ReturnType<typeof import('./app.js').buildApp>> | undefined;
let db: ReturnType<typeof createDb> | undefined;
let readDb: ReturnType<typeof createDb> | undefined;
let jobs: JobRunner | undefined;
let embedded: EmbeddedPostgresHandle | undefined;

/** How long a stop may take before Homeward exits anyway (PostgreSQL is told to stop at once). */
const STOP_LIMIT_MS = 10_000;
let stopping = false;

/**
 * Stops in order: no new requests (the HTTP server closes, idle connections dropped), the job
 * workers (a running job may finish), the database pools, then the embedded PostgreSQL (fast shutdown) and the data directory's lock
 * file. Whatever hangs, the process exits within STOP_LIMIT_MS.
 */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  const say = app || embedded ? (m: string) => console.log(`[homeward] ${m}`) : () => {};
  say('Stopping');
  setTimeout(() => {
    console.error('[homeward] Did not stop in time; exiting anyway.');
    embedded?.abandon();
    process.exit(code || 1);
  }, STOP_LIMIT_MS).unref();
  await app?.close().catch(() => undefined);
  // The demo cases stop loading after the case in hand (a second at most).
  await demoLoading;
  await jobs?.stop().catch(() => undefined);
  await db?.destroy().catch(() => undefined);
  await readDb?.destroy().catch(() => undefined);
  await embedded?.stop().catch((err) => console.error(`[homeward] ${err instanceof Error ? err.message : String(err)}`));
  say('Stopped');
  process.exit(code);
}

main().catch((err) => {
  console.error(`[homeward] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
