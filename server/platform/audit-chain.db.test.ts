import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/harness.js';
import { audit, auditMany, AUDIT_MANY_CHUNK } from './audit.js';
import { describeAuditChain, verifyAuditChain } from './audit-chain.js';
import type { Db } from './db.js';

const ctx = { actorId: null, officeId: null, ip: '192.0.2.10' };

/** A few entries written as the application writes them, with values in several scripts. */
async function someEntries(db: Db, n = 5) {
  for (let i = 0; i < n; i += 1) {
    await audit(db, ctx, { event: 'auth.logout', details: { i, name: 'محمد الحسن', note: 'Zoë — ok' }, after: { b: 1, a: [1, 'x'] } });
  }
}

/** As someone with the owner's rights (or the database files) would: around the append-only trigger. */
async function asOwner(ownerUrl: string, statement: string) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    await owner.query(statement);
    await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
  } finally {
    await owner.end();
  }
}

const ids = async (db: Db) => (await db.selectFrom('audit_event').select('id').orderBy('id').execute()).map((r) => Number(r.id));

describe('the audit trail is written by the database', () => {
  it('gives an entry its own id and time whatever the application role sends', async () => {
    const { db } = await testDatabase();
    await someEntries(db, 2);
    const before = Date.now();
    const forged = await sql<{ id: string; at: Date; hash: Buffer; prev_hash: Buffer }>`
      INSERT INTO audit_event (id, at, event, prev_hash, hash) OVERRIDING SYSTEM VALUE
      VALUES (999999, '2001-01-01T00:00:00Z', 'auth.logout', '\\x00'::bytea, '\\x00'::bytea)
      RETURNING id, at, hash, prev_hash`.execute(db);
    const row = forged.rows[0];
    expect(Number(row.id)).not.toBe(999999);
    expect(Number(row.id)).toBeGreaterThan(Math.max(...(await ids(db)).filter((i) => i !== Number(row.id))));
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(row.hash).toHaveLength(32);
    expect(row.prev_hash).toHaveLength(32);
    // A time given through the query builder is replaced as well.
    const viaBuilder = await db.insertInto('audit_event').values({ event: 'auth.logout', at: new Date('2001-01-01T00:00:00Z'), actor_id: null, office_id: null, entity_type: null, entity_id: null, case_id: null, ip: null, before: null, after: null, details: null }).returning('at').executeTakeFirstOrThrow();
    expect(viaBuilder.at.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, entries: 4 });
  });

  it('forms one chain under concurrent writers', async () => {
    const { db } = await testDatabase();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await audit(trx, ctx, { event: 'auth.logout', details: { writer: i } });
          await audit(trx, ctx, { event: 'auth.logout', details: { writer: i, second: true } });
        }),
      ),
    );
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: true, entries: 24 });
    expect(describeAuditChain(report)).toBe('audit trail intact: 24 entries');
  });

  it('moves the head once per transaction, whatever it writes, savepoints rolled back included', async () => {
    const { db } = await testDatabase();
    await someEntries(db, 2);
    const headUpdates = async (trx: Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0]) =>
      Number((await sql<{ n: string }>`SELECT pg_stat_get_xact_tuples_updated('audit_chain_head'::regclass) AS n`.execute(trx)).rows[0]!.n);
    const counted = await db.transaction().execute(async (trx) => {
      // (The count may include earlier transactions of the connection not yet reported: the difference is this one's.)
      const start = await headUpdates(trx);
      for (let i = 0; i < 40; i += 1) await audit(trx, ctx, { event: 'auth.logout', details: { i } });
      // An entry written in a savepoint rolled back is not in the chain; the next one links to the one before it.
      await sql`SAVEPOINT s`.execute(trx);
      await audit(trx, ctx, { event: 'auth.logout', details: { rolledBack: true } });
      await sql`ROLLBACK TO SAVEPOINT s`.execute(trx);
      await audit(trx, ctx, { event: 'auth.logout', details: { after: 'savepoint' } });
      const written = (await headUpdates(trx)) - start;
      // The head's move is deferred to the commit: fired now, it is one update for 41 entries.
      await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(trx);
      return { written, moved: (await headUpdates(trx)) - start };
    });
    expect(counted).toEqual({ written: 0, moved: 1 });
    // Other writers meanwhile, and after: one chain.
    await Promise.all([
      someEntries(db, 3),
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 10; i += 1) await audit(trx, ctx, { event: 'auth.logout', details: { batch: i } });
      }),
    ]);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: true, entries: 2 + 41 + 3 + 10 });
    const last = await db.selectFrom('audit_event').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ lastId: Number(last.id) });
    const details = (await db.selectFrom('audit_event').select('details').orderBy('id').execute()).map((r) => r.details);
    expect(details).not.toContainEqual({ rolledBack: true });
  });
});

