/**
 * npm run bench:http [-- --seconds N] [--connections N] [--cases N] [--only health,me,openCase]
 *
 * An HTTP load test of Homeward as it runs: the application built by `buildApp` (as `server/main.ts`
 * builds it, logging at `info` into a sink), listening on loopback, on a throwaway database (an
 * embedded PostgreSQL in .tmp/bench-http-pg, or a database homeward_http_<timestamp> on the server
 * of DATABASE_URL, dropped afterwards). A caseworker signs in through `POST /api/auth/login` and
 * registers a few cases through `POST /api/cases`; then autocannon, in a child process so that it
 * does not share the server's event loop, runs for N seconds each (10 by default, 20 connections)
 * against `GET /api/health`, `GET /api/auth/me` and `GET /api/cases/:id` (rotating over the cases),
 * then against the floor of a case open (`openCaseFloor`: a bare server doing only the open's
 * statement and its audit row, `startFloorServer`).
 *
 * Checks: no errors and no answer other than 2xx; the `case.opened` audit rows written during the
 * case run equal the case opens the server answered with 2xx; the audit chain verifies. Before the
 * load, a few requests are made one at a time to count the SQL statements each one sends.
 * Results go to bench/results/http-load-<timestamp>.json and http-load-latest.json.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/platform/actor.js';
import { audit, auditRead } from '../server/platform/audit.js';
import { verifyAuditChain } from '../server/platform/audit-chain.js';
import { loadConfig } from '../server/platform/config.js';
import { FieldCipher, newSecretKey } from '../server/platform/crypto.js';
import { createDb, type Db } from '../server/platform/db.js';
import { startEmbeddedPostgres } from '../server/platform/embedded-postgres.js';
import { migrate, prepareAppLogin } from '../server/platform/migrate.js';
import { ensureBuiltinRoles, hashPassword } from '../server/modules/access/index.js';
import { positiveIntFlag } from './flags.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

interface ClientJob { url: string; paths: string[]; cookie: string; seconds: number; connections: number }
interface ClientResult {
  requests: number; requestsPerSecond: number; ok2xx: number; non2xx: number; errors: number; timeouts: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
}

// ---- The load generator (child process) ----
async function runClient(job: ClientJob): Promise<ClientResult> {
  const { default: autocannon } = await import('autocannon');
  const latencies: number[] = [];
  let next = 0;
  const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const instance = autocannon({
      url: job.url,
      connections: job.connections,
      duration: job.seconds,
      headers: job.cookie ? { cookie: job.cookie } : {},
      requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, method: 'GET', path: job.paths[next++ % job.paths.length] }) }],
    }, (err: Error | null, res: Record<string, unknown>) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  const ok2xx = Number(result['2xx'] ?? 0);
  const non2xx = Number(result.non2xx ?? 0);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / job.seconds),
    ok2xx, non2xx,
    errors: Number(result.errors ?? 0), timeouts: Number(result.timeouts ?? 0),
    latencyMs: { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(latencies.at(-1) ?? 0), mean: round(latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1)) },
  };
}

function spawnClient(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--client'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ClientResult) : reject(new Error(`load generator exited with ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

// ---- The server side ----
const TARGET_NAMES = ['health', 'me', 'openCase', 'openCaseFloor'];

/**
 * The floor of an audited case open on this machine: a bare `node:http` server, in this process
 * as the application is, whose only work per request is what any implementation must do: one
 * prepared statement reading the case and its members (in the office's scope), the `case.opened`
 * row written by the application's own `auditRead` (grouped, committed before the answer) and the
 * answer as JSON. No framework, no session lookup (the cookie is only required to be there), no
 * field policy. The application cannot open cases faster than this on the same machine.
 */
