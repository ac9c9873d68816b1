import { createHash } from 'node:crypto';
import { createQueryId, Kysely, PostgresDialect, type ColumnType, type Compilable, type CompiledQuery, type Generated, type Transaction, type TransactionBuilder } from 'kysely';
import pg from 'pg';

// DATE columns stay 'YYYY-MM-DD' strings: a birth date has no time zone.
pg.types.setTypeParser(1082, (v) => v);
// TIMESTAMP WITHOUT TIME ZONE is a local time kept beside its zone: 'YYYY-MM-DDTHH:MM:SS'.
pg.types.setTypeParser(1114, (v) => v.replace(' ', 'T'));
// COUNT(*) and other bigints fit comfortably in a double for Homeward's sizes.
pg.types.setTypeParser(20, (v) => Number(v));

/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz column that may be null: reads as a Date, accepts an ISO string on writes. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json = unknown;

export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  event: string;
  actor_id: string | null;
  office_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  case_id: string | null;
  ip: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
  /** Set by the database (hash chain, migration 0011), whatever is sent. */
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
}
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  route: string;
  status: number;
  response: Json;
  /** sha256 of method, route, path parameters and canonical body; null on rows stored before it. */
  fingerprint: string | null;
  etag: string | null;
  created_at: Generated<Date>;
}
export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  /** The session's public id (migration 0052): the token hash never leaves the server. */
  id: Generated<string>;
  user_agent: string | null;
  ip_address: string | null;
  auth_method: Generated<'password' | 'oidc'>;
  amr: string[] | null;
  /** Migration 0069: the OpenID provider's ID token of a single sign-on session, encrypted (`v1.`), until signed out. */
  oidc_id_token: Generated<string | null>;
}

/** Migration 0062: a rate-limit counter shared by every node (UNLOGGED; the key is a keyed hash). */
export interface RateLimitHitTable {
  key: string;
  hits: number;
  window_ends_at: Timestamp;
}

/** A person's data key, wrapped by the master key (migration 0063, `person-keys.ts`); destroyed: null. */
export interface PersonKeyTable {
  person_id: string;
  wrapped_key: string | null;
  created_at: Generated<Date>;
  destroyed_at: Date | null;
}

/**
 * How far the demo data got (migration 0079, `demo-load.ts`). A first start writes the offices and the users, then
 * answers while the cases load in the background; the web app shows the progress from this row.
 */
export interface DemoLoadTable {
  id: Generated<boolean>;
  started_at: Timestamp;
  cases_total: number;
  cases_done: Generated<number>;
  finished_at: NullableTimestamp;
  interrupted_at: NullableTimestamp;
}

/** The platform's own tables: the audit trail, idempotency keys, sessions, rate-limit counters, persons' data keys, the demo data's loading. */
export interface PlatformTables {
  demo_load: DemoLoadTable;
  audit_event: AuditEventTable;
  idempotency_key: IdempotencyKeyTable;
  user_session: UserSessionTable;
  rate_limit_hit: RateLimitHitTable;
  person_key: PersonKeyTable;
}

