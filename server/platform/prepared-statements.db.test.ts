import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/harness.js';
import { createDb, executePrepared } from './db.js';

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

    // On a pool of one connection: PostgreSQL holds the text once, as a prepared statement.
    const single = createDb(appUrl, 1);
    try {
      await executePrepared(single, query('partner'));
      await executePrepared(single, query('implementing'));
      const prepared = await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.execute(single);
      expect(prepared.rows).toEqual([{ name: expect.stringMatching(/^hw_[\w-]{32}$/), statement: query('partner').compile().sql }]);
    } finally {
      await single.destroy();
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