async function startFloorServer(appUrl: string, db: Db, { officeId, userId }: { officeId: string; userId: string }) {
  const pool = new pg.Pool({ connectionString: appUrl, max: 20 });
  const text = `SELECT c.id, c.case_number, c.stage, c.kind, c.office_id, c.updated_at,
      (SELECT coalesce(json_agg(json_build_object('personId', p.id, 'givenName', p.given_name, 'familyName', p.family_name, 'birthDate', p.birth_date, 'relationship', m.relationship)), '[]')
         FROM case_member m JOIN person p ON p.id = m.person_id WHERE m.case_id = c.id) AS members
    FROM return_case c WHERE c.id = $1 AND c.office_id = $2 AND NOT c.restricted`;
  const ctx = { actorId: userId, officeId, ip: '127.0.0.1' };
  const counts = { answered2xx: 0 };
  const server = http.createServer((req, res) => {
    const id = /^\/floor\/cases\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
    if (!id || !req.headers.cookie) {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const { rows } = await pool.query({ name: 'floor-open-case', text, values: [id, officeId] });
      if (!rows[0]) {
        res.writeHead(404).end();
        return;
      }
      await auditRead(db, ctx, { event: 'case.opened', entityType: 'case', entityId: id, caseId: id, officeId });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
      counts.answered2xx += 1;
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    counts,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

function options() {
  const args = process.argv.slice(2);
  const num = (flag: string, fallback: number) => positiveIntFlag(args, flag, fallback);
  const at = args.indexOf('--only');
  const only = at >= 0 ? (args[at + 1] ?? '').split(',').filter(Boolean) : null;
  if (only && (!only.length || only.some((t) => !TARGET_NAMES.includes(t)))) throw new Error(`--only takes a comma-separated list of ${TARGET_NAMES.join(', ')}`);
  return { seconds: num('--seconds', 10), connections: num('--connections', 20), cases: num('--cases', 20), only };
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** A database nobody else uses (as in bench/run.ts), the URL the application connects with, and its removal. */
async function provision(stamp: string) {
  const name = `homeward_http_${stamp.replace(/\D/g, '').slice(0, 14)}`;
  const external = process.env.DATABASE_URL;
  const admin = async (url: string, statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  if (external) {
    await admin(external, `CREATE DATABASE ${name}`);
    const ownerUrl = withDatabase(external, name);
    await migrate(ownerUrl);
    // The application role is shared by the server's databases: connect as the URL's user (bench/README.md).
    return { server: 'DATABASE_URL', appUrl: ownerUrl, cleanup: () => admin(external, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = path.join(ROOT, '.tmp', 'bench-http-pg');
  await rm(dir, { recursive: true, force: true });
  const handle = await startEmbeddedPostgres(dir);
  await admin(handle.ownerUrl('postgres'), `CREATE DATABASE ${name}`);
  const ownerUrl = handle.ownerUrl(name);
  await migrate(ownerUrl);
  const appUrl = await prepareAppLogin(ownerUrl, handle.secrets.appPassword);
  return { server: 'embedded', appUrl, cleanup: async () => { await handle.stop(); await rm(dir, { recursive: true, force: true }); } };
}

/**
 * Counts the statements the application sends (every pool client's `query`) while `on`, and the
 * time each took from the call to its answer (requests one at a time, so no waiting for the pool).
 */
const counter = { on: false, statements: 0, texts: [] as string[], ms: 0 };
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const answer = (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (counter.on) {
    counter.statements += 1;
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text && counter.texts.length < 40) counter.texts.push(text.replace(/\s+/g, ' ').slice(0, 120));
    const t0 = performance.now();
    if (answer instanceof Promise) void answer.then(() => (counter.ms += performance.now() - t0), () => undefined);
  }
  return answer;
} as typeof pg.Client.prototype.query;

function household(i: number) {
  return {
    kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: 'IQ',
    principal: { givenName: `Karim ${i}`, familyName: 'Haddad', sex: 'male', birthDate: '1985-02-03', nationality: 'IQ', documents: [{ type: 'passport', number: `P${100000 + i}`, issuingCountry: 'IQ' }] },
    members: [{ relationship: 'spouse', person: { givenName: 'Layla', familyName: 'Haddad', sex: 'female', birthDate: '1987-06-01', nationality: 'IQ' } }],
  };
}

async function seed(db: Db, base: string, cases: number) {
  const org = await db.insertInto('organisation').values({ name: 'Load test organisation', kind: 'implementing' }).returning('id').executeTakeFirstOrThrow();
  const office = await db.insertInto('office').values({ organisation_id: org.id, name: 'Load test office', country_code: 'BE', kind: 'host', case_prefix: 'LT' }).returning('id').executeTakeFirstOrThrow();
  const roles = await ensureBuiltinRoles(db);
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const user = await db.insertInto('app_user').values({
    email: 'caseworker@load.test', name: 'Load Caseworker', organisation_id: org.id, office_id: office.id, password_hash: await hashPassword(password),
    totp_secret: null, totp_enabled: false, totp_last_step: null, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, role_id: roles.get('caseworker')! }).execute();

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'caseworker@load.test', password }) });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const token = /hw_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('sign-in set no session cookie');
  const cookie = `hw_session=${token}`;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const ids: string[] = [];
  for (let i = 0; i < cases; i++) {
    const res = await fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(household(i)) });
    if (res.status !== 201) throw new Error(`registering a case failed: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return { cookie, ids, officeId: office.id, userId: user.id };
}

async function main() {
  if (process.argv.includes('--client')) {
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    process.stdout.write(JSON.stringify(await runClient(JSON.parse(input) as ClientJob)));
    return;
  }
  const opts = options();
  const stamp = new Date().toISOString();
  const log = (m: string) => console.log(`[http-load] ${m}`);
  log('Preparing a throwaway database');
  const target = await provision(stamp);
  const db = createDb(target.appUrl, 20);
  const config = { ...loadConfig({}), webDist: path.join(ROOT, '.tmp', 'no-web') };
  const app = await buildApp({ db, clock: systemClock, config, cipher: new FieldCipher(newSecretKey()), logger: { level: 'info', stream: { write: () => undefined } } });
  // The case opens the server answered with 2xx (counted as the answer leaves, so also those whose
  // connection the load generator closed when it stopped), and the requests still in progress.
  let caseOpens2xx = 0;
  let inProgress = 0;
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  app.addHook('onRequest', async () => {
    inProgress += 1;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && req.routeOptions.url === '/api/cases/:id' && reply.statusCode < 300) caseOpens2xx += 1;
    return payload;
  });
  app.addHook('onResponse', async () => {
    inProgress -= 1;
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const { cookie, ids, officeId, userId } = await seed(db, base, opts.cases);
    if (!opts.only || opts.only.includes('openCaseFloor')) floor = await startFloorServer(target.appUrl, db, { officeId, userId });
    log(`${ids.length} cases registered; counting statements per request`);

    const targets = [
      { name: 'health', paths: ['/api/health'], cookie: '' },
      { name: 'me', paths: ['/api/auth/me'], cookie },
      { name: 'openCase', paths: ids.map((id) => `/api/cases/${id}`), cookie },
      { name: 'openCaseFloor', paths: ids.map((id) => `/floor/cases/${id}`), cookie, base: floor?.base },
    ].filter((t) => !opts.only || opts.only.includes(t.name));
    const statementsPerRequest: Record<string, { statements: number; sqlMs: number; requestMs: number; texts: string[] }> = {};
    for (const t of targets) {
      const probes = 20;
      counter.statements = 0;
      counter.texts = [];
      counter.ms = 0;
      counter.on = true;
      const t0 = performance.now();
      for (let i = 0; i < probes; i++) {
        const res = await fetch(`${t.base ?? base}${t.paths[i % t.paths.length]}`, { headers: t.cookie ? { cookie: t.cookie } : {} });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${t.name}: ${res.status}`);
      }
      counter.on = false;
      statementsPerRequest[t.name] = {
        statements: counter.statements / probes,
        sqlMs: Math.round((counter.ms / probes) * 100) / 100,
        requestMs: Math.round(((performance.now() - t0) / probes) * 100) / 100,
        texts: counter.texts.slice(0, Math.ceil(counter.texts.length / probes)),
      };
    }

    // The audit insert alone: one row per statement (each its own commit), and groups of 20 rows
    // written by `auditRead` as concurrent case opens are; a round trip for comparison.
    const auditAlone = await timeAuditInserts(db, ids);
    log(`SELECT 1 ${auditAlone.selectOneMs} ms; one audit row per INSERT ${auditAlone.singleInsertMs} ms; 20 concurrent auditRead ${auditAlone.group20Ms} ms (${auditAlone.group20PerRowMs} ms a row)`);

    const results: Record<string, ClientResult & { statementsPerRequest: number }> = {};
    const auditChecks: Record<string, { caseOpens2xxServer: number; caseOpens2xxClient: number; auditRows: number; equal: boolean }> = {};
    for (const t of targets) {
      log(`${t.name}: ${opts.connections} connections for ${opts.seconds} s`);
      const audited = t.name === 'openCase' || t.name === 'openCaseFloor';
      const before = audited ? await auditCount(db) : 0;
      caseOpens2xx = 0;
      if (floor) floor.counts.answered2xx = 0;
      const r = await spawnClient({ url: t.base ?? base, paths: t.paths, cookie: t.cookie, seconds: opts.seconds, connections: opts.connections });
      results[t.name] = { ...r, statementsPerRequest: statementsPerRequest[t.name]!.statements };
      if (audited) {
        // Requests still in progress when the generator stopped finish (and are audited) first.
        // A request whose connection the generator closed may never report its end (onResponse):
        // wait until none is in progress or the audit count has not moved for half a second.
        let rowsNow = await auditCount(db);
        for (let waited = 0, still = 0; (t.name === 'openCaseFloor' || inProgress > 0) && still < 10 && waited < 30_000; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const n = await auditCount(db);
          still = n === rowsNow ? still + 1 : 0;
          rowsNow = n;
        }
        const rows = (await auditCount(db)) - before;
        const answered = t.name === 'openCase' ? caseOpens2xx : floor!.counts.answered2xx;
        auditChecks[t.name] = { caseOpens2xxServer: answered, caseOpens2xxClient: r.ok2xx, auditRows: rows, equal: rows === answered };
      }
    }
    const chain = await verifyAuditChain(db);
    const problems: string[] = [];
    for (const [name, r] of Object.entries(results)) {
      if (r.non2xx || r.errors || r.timeouts) problems.push(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`);
    }
    for (const [name, check] of Object.entries(auditChecks)) {
      if (!check.equal) problems.push(`${name}: case.opened audit rows ${check.auditRows} != case opens answered 2xx ${check.caseOpens2xxServer}`);
    }
    if (!chain.intact) problems.push(`audit chain broken: ${chain.reason}`);

    const output = {
      startedAt: stamp, server: target.server, options: opts,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      results, statements: statementsPerRequest, auditAlone, auditCheck: auditChecks.openCase ?? null, auditCheckFloor: auditChecks.openCaseFloor ?? null, auditChain: chain.intact ? `intact, ${chain.entries} entries` : chain.reason, problems,
    };
    const dir = path.join(HERE, 'results');
    await mkdir(dir, { recursive: true });
    const json = `${JSON.stringify(output, null, 2)}\n`;
    await writeFile(path.join(dir, `http-load-${stamp.replace(/:/g, '-')}.json`), json);
    await writeFile(path.join(dir, 'http-load-latest.json'), json);

    console.log('\n  target      req/s    p50 ms   p95 ms   p99 ms   2xx      non-2xx  errors  statements/req');
    for (const [name, r] of Object.entries(results)) {
      console.log(`  ${name.padEnd(10)} ${String(r.requestsPerSecond).padStart(6)} ${r.latencyMs.p50.toFixed(1).padStart(9)} ${r.latencyMs.p95.toFixed(1).padStart(8)} ${r.latencyMs.p99.toFixed(1).padStart(8)}   ${String(r.ok2xx).padEnd(8)} ${String(r.non2xx).padEnd(8)} ${String(r.errors + r.timeouts).padEnd(7)} ${r.statementsPerRequest}`);
    }
    for (const [name, st] of Object.entries(statementsPerRequest)) console.log(`  one at a time, ${name}: ${st.requestMs} ms a request, of which ${st.sqlMs} ms waiting for ${st.statements} statements`);
    for (const [name, check] of Object.entries(auditChecks)) console.log(`  ${name}: case.opened audit rows ${check.auditRows}, case opens answered 2xx ${check.caseOpens2xxServer} (load generator saw ${check.caseOpens2xxClient})`);
    console.log(`  audit chain ${output.auditChain}`);
    if (problems.length) {
      console.error(`\nFAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await floor?.close();
    await app.close();
    await db.destroy();
    await target.cleanup().catch((e) => console.error('cleanup failed:', e));
  }
}

async function timeAuditInserts(db: Db, caseIds: string[]) {
  const ctx = { actorId: null, officeId: null, ip: '127.0.0.1' };
  const rounds = 50;
  const ms = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) await fn();
    return Math.round(((performance.now() - t0) / rounds) * 100) / 100;
  };
  const selectOneMs = await ms(() => sql`SELECT 1`.execute(db));
  const singleInsertMs = await ms(() => audit(db, ctx, { event: 'case.history.viewed', entityType: 'case', entityId: caseIds[0] }));
  const group20Ms = await ms(() => Promise.all(Array.from({ length: 20 }, (_, i) => auditRead(db, ctx, { event: 'case.history.viewed', entityType: 'case', entityId: caseIds[i % caseIds.length] }))));
  return { selectOneMs, singleInsertMs, group20Ms, group20PerRowMs: Math.round((group20Ms / 20) * 100) / 100 };
}

async function auditCount(db: Db) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE event = 'case.opened'`.execute(db);
  return r.rows[0]!.n;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