/**
 * Every table of Homeward. The platform declares its own; each module declares the tables it
 * writes in `modules/<module>/<module>.tables.ts`, and `server/db/schema.ts` adds them here by
 * declaration merging, so that the platform imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface DB extends PlatformTables {}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function createDb(connectionString: string, max = 10): Db {
  const pool = newPool({ connectionString, max });
  // The connections of `executePrepared`, opened on its first statement (see there).
  let prepared: pg.Pool | undefined;
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Closed with the Db, also when only `executePrepared` ran (Kysely then has no pool to close).
  const destroy = db.destroy.bind(db);
  let destroyed = false;
  db.destroy = async () => {
    destroyed = true;
    await destroy();
    const closing = prepared;
    prepared = undefined;
    await closing?.end();
  };
  pools.set(db, pool);
  preparedPools.set(db, () => {
    if (destroyed) throw new Error('This database handle was destroyed.');
    return (prepared ??= newPool({ ...preparedConnection(connectionString), max: preparedPoolSize(max) }));
  });
  return db;
}

function newPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  // An idle connection closed by the server (a restart, shutdown) must not crash the process;
  // the pool replaces it on the next query.
  // Once the pool is ending (Homeward stops), its connections are closing: `pool.end()` resolves
  // as soon as each is asked to close, and PostgreSQL, stopped right after, may end one first.
  pool.on('error', (err) => {
    if (!pool.ending) console.error(`[homeward] database connection lost: ${err.message}`);
  });
  // A connection in use when the server goes (Kysely holds one per transaction) emits 'error' too,
  // with no listener of the pool's attached: the query in flight fails with the error, and the
  // pool discards the connection when it comes back (it is no longer queryable). Without this
  // listener the event would end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * How the statements of `executePrepared` are planned: once, for any values (a generic plan),
 * from their first run on each connection. PostgreSQL's default plans each of the first five runs
 * of a statement for its values (a custom plan), and then keeps planning them when a generic plan
 * is estimated dearer, which it is for the duplicate check and the name search, whose key arrays
 * it cannot see into: their planning took 2.5 to 9 ms of each call, more than running them. Their
 * generic plans read the blocking keys' index as the custom plans do, without parallel workers.
 * Kysely's own statements (unnamed) run on the other connections of the pool, with the default:
 * the case list's filters are planned for their values.
 */
export const PREPARED_PLAN_CACHE_MODE = 'force_generic_plan';

/**
 * How the prepared statements' connections connect: `url` with `plan_cache_mode` added to its
 * `options` (the server's settings at connection). In the URL, not in the pool's `options`, which
 * the driver would drop for options the URL already carries; in the pool's `options` for a
 * connection string that is not a URL.
 */
