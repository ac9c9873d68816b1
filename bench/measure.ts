/**
 * Timings of the application's own read paths (the functions the HTTP routes call), with actors
 * assembled by the session code from real users and roles.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { systemClock, type Actor } from '../server/platform/actor.js';
import type { DB, Db } from '../server/platform/db.js';
import { createSession, resolveSession, SessionCache } from '../server/platform/session.js';
import { findDuplicates, registerCase, searchCases, stageCounts } from '../server/modules/cases/index.js';
import type { CaseSearchInput } from '../shared/schemas/cases.js';
import { Rng, type SampledPerson } from './generate.js';
import { labelledMetrics, labelledPairs } from './labelled-duplicates.js';
import { NATIONALITIES, otherSpelling } from './names.js';

export interface Stats { count: number; p50: number; p95: number; p99: number; max: number; mean: number; budgetExhausted?: boolean }

const POLICY = { idleMinutes: 60, absoluteHours: 12 };
const clock = { now: () => new Date() };
const sessions = new SessionCache();

/** Signs the user in the way the HTTP layer does: a session, resolved into an Actor. */
export async function actorFor(db: Db, userId: string): Promise<Actor> {
  const { token } = await createSession(db, userId, clock, POLICY);
  const actor = await resolveSession(db, token, clock, POLICY, '127.0.0.1', sessions);
  if (!actor) throw new Error(`no session for ${userId}`);
  return actor;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (x: number) => Math.round(x * 10) / 10;

/**
 * Runs `fn` over the inputs one after another (after a few untimed warm-up calls) and returns
 * the latency distribution. Stops early when the time budget is spent, so that one very slow
 * query does not hold the run for an hour; `budgetExhausted` then says so.
 */
export async function time<I>(inputs: I[], fn: (input: I) => Promise<unknown>, { warmup = 5, budgetMs = 180_000 } = {}): Promise<Stats & { slowest: I }> {
  for (const input of inputs.slice(0, warmup)) await fn(input);
  const samples: number[] = [];
  const start = performance.now();
  let budgetExhausted = false;
  let slowest = { ms: -1, input: inputs[0] as I };
  for (const input of inputs) {
    const t = performance.now();
    await fn(input);
    const elapsed = performance.now() - t;
    samples.push(elapsed);
    if (elapsed > slowest.ms) slowest = { ms: elapsed, input };
    if (performance.now() - start > budgetMs) { budgetExhausted = samples.length < inputs.length; break; }
  }
  samples.sort((a, b) => a - b);
  return {
    slowest: slowest.input,
    count: samples.length, p50: ms(percentile(samples, 50)), p95: ms(percentile(samples, 95)), p99: ms(percentile(samples, 99)),
    max: ms(samples[samples.length - 1]!), mean: ms(samples.reduce((s, x) => s + x, 0) / samples.length),
    ...(budgetExhausted ? { budgetExhausted } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs drawn from the generated people

/** A typing error: a letter dropped, doubled, swapped with the next or replaced. */
export function typo(r: Rng, s: string): string {
  if (s.length < 4) return s;
  const i = 1 + r.int(s.length - 2);
  switch (r.int(4)) {
    case 0: return s.slice(0, i) + s.slice(i + 1);
    case 1: return s.slice(0, i) + s[i] + s.slice(i);
    case 2: return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    default: return s.slice(0, i) + 'aeioumnrst'[r.int(10)] + s.slice(i + 1);
  }
}

/** The name as someone else might write it: another usual spelling, or a typing error. */
export function misspell(r: Rng, name: string): string {
  const other = r.chance(0.6) ? otherSpelling(name, (n) => r.int(n)) : null;
  return other ?? typo(r, name);
}

export interface DuplicateInput { givenName: string; familyName: string; birthDate?: string | null; nationality?: string | null; originalScriptName?: string | null }

/**
 * Duplicate checks as a registration form sends them: 35% exactly as registered, 40% with the
 * given or family name spelled differently, 10% with a typing error in both, 15% with the
 * original-script name too; birth dates sometimes a year off or missing.
 */
export function duplicateInputs(r: Rng, sample: SampledPerson[], n: number): DuplicateInput[] {
  return Array.from({ length: n }, () => {
    const p = r.pick(sample);
    let { givenName, familyName } = p;
    const mode = r.next();
    if (mode < 0.35) { /* as registered */ }
    else if (mode < 0.55) givenName = misspell(r, givenName);
    else if (mode < 0.75) familyName = misspell(r, familyName);
    else if (mode < 0.85) { givenName = typo(r, givenName); familyName = typo(r, familyName); }
    let birthDate = p.birthDate;
    if (birthDate && r.chance(0.15)) birthDate = `${Number(birthDate.slice(0, 4)) + (r.chance(0.5) ? 1 : -1)}${birthDate.slice(4)}`.replace(/-02-29$/, '-02-28');
    if (r.chance(0.1)) birthDate = null;
    return {
      givenName, familyName, birthDate, nationality: r.chance(0.9) ? p.nationality : null,
      ...(mode >= 0.85 && p.originalScriptName ? { originalScriptName: p.originalScriptName } : {}),
    };
  });
}

/** Search-box queries: 'given family' (mostly misspelled), a family name alone, or Arabic script. */
export function nameQueries(r: Rng, sample: SampledPerson[], n: number): string[] {
  return Array.from({ length: n }, () => {
    const p = r.pick(sample);
    const mode = r.next();
    if (mode < 0.1 && p.originalScriptName) return p.originalScriptName;
    if (mode < 0.2) return misspell(r, p.familyName);
    const given = r.chance(0.6) ? misspell(r, p.givenName) : p.givenName;
    const family = r.chance(0.4) ? misspell(r, p.familyName) : p.familyName;
    return `${given} ${family}`;
  });
}

const ACTIVE_STAGE_SETS = [
  ['registered'], ['counselling'], ['registered', 'counselling'], ['decision_recorded', 'application_submitted'],
  ['approved', 'travel_preparation'], ['arrived', 'reintegration', 'monitoring'], ['reintegration'], ['closed'], ['withdrawn', 'ineligible'],
] as const;

/** Case-list filters as the list screen sends them, sorted by last update, mostly page 1. */
export function listFilters(r: Rng, n: number): CaseSearchInput[] {
  return Array.from({ length: n }, () => {
    const nationality = r.chance(0.7) ? r.weighted(NATIONALITIES) : undefined;
    const countryOfReturn = nationality ? (r.chance(0.4) ? nationality : undefined) : r.chance(0.3) ? r.weighted(NATIONALITIES) : undefined;
    return {
      stage: r.chance(0.85) ? [...r.pick(ACTIVE_STAGE_SETS)] : undefined,
      nationality, countryOfReturn, sort: 'updatedAt', page: r.chance(0.8) ? 1 : r.range(2, 5), pageSize: 25,
    } as CaseSearchInput;
  });
}

// ---------------------------------------------------------------------------------------------

export interface Measurements { [name: string]: Stats & { actor: string; query: string; foundShare?: number; slowestInput?: unknown; plans?: string[][] } }

/** Runs `call` against a database handle that records its SQL, and returns the plan of each statement. */
export type Explainer = (call: (db: Db) => Promise<unknown>) => Promise<string[][]>;

/** Captures the SQL through Kysely's query log (url: the same login), explains it on `client`. */
export function explainer(url: string, client: pg.Client): Explainer {
  return async (call) => {
    const captured: { sql: string; params: readonly unknown[] }[] = [];
    const capturing = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      log: (e) => { if (e.level === 'query') captured.push({ sql: e.query.sql, params: e.query.parameters }); },
    });
    try { await call(capturing); } finally { await capturing.destroy(); }
    const plans: string[][] = [];
    for (const q of captured) {
      // Transaction control is not explained; a SET LOCAL (a planner setting for one statement)
      // applies to the statements explained after it, as it did when they ran.
      if (/^\s*(begin|commit|rollback)\b/i.test(q.sql)) continue;
      if (/^\s*set local\b/i.test(q.sql)) {
        await client.query(q.sql.replace(/^\s*set local\b/i, 'SET'), [...q.params]);
        continue;
      }
      const res = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.params]);
      plans.push([q.sql.replace(/\s+/g, ' '), JSON.stringify(q.params), ...res.rows.map((row) => row['QUERY PLAN'])]);
    }
    await client.query('RESET ALL');
    return plans;
  };
}

