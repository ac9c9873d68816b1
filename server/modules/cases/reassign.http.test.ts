import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, fx } = t;

const register = async (s: Session) => {
  const res = await call(s, 'POST', '/api/cases', householdInput());
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
};
const ownerOf = async (id: string) => (await db.selectFrom('return_case').select(['owner_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow());

describe('the caseload of an office', () => {
  it('counts open cases per owner in the manager’s scope, and is refused without case.approve', async () => {
    const o = await officeWith(['caseworker', 'counsellor', 'office_manager']);
    const cw = o.users.caseworker.session;
    const a = await register(cw);
    await register(cw);
    const closed = await register(cw);
    await db.updateTable('return_case').set({ stage: 'closed' }).where('id', '=', closed.id).execute();
    const other = await officeWith(['caseworker']);
    await register(other.users.caseworker.session);
    const res = await call(o.users.office_manager.session, 'GET', '/api/cases/caseload');
    expect(res.statusCode).toBe(200);
    expect(res.json().owners).toEqual([{ ownerId: o.users.caseworker.id, ownerName: expect.any(String), officeId: o.office.id, active: true, openCases: 2 }]);
    expect(a.id).toBeTruthy();
    expect((await call(cw, 'GET', '/api/cases/caseload')).statusCode).toBe(403);
  });
});

describe('reassigning several cases at once', () => {
  it('hands every case to the new owner in one request, checks each version and audits each case', async () => {
    const o = await officeWith(['caseworker', 'counsellor', 'office_manager']);
    const cw = o.users.caseworker.session;
    const [a, b] = [await register(cw), await register(cw)];
    const mgr = o.users.office_manager.session;
    const res = await call(mgr, 'POST', '/api/cases/reassign', { ownerId: o.users.counsellor.id, cases: [{ id: a.id, version: a.version }, { id: b.id, version: b.version }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ownerId: o.users.counsellor.id,
      cases: [{ id: a.id, version: a.version + 1, changed: true }, { id: b.id, version: b.version + 1, changed: true }],
    });
    expect(await ownerOf(a.id)).toEqual({ owner_id: o.users.counsellor.id, version: a.version + 1 });
    expect((await ownerOf(b.id)).owner_id).toBe(o.users.counsellor.id);
    const events = await db.selectFrom('audit_event').select(['case_id', 'event', 'after']).where('case_id', 'in', [a.id, b.id]).where('event', '=', 'case.updated').execute();
    expect(events).toHaveLength(2);
    expect(events[0].after).toEqual({ ownerId: o.users.counsellor.id });
    // The list answers the version to send next.
    const list = await call(mgr, 'POST', '/api/cases/search', { ownerId: o.users.counsellor.id });
    expect(list.json().items.map((c: { version: number }) => c.version)).toEqual([a.version + 1, b.version + 1]);
  });

  it('changes nothing when one case is stale (412 naming it) or out of scope (404 naming it)', async () => {
    const o = await officeWith(['caseworker', 'counsellor', 'office_manager']);
    const cw = o.users.caseworker.session;
    const [a, b] = [await register(cw), await register(cw)];
    const mgr = o.users.office_manager.session;
    const stale = await call(mgr, 'POST', '/api/cases/reassign', { ownerId: o.users.counsellor.id, cases: [{ id: a.id, version: a.version }, { id: b.id, version: b.version + 5 }] });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'PRECONDITION_FAILED', details: { caseId: b.id } });
    expect((await ownerOf(a.id)).owner_id).toBe(o.users.caseworker.id);

    const elsewhere = await officeWith(['caseworker']);
    const foreign = await register(elsewhere.users.caseworker.session);
    const outside = await call(mgr, 'POST', '/api/cases/reassign', { ownerId: o.users.counsellor.id, cases: [{ id: a.id, version: a.version }, { id: foreign.id, version: foreign.version }] });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'CASE_NOT_FOUND', details: { caseId: foreign.id } });
    expect((await ownerOf(a.id))).toEqual({ owner_id: o.users.caseworker.id, version: a.version });
    const audited = await db.selectFrom('audit_event').select('id').where('case_id', '=', a.id).where('event', '=', 'case.updated').execute();
    expect(audited).toEqual([]);
  });

  it('refuses an owner who cannot own cases in the case’s office, duplicates, and people without case.approve', async () => {
    const o = await officeWith(['caseworker', 'counsellor', 'office_manager']);
    const cw = o.users.caseworker.session;
    const a = await register(cw);
    const mgr = o.users.office_manager.session;
    const elsewhere = await officeWith(['caseworker'], { organisationId: o.organisationId });
    const otherOffice = await call(mgr, 'POST', '/api/cases/reassign', { ownerId: elsewhere.users.caseworker.id, cases: [{ id: a.id, version: a.version }] });
    expect(otherOffice.statusCode).toBe(400);
    expect(otherOffice.json().error).toMatchObject({ code: 'CASE_OWNER_INVALID', details: { field: 'ownerId', caseId: a.id } });
    const statistician = await fx.user({ roles: ['me_officer'], organisationId: o.organisationId, officeId: o.office.id });
    const noCases = await call(mgr, 'POST', '/api/cases/reassign', { ownerId: statistician.id, cases: [{ id: a.id, version: a.version }] });
    expect(noCases.json().error).toMatchObject({ code: 'CASE_OWNER_INVALID', details: { field: 'ownerId' } });
    await db.updateTable('app_user').set({ active: false }).where('id', '=', o.users.counsellor.id).execute();
    expect((await call(mgr, 'POST', '/api/cases/reassign', { ownerId: o.users.counsellor.id, cases: [{ id: a.id, version: a.version }] })).json().error.code).toBe('CASE_OWNER_INVALID');
    const twice = await call(mgr, 'POST', '/api/cases/reassign', { ownerId: o.users.caseworker.id, cases: [{ id: a.id, version: a.version }, { id: a.id, version: a.version }] });
    expect(twice.statusCode).toBe(400);
    expect((await call(cw, 'POST', '/api/cases/reassign', { ownerId: o.users.caseworker.id, cases: [{ id: a.id, version: a.version }] })).statusCode).toBe(403);
    expect((await ownerOf(a.id)).owner_id).toBe(o.users.caseworker.id);
  });
});
