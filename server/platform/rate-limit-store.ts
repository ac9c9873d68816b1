import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from './db.js';

/** What `@fastify/rate-limit` hands a store: the merged options, with the route they apply to. */
interface StoreOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

type Answer = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Answer) => void;

/**
 * `@fastify/rate-limit`'s store in PostgreSQL (the UNLOGGED table `rate_limit_hit`, migration
 * 0062): every node counts the same attempts, so a second node behind the proxy does not give an
 * attacker a second allowance. One row per route and client address; each request is one upsert
 * that starts a fixed window (the plugin's own semantics: `max` hits per `timeWindow` from the
 * first) or counts in the current one, and answers the count and the time left. The window is
 * timed by the database's clock, the same for every node. The key is `digest` of the route and
 * the address (a keyed hash: an address is personal data). Expired rows are reset by their next
 * hit and removed by the hourly platform purge (`purgeRateLimits`).
 */
export function postgresRateLimitStore(db: Db, digest: (value: string) => string): FastifyRateLimitStoreCtor {
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    private readonly route: string;
    // The plugin passes its merged options, and for a route's store the route itself (`routeInfo`).
    constructor(given: object) {
      const options = given as StoreOptions;
      // Homeward's limits are fixed windows; the plugin's other modes are not counted here.
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error('The PostgreSQL rate-limit store counts fixed windows only (no continueExceeding, no exponentialBackoff).');
      }
      const method = [options.routeInfo?.method ?? ''].flat().join(',');
      this.route = `${method} ${options.routeInfo?.url ?? ''}`;
    }

    child(routeOptions: object) {
      return new PostgresRateLimitStore(routeOptions);
    }

    incr(client: string, cb: Callback, timeWindow: number) {
      hit(db, digest(`${this.route}\n${client}`), timeWindow).then((answer) => cb(null, answer), (err: Error) => cb(err));
    }

    read(client: string, cb: Callback) {
      peek(db, digest(`${this.route}\n${client}`)).then((answer) => cb(null, answer), (err: Error) => cb(err));
    }
  };
}

async function hit(db: Db, key: string, windowMs: number): Promise<Answer> {
  const { rows } = await sql<{ hits: number; ttl: number }>`
    INSERT INTO rate_limit_hit AS r (key, hits, window_ends_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
      window_ends_at = CASE WHEN r.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE r.window_ends_at END
    RETURNING r.hits, greatest(0, ceil(extract(epoch FROM r.window_ends_at - now()) * 1000))::int AS ttl`.execute(db);
  const row = rows[0]!;
  return { current: row.hits, ttl: row.ttl };
}

async function peek(db: Db, key: string): Promise<Answer> {
  const { rows } = await sql<{ hits: number; ttl: number }>`
    SELECT hits, ceil(extract(epoch FROM window_ends_at - now()) * 1000)::int AS ttl
      FROM rate_limit_hit WHERE key = ${key} AND window_ends_at > now()`.execute(db);
  return rows[0] ? { current: rows[0].hits, ttl: rows[0].ttl } : { current: 0, ttl: 0 };
}

/** Removes the counters whose window has ended (the hourly platform purge). */
export async function purgeRateLimits(db: Db): Promise<number> {
  const removed = await db.deleteFrom('rate_limit_hit').where('window_ends_at', '<=', sql<Date>`now()`).executeTakeFirst();
  return Number(removed.numDeletedRows);
}