interface Case<I> { key: string; query: string; inputs: I[]; call: (actor: Actor, db: Db, input: I) => Promise<unknown>; found?: (result: unknown) => boolean; warmup?: number }

export async function measureAll(db: Db, actors: Record<string, Actor>, sample: SampledPerson[],
  opts: { queries: number; seed: number; log: (m: string) => void; explainAboveMs: number; explain: Explainer }) {
  const r = new Rng(opts.seed ^ 0x5eed);
  const cases = [
    { key: 'findDuplicates', query: 'findDuplicates(actor, {givenName, familyName, birthDate, nationality})', inputs: duplicateInputs(r, sample, opts.queries),
      call: (a, d, input) => findDuplicates(input, { actor: a, db: d, clock: systemClock }), found: (res) => (res as { candidates: unknown[] }).candidates.length > 0 } satisfies Case<DuplicateInput>,
    { key: 'searchCasesByName', query: "searchCases(actor, { q: '<name, often misspelled>', page: 1, pageSize: 25 })", inputs: nameQueries(r, sample, opts.queries),
      call: (a, d, q) => searchCases({ q, page: 1, pageSize: 25 }, { actor: a, db: d, clock: systemClock }), found: (res) => (res as { total: number }).total > 0 } satisfies Case<string>,
    { key: 'caseListFiltered', query: "searchCases(actor, { stage, nationality, countryOfReturn, sort: 'updatedAt', page, pageSize: 25 })", inputs: listFilters(r, opts.queries),
      call: (a, d, f) => searchCases(f, { actor: a, db: d, clock: systemClock }) } satisfies Case<CaseSearchInput>,
    { key: 'stageCounts', query: 'stageCounts(actor, false)', inputs: Array.from({ length: Math.max(10, Math.round(opts.queries / 10)) }, () => null), warmup: 2,
      call: (a, d) => stageCounts({ mine: false }, { actor: a, db: d, clock: systemClock }) } satisfies Case<null>,
  ] as Case<unknown>[];

  const out: Measurements = {};
  const slow: { name: string; run: (d: Db) => Promise<unknown> }[] = [];
  for (const [label, actor] of Object.entries(actors)) {
    for (const c of cases) {
      let found = 0;
      const { slowest, ...s } = await time(c.inputs, async (input) => {
        const res = await c.call(actor, db, input);
        if (c.found?.(res)) found++;
      }, { warmup: c.warmup ?? 5 });
      const name = `${c.key}.${label}`;
      // found counts the warm-up calls too
      out[name] = { actor: label, query: c.query, ...s, ...(c.found ? { foundShare: Math.round((found / (s.count + (c.warmup ?? 5))) * 100) / 100 } : {}) };
      if (s.p95 > opts.explainAboveMs) {
        out[name]!.slowestInput = slowest;
        slow.push({ name, run: (d) => c.call(actor, d, slowest) });
      }
      opts.log(`  ${name.padEnd(32)} n=${String(s.count).padStart(4)}  p50 ${String(s.p50).padStart(7)} ms  p95 ${String(s.p95).padStart(7)} ms  max ${String(s.max).padStart(7)} ms${s.budgetExhausted ? '  (time budget spent)' : ''}`);
    }
  }
  // Plans of the slowest call of each slow measurement, through the same code with its SQL captured.
  for (const s of slow) {
    opts.log(`  EXPLAIN ANALYZE of the slowest ${s.name}: ${JSON.stringify(out[s.name]!.slowestInput)}`);
    out[s.name]!.plans = await opts.explain(s.run);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A working day's registrations, before the timings

/**
 * Registers `n` people drawn from the generated caseload (another case of each, as a returning
 * migrant's) through `registerCase`, as one-person cases of the registering actor's office, before
 * the timings. The bulk load rebuilds every index at the end; a working installation's indexes
 * instead hold what each registration since left in them (a GIN index's list of pending entries,
 * which every search of it reads: migration 0080). The timed searches then meet those too.
 */
export async function registerWorkingDay(db: Db, registrar: Actor, sample: SampledPerson[], n: number, seed: number) {
  const r = new Rng(seed ^ 0xda7);
  const ctx = { actor: registrar, db, clock: systemClock };
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const p = r.pick(sample);
    await registerCase({
      kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: p.nationality ?? 'IQ', members: [],
      principal: {
        givenName: p.givenName, familyName: p.familyName, otherNames: [], originalScriptName: p.originalScriptName, transliteration: null,
        sex: r.chance(0.5) ? 'female' : 'male', birthDate: p.birthDate, birthDateEstimated: false, nationality: p.nationality,
        phone: null, languages: [], documents: [],
      },
    }, ctx);
  }
  return { registrations: n, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

// Recall and precision of the duplicate check on a labelled set

/**
 * Registers the "already registered" side of the labelled set (labelled-duplicates.ts) as
 * one-person cases of the registering actor's office, among the generated caseload, then checks
 * each other side through `findDuplicates` as each actor and scores the answers (see
 * `labelledMetrics` and bench/README.md).
 */
export async function measureDuplicateRecall(db: Db, registrar: Actor, actors: Record<string, Actor>, seed: number, log: (m: string) => void) {
  const pairs = labelledPairs(seed);
  const ctx = { actor: registrar, db, clock: systemClock };
  const registeredIds: string[] = [];
  for (const { registered: p } of pairs) {
    const caseId = await registerCase({
      kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: p.nationality, members: [],
      principal: { ...p, transliteration: null, phone: null, languages: [], documents: [] },
    }, ctx);
    const m = await db.selectFrom('case_member').select('person_id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    registeredIds.push(m.person_id);
  }
  const out: Record<string, ReturnType<typeof labelledMetrics>> = {};
  for (const [label, actor] of Object.entries(actors)) {
    const results = [];
    for (const [i, pair] of pairs.entries()) {
      const { candidates } = await findDuplicates(pair.query, { actor, db, clock: systemClock });
      results.push({ pair, registeredId: registeredIds[i]!, candidates });
    }
    out[`duplicateRecall.${label}`] = labelledMetrics(results);
    const m = out[`duplicateRecall.${label}`]!;
    log(`  duplicateRecall.${label.padEnd(17)} ${m.truePairs} true pairs: recall ${m.recall}, top-1 precision ${m.top1Precision}; ${m.nearMisses} near misses: not strongly matched ${m.nearMissSpecificity}`);
  }
  return out;
}
