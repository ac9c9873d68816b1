import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/harness.js';
import { createDb, executePrepared, PREPARED_PLAN_CACHE_MODE, preparedPoolSize } from './db.js';

describe('executePrepared', () => {
  it('answers as Kysely does, from a statement each connection prepares once', async () => {
    const { db, appUrl } = await testDatabase();
    await db.insertInto('organisation').values([{ name: 'Alpha', kind: 'implementing' }, { name: 'Beta', kind: 'partner' }]).execute();
    const query = (kind: 'implementing' | 'partner') => db.selectFrom('organisation').select(['name', 'kind', 'created_at']).where('kind', '=', kind);

    expect(await executePrepared(db, query('partner'))).toEqual(await query('partner').execute());
    // The same text with other values: the same statement, the other rows.
    expect((await executePrepared(db, query('implementing'))).map((r) => r.name)).toEqual(['Alpha']);
    // A Date is parsed as Kysely's pool parses it.
    expect((await executePrepared(db, query('partner')))[0]!.created_at).toBeInstanceOf(Date);

    // On a pool of one connection: PostgreSQL holds the text once, as a prepared statement (on the
    // connection of the prepared statements, beside the pool's own).
    const single = createDb(appUrl, 1);
    try {
      await executePrepared(single, query('partner'));
      await executePrepared(single, query('implementing'));
      const listed = single.selectFrom(sql<{ name: string; statement: string }>`pg_prepared_statements`.as('s')).select(['s.name', 's.statement']);
      const prepared = await executePrepared(single, listed);
      expect(prepared).toEqual(expect.arrayContaining([{ name: expect.stringMatching(/^hw_[\w-]{32}$/), statement: query('partner').compile().sql }]));
      expect(prepared.filter((p) => p.statement === query('partner').compile().sql)).toHaveLength(1);
      // Kysely's own statements run on the pool's connection, which prepares nothing.
      expect((await listed.execute())).toEqual([]);
    } finally {
      await single.destroy();
    }
  });

  it('plans its statements once for any values, and leaves the statements of Kysely planned for theirs', async () => {
    const { db: other, appUrl } = await testDatabase();
    const [{ since }] = (await sql<{ since: Date }>`SELECT now() AS since`.execute(other)).rows;
    const db = createDb(appUrl, 4);
    try {
      const mode = sql<{ mode: string }>`SELECT current_setting('plan_cache_mode') AS mode`;
      expect(await executePrepared(db, mode.compile(db))).toEqual([{ mode: PREPARED_PLAN_CACHE_MODE }]);
      expect(PREPARED_PLAN_CACHE_MODE).toBe('force_generic_plan');
      expect((await mode.execute(db)).rows).toEqual([{ mode: 'auto' }]);
      // A statement with a value, run twice on the one connection it got: generic plans only.
      const byKind = (kind: 'implementing' | 'partner') => db.selectFrom('organisation').select('name').where('kind', '=', kind);
      const prepared = db.selectFrom(sql<{ statement: string; generic_plans: number; custom_plans: number }>`pg_prepared_statements`.as('s'))
        .select(['s.generic_plans', 's.custom_plans']).where('s.statement', '=', byKind('partner').compile().sql);
      // At most half as many connections as the pool's: six statements at once on two.
      const sleeping = sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)`.compile(db);
      const pids = await Promise.all(Array.from({ length: 6 }, () => executePrepared(db, sleeping)));
      expect(preparedPoolSize(4)).toBe(2);
      expect(new Set(pids.map(([row]) => row!.pid)).size).toBe(2);
      const single = createDb(appUrl, 1);
      try {
        await executePrepared(single, byKind('partner'));
        await executePrepared(single, byKind('implementing'));
        expect(await executePrepared(single, prepared)).toEqual([{ generic_plans: 2, custom_plans: 0 }]);
      } finally {
        await single.destroy();
      }
    } finally {
      await db.destroy();
    }
    // Both sets of connections close with their Db: no session opened since is left.
    let left = -1;
    for (let i = 0; i < 40 && left !== 0; i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 50));
      left = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND backend_start > ${since} AND pid <> pg_backend_pid()`.execute(other)).rows[0]!.n;
    }
    expect(left).toBe(0);
  });

  it('keeps the options of a URL that has its own, on both sets of connections', async () => {
    const { appUrl } = await testDatabase();
    const url = new URL(appUrl);
    url.searchParams.set('options', '-c statement_timeout=12345');
    const db = createDb(url.toString(), 2);
    try {
      const settings = sql<{ mode: string; timeout: string }>`SELECT current_setting('plan_cache_mode') AS mode, current_setting('statement_timeout') AS timeout`;
      expect(await executePrepared(db, settings.compile(db))).toEqual([{ mode: 'force_generic_plan', timeout: '12345ms' }]);
      expect((await settings.execute(db)).rows).toEqual([{ mode: 'auto', timeout: '12345ms' }]);
    } finally {
      await db.destroy();
    }
  });

  it('runs as usual inside a transaction, seeing its uncommitted rows', async () => {
    const { db } = await testDatabase();
    const names = await db.transaction().execute(async (tx) => {
      await tx.insertInto('organisation').values({ name: 'Gamma', kind: 'partner' }).execute();
      return executePrepared(tx, tx.selectFrom('organisation').select('name').where('name', '=', 'Gamma'));
    });
    expect(names).toEqual([{ name: 'Gamma' }]);
  });

  it('gives two texts two statements on the same connection', async () => {
    const { db } = await testDatabase();
    const a = await executePrepared(db, db.selectFrom('organisation').select('name').where('kind', '=', 'partner'));
    const b = await executePrepared(db, db.selectFrom('organisation').select('kind').where('name', '=', 'x'));
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    // Run many times over the pool's connections: never "prepared statement already exists".
    await Promise.all(Array.from({ length: 40 }, (_, i) => executePrepared(db, db.selectFrom('organisation').select('name').where('name', '=', `n${i % 3}`))));
  });
});
