import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit-chain.js';
import { householdInput, testApp } from '../../test-support/harness.js';

const { call, officeWith, db } = await testApp();

describe('opening a case under concurrency', () => {
  it('writes exactly one case.opened row per case opened, and the chain verifies', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call(s, 'POST', '/api/cases', householdInput())).json().id);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call(s, 'GET', `/api/cases/${ids[i % ids.length]}`)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(200));
    const rows = await db.selectFrom('audit_event').select(['case_id', 'actor_id']).where('event', '=', 'case.opened').execute();
    expect(rows).toHaveLength(50);
    for (const id of ids) expect(rows.filter((r) => r.case_id === id)).toHaveLength(10);
    expect(new Set(rows.map((r) => r.actor_id))).toEqual(new Set([users.caseworker.id]));
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ intact: true });
  });

  it('writes no row for a case the reader may not open', async () => {
    const { users } = await officeWith(['caseworker']);
    const other = (await officeWith(['caseworker'])).users.caseworker.session;
    const id = (await call(users.caseworker.session, 'POST', '/api/cases', householdInput())).json().id as string;
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(other, 'GET', `/api/cases/${id}`)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(5).fill(404));
    expect(await db.selectFrom('audit_event').select('id').where('event', '=', 'case.opened').where('case_id', '=', id).execute()).toEqual([]);
  });
});