describe('auditMany', () => {
  it('writes every entry in order, a statement per chunk, in the caller\'s transaction', async () => {
    const { db } = await testDatabase();
    const n = 2 * AUDIT_MANY_CHUNK + 345;
    await db.transaction().execute((trx) => auditMany(trx, ctx, Array.from({ length: n }, (_, i) => ({ event: 'auth.logout' as const, details: { i } }))));
    const rows = await db.selectFrom('audit_event').select(['details', 'ip']).orderBy('id').execute();
    expect(rows.map((r) => (r.details as { i: number }).i)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set([ctx.ip]));
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, entries: n });
    // A failing chunk fails the transaction: nothing of it is kept.
    await expect(db.transaction().execute((trx) => auditMany(trx, { ...ctx, ip: 'not an address' }, [{ event: 'auth.logout' }]))).rejects.toThrow();
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, entries: n });
  });
});

describe('verification', () => {
  it('finds an entry whose content was edited', async () => {
    const { db, ownerUrl } = await testDatabase();
    await someEntries(db);
    const target = (await ids(db))[2];
    await asOwner(ownerUrl, `UPDATE audit_event SET details = '{"i": 2, "name": "someone else"}' WHERE id = ${target}`);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: false, brokenAt: target, entries: 2 });
    expect(describeAuditChain(report)).toMatch(new RegExp(`^audit trail broken at entry ${target} .*altered`));
  });

  it('finds an entry whose time was moved', async () => {
    const { db, ownerUrl } = await testDatabase();
    await someEntries(db);
    const target = (await ids(db))[1];
    await asOwner(ownerUrl, `UPDATE audit_event SET at = at - interval '1 day' WHERE id = ${target}`);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: false, brokenAt: target });
  });

  it('finds an entry that was removed, in the middle or at the end', async () => {
    const { db, ownerUrl } = await testDatabase();
    await someEntries(db);
    const all = await ids(db);
    await asOwner(ownerUrl, `DELETE FROM audit_event WHERE id = ${all[2]}`);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: false, brokenAt: all[3] });
    expect(describeAuditChain(report)).toMatch(/removed/);

    const other = await testDatabase();
    await someEntries(other.db);
    const last = (await ids(other.db)).at(-1)!;
    await asOwner(other.ownerUrl, `DELETE FROM audit_event WHERE id = ${last}`);
    const tail = await verifyAuditChain(other.db);
    expect(tail).toMatchObject({ intact: false, entries: 4 });
    expect(describeAuditChain(tail)).toMatch(/newest entries were removed/);
  });

  it('refuses edits of the chain head by the application and the owner', async () => {
    const { db, ownerUrl } = await testDatabase();
    await someEntries(db, 1);
    await expect(sql`UPDATE audit_chain_head SET last_id = 1`.execute(db)).rejects.toThrow(/permission denied/);
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await expect(owner.query('UPDATE audit_chain_head SET last_id = 1')).rejects.toThrow(/only by the audit trail/);
    } finally {
      await owner.end();
    }
  });
});
