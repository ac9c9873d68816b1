/**
 * Bulk load of the generated caseload: the reference rows (organisation, offices, users, roles)
 * through the application's own helpers, then the big tables with multi-row
 * INSERT ... SELECT FROM unnest(array, ...) statements, with their keys, indexes and foreign keys
 * dropped during the load and rebuilt afterwards.
 */
import type { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { ensureBuiltinRoles } from '../server/modules/access/index.js';
import type { Db } from '../server/platform/db.js';
import { BUILTIN_ROLES } from '../shared/access.js';
import { OFFICES, type SampledPerson, type WorldOffice } from './generate.js';
import { startGenerator, type BatchMessage, type DoneMessage, type GeneratorJob } from './gen-worker.js';

export const BIG_TABLES = ['person', 'identity_document', 'return_case', 'case_member', 'stage_transition'];
export const ALL_SCOPE_ROLE = 'bench_all_cases';

export interface World {
  organisationId: string;
  offices: WorldOffice[];
  /** A caseworker of the biggest office, and a user whose role reads every case. */
  caseworkerId: string;
  allScopeUserId: string;
}

/** Organisation, ~15 offices with their staff, the built-in roles and an all-cases role. */
export async function createWorld(db: Db): Promise<World> {
  const roles = await ensureBuiltinRoles(db);
  const caseWork = BUILTIN_ROLES.find((r) => r.key === 'caseworker')!.permissions;
  const allRole = await db.insertInto('role')
    .values({ key: ALL_SCOPE_ROLE, name: 'Headquarters case analyst (bench)', scope: 'all', permissions: caseWork, updated_at: new Date() })
    .returning('id').executeTakeFirstOrThrow();
  const org = await db.insertInto('organisation').values({ name: 'Homeward Bench', kind: 'implementing' }).returning('id').executeTakeFirstOrThrow();
  const offices: WorldOffice[] = [];
  for (const spec of OFFICES) {
    const o = await db.insertInto('office')
      .values({ organisation_id: org.id, name: spec.name, country_code: spec.country, kind: spec.kind, case_prefix: spec.prefix })
      .returning('id').executeTakeFirstOrThrow();
    const users = await db.insertInto('app_user')
      .values(Array.from({ length: spec.users }, (_, i) => ({
        email: `staff${i + 1}.${spec.prefix.toLowerCase()}@bench.example`, name: `${spec.name} staff ${i + 1}`,
        organisation_id: org.id, office_id: o.id, password_hash: null, totp_secret: null, totp_last_step: null, updated_at: new Date(),
      })))
      .returning('id').execute();
    await db.insertInto('user_role')
      .values(users.map((u, i) => ({ user_id: u.id, role_id: roles.get(i === 0 ? 'office_manager' : 'caseworker')! })))
      .execute();
    offices.push({ ...spec, id: o.id, organisationId: org.id, userIds: users.map((u) => u.id) });
  }
  const hq = await db.insertInto('app_user')
    .values({ email: 'analyst.hq@bench.example', name: 'HQ analyst', organisation_id: org.id, office_id: null, password_hash: null, totp_secret: null, totp_last_step: null, updated_at: new Date() })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: hq.id, role_id: allRole.id }).execute();
  const biggest = [...offices].sort((a, b) => b.weight - a.weight)[0]!;
  return { organisationId: org.id, offices, caseworkerId: biggest.userIds[1]!, allScopeUserId: hq.id };
}

// ---------------------------------------------------------------------------------------------
// Keys and indexes

interface Deferred { drop: string[]; create: string[] }

/**
 * Drops the primary keys, unique constraints, foreign keys and secondary indexes of the big
 * tables (and foreign keys of other tables that point at them); returns the statements that
 * rebuild them: keys first, then indexes, then foreign keys (which need the keys).
 */
export async function deferConstraints(client: pg.Client): Promise<Deferred> {
  const tables = BIG_TABLES;
  const cons = await client.query<{ name: string; tbl: string; type: string; def: string }>(
    `SELECT conname AS name, conrelid::regclass::text AS tbl, contype AS type, pg_get_constraintdef(oid) AS def
       FROM pg_constraint
      WHERE contype IN ('p', 'u', 'f')
        AND (conrelid = ANY($1::regclass[]) OR (contype = 'f' AND confrelid = ANY($1::regclass[])))`,
    [tables],
  );
  const idx = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  const fks = cons.rows.filter((c) => c.type === 'f');
  const keys = cons.rows.filter((c) => c.type !== 'f');
  const add = (c: { name: string; tbl: string; def: string }) => `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`;
  const drop = (c: { name: string; tbl: string }) => `ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`;
  return {
    drop: [...fks.map(drop), ...keys.map(drop), ...idx.rows.map((i) => `DROP INDEX ${i.name}`)],
    create: [...keys.map(add), ...idx.rows.map((i) => i.def), ...fks.map(add)],
  };
}

// ---------------------------------------------------------------------------------------------
// Bulk insert

