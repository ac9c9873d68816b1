import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/harness.js';
import { auditRead, type AuditContext } from './audit.js';
import { verifyAuditChain } from './audit-chain.js';

const { db } = await testDatabase();
const ctx: AuditContext = { actorId: null, officeId: null, ip: '127.0.0.1' };
const entry = () => ({ event: 'case.opened' as const, entityType: 'case', entityId: randomUUID() });
const settle = (ps: Promise<void>[]) => Promise.allSettled(ps).then((r) => r.map((x) => x.status));
const stored = async (ids: string[]) =>
  (await db.selectFrom('audit_event').select('entity_id').where('entity_id', 'in', ids).execute()).map((r) => r.entity_id).sort();

describe('auditRead', () => {
  it('resolves each read once its row is stored, reads made meanwhile going in one group', async () => {
    const entries = Array.from({ length: 30 }, entry);
    expect(await settle(entries.map((e) => auditRead(db, ctx, e)))).toEqual(Array(30).fill('fulfilled'));
    expect(await stored(entries.map((e) => e.entityId))).toEqual(entries.map((e) => e.entityId).sort());
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it('fails every read of a group whose statement fails, and stores none of them', async () => {
    // The first read is written alone; the eleven made while it is written go together, one of
    // them with an address the database refuses.
    const first = entry();
    const group = Array.from({ length: 10 }, entry);
    const bad = entry();
    const results = settle([
      auditRead(db, ctx, first),
      ...group.map((e) => auditRead(db, ctx, e)),
      auditRead(db, { ...ctx, ip: 'not an address' }, bad),
    ]);
    expect(await results).toEqual(['fulfilled', ...Array(11).fill('rejected')]);
    expect(await stored([first, ...group, bad].map((e) => e.entityId))).toEqual([first.entityId]);
    // The next reads are written again.
    const later = entry();
    await auditRead(db, ctx, later);
    expect(await stored([later.entityId])).toEqual([later.entityId]);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });
});
