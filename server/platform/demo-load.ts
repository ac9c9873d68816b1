import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { demoLoadAnswer, type DemoLoadAnswer } from '../../shared/schemas/common.js';
import type { Clock } from './actor.js';
import type { Db, Executor } from './db.js';
import type { Deps } from './http.js';
import { typed } from './http.js';

/** Held (session-level) by the connection of the process that loads the cases, for as long as it does. */
const DEMO_LOCK_KEY = 724_091_338;

/** What a start records before it loads the cases: none loaded of `total`. */
export async function startDemoLoad(db: Executor, clock: Clock, total: number) {
  await db.insertInto('demo_load').values({ started_at: clock.now(), cases_total: total }).execute();
}

/** One more case loaded. */
export async function demoCaseLoaded(db: Executor) {
  await db.updateTable('demo_load').set((eb) => ({ cases_done: eb('cases_done', '+', 1) })).where('finished_at', 'is', null).execute();
}

export async function finishDemoLoad(db: Executor, clock: Clock) {
  await db.updateTable('demo_load').set({ finished_at: clock.now() }).where('finished_at', 'is', null).execute();
}

/**
 * Runs `load` holding the demo lock on a connection (given to `load`, which may work on it too),
 * so that another start (or this one, after a crash) can tell a load under way from one that
 * stopped half-way.
 */
export async function whileLoadingDemo<T>(db: Db, load: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${DEMO_LOCK_KEY})`.execute(conn);
    try {
      return await load(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${DEMO_LOCK_KEY})`.execute(conn).catch(() => undefined);
    }
  });
}

/**
 * A load that did not finish and that no process is still doing (Homeward was stopped, or the
 * load failed): marked interrupted, and returned so that the start can say so. What was loaded
 * stays; nothing else changes.
 */
export async function markInterruptedDemoLoad(db: Db, clock: Clock): Promise<{ casesDone: number; casesTotal: number } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ free: boolean }>`SELECT pg_try_advisory_xact_lock(${DEMO_LOCK_KEY}) AS free`.execute(tx);
    if (!rows[0]?.free) return null;
    const row = await tx
      .updateTable('demo_load')
      .set({ interrupted_at: clock.now() })
      .where('finished_at', 'is', null)
      .where('interrupted_at', 'is', null)
      .returning(['cases_done', 'cases_total'])
      .executeTakeFirst();
    return row ? { casesDone: row.cases_done, casesTotal: row.cases_total } : null;
  });
}

export async function demoLoadState(db: Executor): Promise<DemoLoadAnswer> {
  const row = await db.selectFrom('demo_load').select(['cases_total', 'cases_done', 'finished_at', 'interrupted_at']).executeTakeFirst();
  if (!row) return { state: 'none', casesDone: 0, casesTotal: 0 };
  const state = row.finished_at ? 'loaded' : row.interrupted_at ? 'interrupted' : 'loading';
  return { state, casesDone: row.cases_done, casesTotal: row.cases_total };
}

export function demoLoadRoutes(app: FastifyInstance, deps: Deps) {
  typed(app).get('/api/demo-data', {
    schema: {
      tags: ['platform'],
      summary: 'Whether the demo data is still loading, and how many of its cases are in (none: not a demo database)',
      response: { 200: demoLoadAnswer },
    },
    config: { permission: 'signed-in' },
  }, async () => demoLoadState(deps.db));
}
