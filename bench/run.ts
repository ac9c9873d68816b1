/**
 * npm run bench [-- --cases N] [--queries N] [--warm-up N] [--registrations N] [--seed N] [--explain-above MS] [--hold] [--import-rows N] [--import-only | --skip-import] [--import-floor] [--statistics-only]
 *
 * First imports a legacy CSV of N rows (1,000,000 by default) into the empty database through the
 * import's own code path (`bench/import.ts`), then loads the cases and measures the searches.
 *
 * Loads N synthetic cases into a throwaway PostgreSQL database and times the application's
 * search paths on it. Results go to bench/results/<timestamp>.json and bench/results/latest.json.
 * Without DATABASE_URL an embedded PostgreSQL is started in .tmp/bench-pg (deleted afterwards);
 * with it, a database homeward_bench_<timestamp> is created on that server and dropped afterwards.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { FieldCipher, newSecretKey } from '../server/platform/crypto.js';
import { createDb, type Db } from '../server/platform/db.js';
import { usePersonKeyMaster } from '../server/platform/person-keys.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../server/platform/embedded-postgres.js';
import { migrate, prepareAppLogin } from '../server/platform/migrate.js';
import { benchImport, type ImportBenchResult } from './import.js';
import { measureImportFloor } from './import-floor.js';
import { createWorld, loadCases } from './load.js';
import { actorFor, explainer, measureAll, measureDuplicateRecall, registerWorkingDay } from './measure.js';
import { measureStatistics, rebuildStatistics, statisticsTriggers } from './statistics.js';
import { positiveIntFlag } from './flags.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const started = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)}s] ${m}`);

function options() {
  const args = process.argv.slice(2);
  if (args.includes('--import-floor') && args.includes('--skip-import')) throw new Error('--import-floor measures the rows an import wrote: it cannot be combined with --skip-import');
  const num = (flag: string, fallback: number) => positiveIntFlag(args, flag, fallback);
  return {
    cases: num('--cases', Number(process.env.BENCH_CASES ?? 1_000_000)),
    queries: num('--queries', Number(process.env.BENCH_QUERIES ?? 200)),
    seed: num('--seed', 20_260_401),
    explainAboveMs: num('--explain-above', 500),
    /** Keep the database after measuring, for manual EXPLAINs, until .tmp/bench-hold.json is deleted. */
    hold: args.includes('--hold'),
    importRows: num('--import-rows', Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000)),
    importOnly: args.includes('--import-only'),
    /** After the imports, time writing their rows again by plain SQL (bench/import-floor.ts). */
    importFloor: args.includes('--import-floor'),
    skipImport: args.includes('--skip-import'),
    /** Time the statistics figures only, not the case searches. */
    statisticsOnly: args.includes('--statistics-only'),
    /**
     * After the first timings: this many calls of each measured kind per actor, untimed, drawn from
     * other people than the timed ones (a working hour of the server), then the same timings again,
     * drawn afresh ("warm"). 0: no second timings.
     */
    warmUp: args.includes('--warm-up') ? nonNegative(args[args.indexOf('--warm-up') + 1], '--warm-up') : 1000,
    /** People registered through the application before the timings, as on a working day (0: none). */
    registrations: args.includes('--registrations') ? nonNegative(args[args.indexOf('--registrations') + 1], '--registrations') : 500,
  };
}