/** Messages of the generator thread, in order; rejects when the thread fails. */
function channel(worker: Worker) {
  const queue: (BatchMessage | DoneMessage)[] = [];
  let waiting: { resolve: (m: BatchMessage | DoneMessage) => void; reject: (e: unknown) => void } | null = null;
  let failure: unknown = null;
  worker.on('message', (m: BatchMessage | DoneMessage) => { if (waiting) { waiting.resolve(m); waiting = null; } else queue.push(m); });
  worker.on('error', (e) => { failure = e; waiting?.reject(e); waiting = null; });
  return (): Promise<BatchMessage | DoneMessage> => {
    if (failure) return Promise.reject(failure);
    const m = queue.shift();
    return m ? Promise.resolve(m) : new Promise((resolve, reject) => { waiting = { resolve, reject }; });
  };
}

export interface LoadStats {
  cases: number; persons: number; documents: number; members: number; transitions: number;
  insertSeconds: number; rebuildSeconds: number; analyzeSeconds: number; loadSeconds: number; rowsPerSecond: number; insertRowsPerSecond: number;
  tableSizes: Record<string, string>;
  insertSecondsByTable: Record<string, number>;
}

/**
 * Generates (in a worker thread) and inserts the cases of `job`, with the keys, indexes and
 * foreign keys of the big tables dropped meanwhile; then rebuilds them, vacuums and analyses.
 */
export async function loadCases(client: pg.Client, job: GeneratorJob, log: (m: string) => void): Promise<LoadStats & { sample: SampledPerson[] }> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  const deferred = await deferConstraints(client);
  for (const s of deferred.drop) await client.query(s);
  // The generator writes each case's principal nationality itself; the trigger that looks it up
  // for a case written without it (a principal of unknown nationality) would scan every person
  // while the keys are dropped.
  await client.query('ALTER TABLE return_case DISABLE TRIGGER return_case_principal_nationality_set');

  const t0 = performance.now();
  const stats = { cases: 0, persons: 0, documents: 0, members: 0, transitions: 0 };
  const tableMs = new Map<string, number>();
  const worker = startGenerator(job);
  const receive = channel(worker);
  let lastLog = t0;
  let done: DoneMessage;
  try {
    let pending = receive();
    worker.postMessage('next');
    for (;;) {
      const m = await pending;
      if (m.type === 'done') { done = m; break; }
      pending = receive();
      worker.postMessage('next'); // generate the next batch while this one is inserted
      for (const st of m.statements) {
        const ts = performance.now();
        await client.query(st.text, st.params);
        tableMs.set(st.table, (tableMs.get(st.table) ?? 0) + performance.now() - ts);
      }
      for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] += m.counts[k];
      if (performance.now() - lastLog > 20_000) {
        lastLog = performance.now();
        log(`  ${stats.cases.toLocaleString('en')} cases inserted (${Math.round(stats.cases / ((lastLog - t0) / 1000)).toLocaleString('en')} cases/s)`);
      }
    }
  } finally {
    await worker.terminate();
  }
  const counters = done.counters;
  await client.query(
    `INSERT INTO case_number_counter (office_id, year, last) SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])`,
    [counters.map((r) => r.office_id), counters.map((r) => r.year), counters.map((r) => r.last)],
  );
  await client.query('ALTER TABLE return_case ENABLE TRIGGER return_case_principal_nationality_set');
  const t1 = performance.now();
  log(`  inserted in ${((t1 - t0) / 1000).toFixed(1)} s; rebuilding keys, indexes and foreign keys`);
  for (const s of deferred.create) {
    const ts = performance.now();
    await client.query(s);
    log(`    ${((performance.now() - ts) / 1000).toFixed(1).padStart(6)} s  ${s.length > 110 ? `${s.slice(0, 107)}...` : s}`);
  }
  // The stage counts' table got a few rows per insert statement: folded as the running system folds it.
  await client.query('SELECT case_stage_count_compact()');
  const t2 = performance.now();
  // A steady-state database has been vacuumed (visibility map set) and analysed.
  await client.query(`VACUUM (ANALYZE) ${BIG_TABLES.join(', ')}`);
  await client.query('ANALYZE');
  const t3 = performance.now();
  const sizes = await client.query<{ t: string; size: string }>(
    `SELECT t, pg_size_pretty(pg_total_relation_size(t::regclass)) AS size FROM unnest($1::text[]) AS t`, [BIG_TABLES]);
  const rows = stats.cases + stats.persons + stats.documents + stats.members + stats.transitions;
  return {
    ...stats,
    insertSeconds: round((t1 - t0) / 1000), rebuildSeconds: round((t2 - t1) / 1000), analyzeSeconds: round((t3 - t2) / 1000),
    loadSeconds: round((t3 - t0) / 1000), rowsPerSecond: Math.round(rows / ((t3 - t0) / 1000)), insertRowsPerSecond: Math.round(rows / ((t1 - t0) / 1000)),
    tableSizes: Object.fromEntries(sizes.rows.map((r) => [r.t, r.size])),
    insertSecondsByTable: Object.fromEntries([...tableMs].map(([t, v]) => [t, round(v / 1000)])),
    sample: done.sample,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
