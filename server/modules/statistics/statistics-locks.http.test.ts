import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { audit } from '../../platform/audit.js';
import { householdInput, testApp } from '../../test-support/harness.js';

const { call, officeWith, db } = await testApp();

describe('statistics cells and the audit trail under concurrent writes', () => {
  it('two caseworkers saving two cases of one cell, in opposite orders of change and audit, both commit', async () => {
    const a = await officeWith(['caseworker'], { country: 'BE' });
    const ids: string[] = [];
    for (const familyName of ['Lock', 'Order']) {
      const res = await call(a.users.caseworker.session, 'POST', '/api/cases', householdInput({ countryOfReturn: 'IQ', principal: { givenName: 'A', familyName, sex: 'female', birthDate: '1990-01-01', nationality: 'IQ' } }));
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const ctx = { actorId: null, officeId: a.office.id, ip: null };
    const departed = { stage: 'departed', departed_on: '2026-03-02' } as const;

    // The first moves a case into a statistics cell, then audits; the second audits first, then
    // moves the other case into the same cell while the first still holds what it took.
    let second: Promise<unknown> | undefined;
    await db.transaction().execute(async (t1) => {
      await t1.updateTable('return_case').set(departed).where('id', '=', ids[0]!).execute();
      second = db.transaction().execute(async (t2) => {
        await audit(t2, ctx, { event: 'case.updated', caseId: ids[1]! });
        await t2.updateTable('return_case').set(departed).where('id', '=', ids[1]!).execute();
      });
      second.catch(() => undefined);
      await sleep(300);
      await audit(t1, ctx, { event: 'case.updated', caseId: ids[0]! });
    });
    await expect(second).resolves.toBeUndefined();

    const cell = await db.selectFrom('stat_return_fact').select((eb) => eb.fn.sum<number>('households').as('n'))
      .where('office_id', '=', a.office.id).where('year', '=', 2026).executeTakeFirstOrThrow();
    expect(Number(cell.n)).toBe(2);
  });
});