/** A count given on the command line that may be 0. */
function nonNegative(v: string | undefined, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, 0 or more`);
  return n;
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

interface Target { ownerUrl: string; server: string; appPassword?: string; cleanup: () => Promise<void> }

/** A database nobody else uses, and how to get rid of it. */
async function provision(stamp: string): Promise<Target> {
  const external = process.env.DATABASE_URL;
  const name = `homeward_bench_${stamp.replace(/\D/g, '').slice(0, 14)}`;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    // The application role is shared by every database of the server: do not change its password
    // here, connect as the owner instead.
    const url = withDatabase(external, name);
    return {
      ownerUrl: url, server: 'DATABASE_URL',
      cleanup: async () => {
        const a = new pg.Client({ connectionString: external });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = path.join(ROOT, '.tmp', 'bench-pg');
  const pid = Number(await readFile(path.join(dir, 'homeward.pid'), 'utf8').catch(() => ''));
  if (pid && pid !== process.pid && (() => { try { process.kill(pid, 0); return true; } catch { return false; } })()) {
    throw new Error(`Another benchmark (process ${pid}) is using ${dir}.`);
  }
  await rm(dir, { recursive: true, force: true });
  log(`Starting an embedded PostgreSQL in ${path.relative(ROOT, dir)}`);
  const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres(dir);
  const admin = new pg.Client({ connectionString: handle.ownerUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  // A throwaway cluster: fewer checkpoints during the bulk load. Query-time settings stay the
  // embedded defaults, which are what a Homeward without DATABASE_URL runs with.
  await admin.query(`ALTER SYSTEM SET max_wal_size = '8GB'`);
  await admin.query(`ALTER SYSTEM SET checkpoint_timeout = '30min'`);
  await admin.query('SELECT pg_reload_conf()');
  await admin.end();
  const ownerUrl = handle.ownerUrl(name);
  return {
    ownerUrl, server: 'embedded', appPassword: handle.secrets.appPassword,
    cleanup: async () => {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const opts = options();
  // The throwaway database's master key: registering a household seals what the audit trail records of its persons, as the server does.
  usePersonKeyMaster(new FieldCipher(newSecretKey()));
  const stamp = new Date().toISOString();
  log(`Benchmark: ${opts.cases.toLocaleString('en')} cases, ${opts.queries} queries per measurement, seed ${opts.seed}`);
  const target = await provision(stamp);
  const dbs: Db[] = [];
  const client = new pg.Client({ connectionString: target.ownerUrl });
  client.on('error', () => undefined); // the server going away at cleanup is expected
  const holdFile = path.join(ROOT, '.tmp', 'bench-hold.json');
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await client.end().catch(() => undefined);
    for (const d of dbs) await d.destroy().catch(() => undefined);
    log('Removing the benchmark database');
    await target.cleanup().catch((e) => console.error('cleanup failed:', e));
    await rm(holdFile, { force: true });
  };
  const onSignal = () => { void cleanup().finally(() => process.exit(130)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await migrate(target.ownerUrl);
    log('Migrated');
    const ownerDb = createDb(target.ownerUrl, 2);
    dbs.push(ownerDb);
    const world = await createWorld(ownerDb);

    // The legacy import, on the empty database, as an office manager through the application role.
    let importResult: ImportBenchResult | null = null;
    if (!opts.skipImport) {
      const importUrl = target.appPassword ? await prepareAppLogin(target.ownerUrl, target.appPassword) : target.ownerUrl;
      const importDb = createDb(importUrl, 4);
      dbs.push(importDb);
      const manager = world.offices[0]!.userIds[0]!;
      log(`Importing a legacy CSV of ${opts.importRows.toLocaleString('en')} rows`);
      importResult = await benchImport(importDb, await actorFor(importDb, manager), { rows: opts.importRows, seed: opts.seed, dir: path.join(ROOT, '.tmp', 'bench-import'), log });
      if (opts.importFloor) importResult.floor = await measureImportFloor(target.ownerUrl, log);
      if (opts.importOnly) {
        await writeResults({ startedAt: stamp, durationSeconds: Math.round((performance.now() - started) / 1000), machine: machine(), options: opts, import: importResult }, stamp);
        console.log(`\nSummary\n  import ${importResult.rows.toLocaleString('en')} rows: ${importResult.endToEndSeconds} s end to end, ${importResult.rowsPerSecond.toLocaleString('en')} rows/s, peak RSS ${importResult.memory.rssPeakMiB} MiB`
          + (importResult.floor ? `\n  the same rows by plain SQL: ${importResult.floor.tablesTotalSeconds} s (two connections), their statistics ${importResult.floor.statisticsSeconds} s` : '')
          + '\n  Full results: bench/results/latest.json');
        if (opts.hold) await hold(holdFile, { ownerUrl: target.ownerUrl, appUrl: importUrl, pid: process.pid });
        return;
      }
      await importDb.destroy();
      dbs.pop();
      await client.connect();
      await client.query(`TRUNCATE import_row, import_run, import_file, case_member, stage_transition, return_case, person CASCADE`);
    } else {
      await client.connect();
    }
    const settings = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM unnest(ARRAY['server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'random_page_cost']) AS name`);
    log(`Loading ${opts.cases.toLocaleString('en')} cases`);
    // The statistics' triggers work case by case; the bulk load rebuilds the aggregates once instead.
    await statisticsTriggers(client, false);
    const load = await loadCases(client, { seed: opts.seed, offices: world.offices, now: Date.now(), cases: opts.cases, batchSize: 4000 }, log);
    await statisticsTriggers(client, true);
    const statisticsBuild = await rebuildStatistics(client);
    log(`Statistics rebuilt: ${statisticsBuild.cells.toLocaleString('en')} cells from ${statisticsBuild.returnees.toLocaleString('en')} returnees in ${statisticsBuild.rebuildSeconds} s; coarser: ${Object.entries(statisticsBuild.rollups).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
    log(`Loaded ${load.cases.toLocaleString('en')} cases, ${load.persons.toLocaleString('en')} persons, ${load.documents.toLocaleString('en')} documents, `
      + `${load.transitions.toLocaleString('en')} stage transitions in ${load.loadSeconds} s (${load.rowsPerSecond.toLocaleString('en')} rows/s overall)`);

    // Measure as the application connects: the application role on the embedded server.
    const appUrl = target.appPassword ? await prepareAppLogin(target.ownerUrl, target.appPassword) : target.ownerUrl;
    const db = createDb(appUrl, 4);
    dbs.push(db);
    const biggest = world.offices.find((o) => o.userIds.includes(world.caseworkerId))!;
    const actors = {
      [`office:${biggest.name}`]: await actorFor(db, world.caseworkerId),
      all: await actorFor(db, world.allScopeUserId),
    };
    const officeCases = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM return_case WHERE office_id = $1', [biggest.id]);
    log(`Measuring (office actor: caseworker of ${biggest.name}, ${officeCases.rows[0]!.n.toLocaleString('en')} cases; all actor: every case)`);
    let workingDay: Awaited<ReturnType<typeof registerWorkingDay>> | undefined;
    if (!opts.statisticsOnly && opts.registrations > 0) {
      workingDay = await registerWorkingDay(db, Object.values(actors)[0]!, load.sample, opts.registrations, opts.seed);
      log(`Registered ${workingDay.registrations.toLocaleString('en')} people through registerCase before the timings, as on a working day (${workingDay.seconds} s)`);
    }
    // First timings: the first calls after the bulk load, whose pages are still outside the shared
    // buffers (the load writes through a small ring of them): as after a restart without autoprewarm.
    const half = Math.floor(load.sample.length / 2);
    const measurements = opts.statisticsOnly ? {} : await measureAll(db, actors, load.sample, {
      queries: opts.queries, seed: opts.seed, log, explainAboveMs: opts.explainAboveMs, explain: explainer(appUrl, client),
    });
    // Warm timings: after a working hour of the same calls about other people (the first half of
    // the sample), drawn afresh from the second half, so no timed call repeats one that warmed.
    let measurementsWarm: Awaited<ReturnType<typeof measureAll>> | undefined;
    if (!opts.statisticsOnly && opts.warmUp > 0) {
      log(`A working hour: ${opts.warmUp} calls of each kind per actor, untimed`);
      const t0 = performance.now();
      await measureAll(db, actors, load.sample.slice(0, half), { queries: opts.warmUp, seed: opts.seed + 1, log: () => undefined, explainAboveMs: Infinity, explain: explainer(appUrl, client) });
      log(`Warm timings (after ${Math.round((performance.now() - t0) / 1000)} s of calls)`);
      measurementsWarm = await measureAll(db, actors, load.sample.slice(half), {
        queries: opts.queries, seed: opts.seed + 2, log, explainAboveMs: opts.explainAboveMs, explain: explainer(appUrl, client),
      });
    }

    // After the timings: the labelled people it registers are then not in the timed searches.
    if (!opts.statisticsOnly) {
      log('Registering a labelled set of possible duplicates and checking it (recall, precision)');
      Object.assign(measurements, await measureDuplicateRecall(db, Object.values(actors)[0]!, actors, opts.seed, log));
    }

    log('Measuring the statistics figures');
    const statistics = await measureStatistics(db, world.organisationId, opts.queries);
    Object.assign(measurements, statistics);

    const result = {
      startedAt: stamp,
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: {
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version, platform: `${os.platform()} ${os.release()}`,
        postgres: { server: target.server, ...Object.fromEntries(settings.rows.map((r) => [r.name, r.setting])) },
      },
      options: opts,
      data: {
        cases: load.cases, persons: load.persons, identityDocuments: load.documents, caseMembers: load.members, stageTransitions: load.transitions,
        meanHouseholdSize: Math.round((load.persons / load.cases) * 100) / 100, officeActorCases: officeCases.rows[0]!.n, workingDay, tableSizes: load.tableSizes,
      },
      load: {
        loadSeconds: load.loadSeconds, insertSeconds: load.insertSeconds, rebuildIndexesSeconds: load.rebuildSeconds, vacuumAnalyzeSeconds: load.analyzeSeconds,
        rowsPerSecond: load.rowsPerSecond, insertRowsPerSecond: load.insertRowsPerSecond, insertSecondsByTable: load.insertSecondsByTable,
      },
      measurements,
      ...(measurementsWarm ? { measurementsWarm } : {}),
      statisticsBuild,
      import: importResult,
    };
    await writeResults(result, stamp);
    summary(result);
    if (opts.hold) await hold(holdFile, { ownerUrl: target.ownerUrl, appUrl, pid: process.pid });
  } finally {
    await cleanup();
  }
}

/** Keeps the database until the hold file is deleted (its URLs are in it, for manual EXPLAINs). */
async function hold(holdFile: string, urls: { ownerUrl: string; appUrl: string; pid: number }) {
  await writeFile(holdFile, JSON.stringify(urls), { mode: 0o600 });
  log(`Holding the database; connection in ${path.relative(ROOT, holdFile)}: delete that file to end`);
  while (await readFile(holdFile).then(() => true, () => false)) await new Promise((r) => setTimeout(r, 1000));
}

const machine = () => ({
  cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`,
});