export function preparedConnection(url: string): Pick<pg.PoolConfig, 'connectionString' | 'options'> {
  const setting = `-c plan_cache_mode=${PREPARED_PLAN_CACHE_MODE}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { connectionString: url, options: setting };
  }
  const options = u.searchParams.get('options');
  u.searchParams.set('options', options ? `${options} ${setting}` : setting);
  return { connectionString: u.toString() };
}

/** The connections of the prepared statements beside a pool of `max`: half as many (10 beside the server's 20). */
export const preparedPoolSize = (max: number) => Math.max(1, Math.ceil(max / 2));

const pools = new WeakMap<Db, pg.Pool>();
const preparedPools = new WeakMap<Db, () => pg.Pool>();

/**
 * Runs a query as a named prepared statement: each connection parses and plans its text once
 * (a generic plan: PREPARED_PLAN_CACHE_MODE), and later runs only bind and execute it (the case
 * read of opening a case spent about as long in planning as in running). The name is a digest of
 * the text, so a text (e.g. one scope's form of the condition) is one statement. The statements
 * run on connections of their own, opened beside the pool's (half as many at most:
 * preparedPoolSize; closed with it). In a transaction (no pool of its own) it runs as usual.
 */
export async function executePrepared<R>(ex: Executor, query: Compilable<R> | CompiledQuery<R>): Promise<R[]> {
  const compiled = 'compile' in query ? query.compile() : query;
  const pool = preparedPools.get(ex as Db)?.();
  if (!pool) return (await ex.executeQuery(compiled)).rows;
  let name = statementNames.get(compiled.sql);
  if (!name) {
    name = `hw_${createHash('sha256').update(compiled.sql).digest('base64url').slice(0, 32)}`;
    // The texts are the code's own (values are parameters): a few dozen at most.
    if (statementNames.size < 1_000) statementNames.set(compiled.sql, name);
  }
  const result = await pool.query({ name, text: compiled.sql, values: compiled.parameters as unknown[] });
  return result.rows as R[];
}
const statementNames = new Map<string, string>();

/** A value of a statement template: text (an id) or a time. */
export type TemplateValue = string | Date;

interface Template { compiled: CompiledQuery; slots: Array<[position: number, value: number]> }

/**
 * Statements built once and then run with other values, for the reads every request makes
 * (opening a case): Kysely builds and compiles a query of fifty columns and nested sub-selects in
 * about as much time as the rest of the request's JavaScript. `compile(key, values, build)` builds
 * the query once per key with stand-ins for `values` (unique text, distinct Date objects), finds
 * where each stand-in went among the compiled parameters, and from then on answers that compiled
 * query with the values put in their places. The key must name everything else the query depends
 * on (the actor's grants, which values are absent); the values are only ever parameters: a
 * stand-in written into the text, or changed on its way into a parameter, makes that key built
 * afresh every time (never cached); a value the query does not use is put nowhere. At most `max`
 * keys are kept, the least recently used dropped first.
 */
export class StatementTemplates {
  readonly #byKey = new Map<string, Template | null>();
  constructor(private readonly max = 1_000) {}

  compile(key: string, values: readonly TemplateValue[], build: (values: readonly TemplateValue[]) => Compilable<unknown>): CompiledQuery {
    let template = this.#byKey.get(key);
    if (template === undefined) {
      template = this.#make(values, build);
      if (this.#byKey.size >= this.max) this.#byKey.delete(this.#byKey.keys().next().value!);
    } else {
      this.#byKey.delete(key);
    }
    this.#byKey.set(key, template);
    if (!template) return build(values).compile();
    const parameters = [...template.compiled.parameters];
    for (const [position, value] of template.slots) parameters[position] = values[value];
    return { ...template.compiled, parameters, queryId: createQueryId() };
  }

  #make(values: readonly TemplateValue[], build: (values: readonly TemplateValue[]) => Compilable<unknown>): Template | null {
    const mark = createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16);
    // A time stand-in is a moment no real value has (in the year 9999), so that one turned into text is seen.
    const moment = 253_402_000_000_000 + Math.floor(Math.random() * 1_000_000);
    const standIns = values.map((v, i) => (v instanceof Date ? new Date(moment + i) : `\u0001template ${mark} ${i}`));
    const compiled = build(standIns).compile();
    const slots: Template['slots'] = [];
    let derived = compiled.sql.includes(mark);
    compiled.parameters.forEach((p, position) => {
      const value = standIns.indexOf(p as TemplateValue);
      if (value >= 0) slots.push([position, value]);
      else if (typeof p === 'string' ? p.includes(mark) || p.includes('9999-') : p instanceof Date && p.getTime() >= moment && p.getTime() < moment + values.length) derived = true;
    });
    return derived ? null : { compiled, slots };
  }
}
/** The pool under a Db made by `createDb`, for what Kysely cannot do (COPY streams of a bulk import). */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('This database handle has no pool of its own (a transaction?).');
  return pool;
}

/**
 * A Db that runs everything in the open transaction `tx`, for use cases called inside a
 * transaction they did not open (an idempotent creation claims its key in the same transaction
 * as the record). Kysely does not nest transactions, so `transaction().execute(fn)` here runs
 * `fn(tx)` at once: the use case's work commits or rolls back with the caller's. Its own
 * isolation level or access mode cannot apply inside another transaction, so asking for one
 * throws rather than being silently ignored. Everything else is `tx` itself (methods bound to it,
 * as Kysely keeps its state in private fields).
 */
export function joinTransaction(tx: Tx): Db {
  const refuse = (): never => {
    throw new Error('A joined transaction keeps the isolation level and access mode of the transaction it joins.');
  };
  const joined: Pick<TransactionBuilder<DB>, 'execute' | 'setIsolationLevel' | 'setAccessMode'> = {
    execute: (fn) => fn(tx),
    setIsolationLevel: refuse,
    setAccessMode: refuse,
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => joined;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