async function writeResults(result: object, stamp: string) {
  const dir = path.join(HERE, 'results');
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(path.join(dir, `${stamp.replace(/:/g, '-')}.json`), json);
  await writeFile(path.join(dir, 'latest.json'), json);
}

type Timings = Record<string, { p50: number; p95: number; count: number }>;

function summary(r: { data: { cases: number; persons: number }; load: { loadSeconds: number; insertSeconds: number; rowsPerSecond: number }; measurements: Timings; measurementsWarm?: Timings }) {
  console.log('\nSummary');
  console.log(`  ${r.data.cases.toLocaleString('en')} cases, ${r.data.persons.toLocaleString('en')} persons; load ${r.load.loadSeconds} s (insert ${r.load.insertSeconds} s), ${r.load.rowsPerSecond.toLocaleString('en')} rows/s`);
  for (const [k, m] of Object.entries(r.measurements)) {
    if (!('p50' in m)) {
      const { recall, top1Precision, nearMissSpecificity } = m as { recall?: number; top1Precision?: number; nearMissSpecificity?: number };
      console.log(`  ${k.padEnd(34)} recall ${recall}   top-1 precision ${top1Precision}   near misses not strongly matched ${nearMissSpecificity}`);
      continue;
    }
    const flag = m.p95 > 500 ? '  <-- p95 > 500 ms' : '';
    const w = r.measurementsWarm?.[k];
    const warm = w ? `   warm: p50 ${String(w.p50).padStart(7)} ms   p95 ${String(w.p95).padStart(7)} ms` : '';
    console.log(`  ${k.padEnd(34)} p50 ${String(m.p50).padStart(8)} ms   p95 ${String(m.p95).padStart(8)} ms   (n=${m.count})${warm}${flag}`);
  }
  console.log('  Full results: bench/results/latest.json');
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
