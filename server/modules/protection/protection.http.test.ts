import { describe, expect, it } from 'vitest';
import { MEASURE_TEMPLATES } from '../../../shared/protection.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, fx, login } = t;

const childHousehold = () => householdInput({
  principal: { givenName: 'Amir', familyName: 'Karimi', sex: 'male', birthDate: '2010-05-01', nationality: 'AF' },
  members: [],
  countryOfReturn: 'AF',
});

const register = async (s: Session, body: Record<string, unknown> = householdInput()) => {
  const res = await call(s, 'POST', '/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; caseNumber: string; members: { person: { id: string } }[] };
};

const screen = (s: Session, caseId: string, personId: string, category: string, extra: Record<string, unknown> = {}) =>
  call(s, 'POST', `/api/cases/${caseId}/vulnerabilities`, { personId, category, identifiedOn: '2026-03-02', ...extra });

/** An office with an owner caseworker, a second caseworker, a counsellor and a manager. */
async function team() {
  const o = await officeWith(['caseworker', 'counsellor', 'office_manager', 'me_officer']);
  const u2 = await fx.user({ roles: ['caseworker'], organisationId: o.organisationId, officeId: o.office.id });
  const other = { ...u2, session: await login(u2.email, u2.password) };
  return { ...o, other };
}

describe('screening', () => {
  it('records a vulnerability per member and brings the category’s measures, owned by the case owner and due at offsets', async () => {
    const { users } = await team();
    const cw = users.caseworker;
    const c = await register(cw.session);
    const spouse = c.members[1].person.id;
    const res = await screen(cw.session, c.id, spouse, 'pregnant', { details: 'Seven months' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toMatch(/\.1"$/);
    const body = res.json();
    expect(body).toMatchObject({ category: 'pregnant', status: 'active', details: 'Seven months', personId: spouse, identifiedOn: '2026-03-02' });
    expect(body.measures.map((m: { kind: string }) => m.kind).sort()).toEqual(MEASURE_TEMPLATES.pregnant.map((x) => x.kind).sort());
    const certificate = body.measures.find((m: { kind: string }) => m.kind === 'fit_to_travel_certificate');
    expect(certificate).toMatchObject({ ownerId: cw.id, status: 'open', dueOn: '2026-03-23' });
    const again = await screen(cw.session, c.id, spouse, 'pregnant');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('VULNERABILITY_EXISTS');
    const view = await call(cw.session, 'GET', `/api/cases/${c.id}/protection`);
    expect(view.json().vulnerabilities).toHaveLength(1);
    expect(view.json().measures).toHaveLength(3);
    expect(view.json().restricted).toBe(false);
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', c.id).execute();
    expect(events.filter((e) => e.event === 'special_measure.created')).toHaveLength(3);
    expect(events.map((e) => e.event)).toContain('vulnerability.recorded');
  });

  it('validates: unknown category, a person outside the household, If-Match on updates', async () => {
    const { users } = await team();
    const cw = users.caseworker;
    const c = await register(cw.session);
    const bad = await screen(cw.session, c.id, c.members[0].person.id, 'sad');
    expect(bad.statusCode).toBe(400);
    const other = await register(cw.session);
    const stranger = await screen(cw.session, c.id, other.members[0].person.id, 'elderly');
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('PERSON_NOT_FOUND');
    const v = (await screen(cw.session, c.id, c.members[0].person.id, 'elderly')).json();
    const noMatch = await call(cw.session, 'PATCH', `/api/cases/${c.id}/vulnerabilities/${v.id}`, { status: 'resolved' });
    expect(noMatch.statusCode).toBe(428);
    const ok = await call(cw.session, 'PATCH', `/api/cases/${c.id}/vulnerabilities/${v.id}`, { status: 'resolved' }, { 'if-match': `"${v.id}.1"` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'resolved', version: 2 });
    const stale = await call(cw.session, 'PATCH', `/api/cases/${c.id}/vulnerabilities/${v.id}`, { details: 'x' }, { 'if-match': `"${v.id}.1"` });
    expect(stale.statusCode).toBe(412);
  });

  it('is refused to roles without vulnerability.write, and 404 outside the scope', async () => {
    const { users } = await team();
    const c = await register(users.caseworker.session);
    const me = await screen(users.me_officer.session, c.id, c.members[0].person.id, 'elderly');
    expect(me.statusCode).toBe(403);
    const elsewhere = await officeWith(['caseworker']);
    const outside = await screen(elsewhere.users.caseworker.session, c.id, c.members[0].person.id, 'elderly');
    expect(outside.statusCode).toBe(404);
  });
});

describe('special measures', () => {
  it('are edited with If-Match, added by hand, and listed in the owner’s tasks overdue first', async () => {
    const { users } = await team();
    const cw = users.caseworker;
    const c = await register(cw.session);
    const v = (await screen(cw.session, c.id, c.members[0].person.id, 'medical_physical', { identifiedOn: '2026-01-01' })).json();
    const first = v.measures[0];
    expect(first.overdue).toBe(true);
    const done = await call(cw.session, 'PATCH', `/api/cases/${c.id}/measures/${first.id}`, { status: 'done', notes: 'Seen by Dr Weber' }, { 'if-match': `"${first.id}.1"` });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', notes: 'Seen by Dr Weber', overdue: false });
    expect(done.json().completedAt).toBeTruthy();
    const toCounsellor = await call(cw.session, 'PATCH', `/api/cases/${c.id}/measures/${v.measures[1].id}`, { ownerId: users.counsellor.id }, { 'if-match': `"${v.measures[1].id}.1"` });
    expect(toCounsellor.json().ownerId).toBe(users.counsellor.id);
    const stranger = await officeWith(['caseworker']);
    const badOwner = await call(cw.session, 'PATCH', `/api/cases/${c.id}/measures/${v.measures[2].id}`, { ownerId: stranger.users.caseworker.id }, { 'if-match': `"${v.measures[2].id}.1"` });
    expect(badOwner.json().error).toMatchObject({ code: 'CASE_STAFF_INVALID', details: { field: 'ownerId' } });
    const added = await call(cw.session, 'POST', `/api/cases/${c.id}/measures`, { personId: c.members[0].person.id, kind: 'other', title: 'Wheelchair at the gate', dueOn: '2026-12-01' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ ownerId: cw.id, title: 'Wheelchair at the gate', vulnerabilityId: null });
    const untitled = await call(cw.session, 'POST', `/api/cases/${c.id}/measures`, { personId: c.members[0].person.id, kind: 'other' });
    expect(untitled.statusCode).toBe(400);

    const tasks = (await call(cw.session, 'GET', '/api/protection/my-tasks')).json().items;
    // Done and reassigned measures are gone; overdue ones lead; the hand-made one (due in December) is last.
    expect(tasks.map((x: { id: string }) => x.id)).not.toContain(first.id);
    expect(tasks.map((x: { id: string }) => x.id)).not.toContain(v.measures[1].id);
    expect(tasks[0].overdue).toBe(true);
    expect(tasks.at(-1).title).toBe('Wheelchair at the gate');
    expect(tasks[0]).toMatchObject({ caseNumber: c.caseNumber, caseStage: 'registered', person: { givenName: 'Mohammed' } });
    const counsellorTasks = (await call(users.counsellor.session, 'GET', '/api/protection/my-tasks')).json().items;
    expect(counsellorTasks.map((x: { id: string }) => x.id)).toEqual([v.measures[1].id]);

    // The household withdraws: its measures are no longer anyone's work, overdue or not.
    const read = await call(cw.session, 'GET', `/api/cases/${c.id}`);
    const withdrawn = await call(cw.session, 'POST', `/api/cases/${c.id}/withdrawal`, { reason: 'Stays with relatives' }, { 'if-match': read.headers.etag as string });
    expect(withdrawn.statusCode).toBe(200);
    const after = (await call(cw.session, 'GET', '/api/protection/my-tasks')).json().items;
    expect(after.filter((x: { caseNumber: string }) => x.caseNumber === c.caseNumber)).toEqual([]);
  });
});

describe('health and fit-to-travel record', () => {
  it('is absent for actors without case.health, and every read by those with it is audited', async () => {
    const { users } = await team();
    const cw = users.caseworker;
    const c = await register(cw.session);
    const personId = c.members[0].person.id;
    const denied = await call(cw.session, 'PUT', `/api/cases/${c.id}/persons/${personId}/health`, { fitToTravel: 'fit' });
    expect(denied.statusCode).toBe(403);
    const created = await call(users.counsellor.session, 'PUT', `/api/cases/${c.id}/persons/${personId}/health`, {
      conditions: 'Type 1 diabetes', medication: 'Insulin', travelNeeds: 'Cool box for insulin', fitToTravel: 'fit_with_escort',
      certifiedBy: 'Dr A. Weber', certifiedOn: '2026-03-01', validUntil: '2026-04-01',
    });
    expect(created.statusCode).toBe(200);
    const record = created.json();
    expect(record).toMatchObject({ fitToTravel: 'fit_with_escort', version: 1, validUntil: '2026-04-01' });
    const noMatch = await call(users.counsellor.session, 'PUT', `/api/cases/${c.id}/persons/${personId}/health`, { fitToTravel: 'fit' });
    expect(noMatch.statusCode).toBe(428);
    const updated = await call(users.counsellor.session, 'PUT', `/api/cases/${c.id}/persons/${personId}/health`, { ...record, id: undefined, fitToTravel: 'fit' }, { 'if-match': `"${record.id}.1"` });
    expect(updated.statusCode).toBe(400); // unknown fields are refused
    const ok = await call(users.counsellor.session, 'PUT', `/api/cases/${c.id}/persons/${personId}/health`, { conditions: 'Type 1 diabetes', fitToTravel: 'fit' }, { 'if-match': `"${record.id}.1"` });
    expect(ok.json()).toMatchObject({ fitToTravel: 'fit', medication: null, version: 2 });
    const badDates = await call(users.counsellor.session, 'PUT', `/api/cases/${c.id}/persons/${personId}/health`, { fitToTravel: 'fit', certifiedOn: '2026-03-01', validUntil: '2026-02-01' }, { 'if-match': `"${record.id}.2"` });
    expect(badDates.json().error.details.field).toBe('validUntil');

    const before = await db.selectFrom('audit_event').select('id').where('case_id', '=', c.id).where('event', '=', 'health_record.viewed').execute();
    const forCaseworker = (await call(cw.session, 'GET', `/api/cases/${c.id}/protection`)).json();
    expect('health' in forCaseworker).toBe(false);
    const afterCaseworker = await db.selectFrom('audit_event').select('id').where('case_id', '=', c.id).where('event', '=', 'health_record.viewed').execute();
    expect(afterCaseworker.length).toBe(before.length);
    const forCounsellor = (await call(users.counsellor.session, 'GET', `/api/cases/${c.id}/protection`)).json();
    expect(forCounsellor.health).toHaveLength(1);
    expect(forCounsellor.health[0]).toMatchObject({ personId, conditions: 'Type 1 diabetes', fitToTravel: 'fit' });
    const viewed = await db.selectFrom('audit_event').select(['actor_id']).where('case_id', '=', c.id).where('event', '=', 'health_record.viewed').execute();
    expect(viewed.length).toBe(before.length + 1);
    expect(viewed.at(-1)!.actor_id).toBe(users.counsellor.id);
  });
});

describe('restricted cases', () => {
  it('a trafficking victim or an unaccompanied child restricts the case to its owner, assigned staff and supervisors', async () => {
    const { users, other } = await team();
    const owner = users.caseworker;
    const c = await register(owner.session, childHousehold());
    const child = c.members[0].person.id;
    const dupQuery = { givenName: 'Amir', familyName: 'Karimi', birthDate: '2010-05-01', nationality: 'AF' };
    // Before screening, the colleague sees it.
    expect((await call(other.session, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    const countsBefore = (await call(other.session, 'GET', '/api/cases/stage-counts')).json();

    const v = (await screen(owner.session, c.id, child, 'unaccompanied_child')).json();
    expect(v.measures.map((m: { kind: string }) => m.kind)).toContain('family_tracing');
    const opened = await call(owner.session, 'GET', `/api/cases/${c.id}`);
    expect(opened.json().restricted).toBe(true);
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', c.id).execute();
    expect(events.map((e) => e.event)).toContain('case.restriction.changed');

    // Another caseworker of the same office: 404, absent from search, duplicates and counts.
    const denied = await call(other.session, 'GET', `/api/cases/${c.id}`);
    expect(denied.statusCode).toBe(404);
    expect((await call(other.session, 'GET', `/api/cases/${c.id}/protection`)).statusCode).toBe(404);
    const search = await call(other.session, 'POST', '/api/cases/search', { q: c.caseNumber });
    expect(search.json().items).toEqual([]);
    const byName = await call(other.session, 'POST', '/api/cases/search', { q: 'Amir Karimi' });
    expect(byName.json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const dups = await call(other.session, 'POST', '/api/cases/duplicates', dupQuery);
    expect(dups.json().candidates.map((x: { caseId: string }) => x.caseId)).not.toContain(c.id);
    const countsAfter = (await call(other.session, 'GET', '/api/cases/stage-counts')).json();
    expect(countsAfter.total).toBe(countsBefore.total - 1);
    // The owner still finds it everywhere.
    expect((await call(owner.session, 'POST', '/api/cases/search', { q: c.caseNumber })).json().items).toHaveLength(1);
    expect((await call(owner.session, 'POST', '/api/cases/duplicates', dupQuery)).json().candidates.map((x: { caseId: string }) => x.caseId)).toContain(c.id);
    // The supervisor sees it; the counsellor (not assigned) does not.
    expect((await call(users.office_manager.session, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await call(users.counsellor.session, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);

    // Assigned staff see it; only the owner or a supervisor assigns.
    const byOther = await call(users.counsellor.session, 'POST', `/api/cases/${c.id}/assignments`, { userId: other.id });
    expect(byOther.statusCode).toBe(404);
    const assigned = await call(owner.session, 'POST', `/api/cases/${c.id}/assignments`, { userId: users.counsellor.id });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json().items.map((x: { userId: string }) => x.userId)).toEqual([users.counsellor.id]);
    expect((await call(users.counsellor.session, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    const notOwner = await call(users.counsellor.session, 'POST', `/api/cases/${c.id}/assignments`, { userId: other.id });
    expect(notOwner.statusCode).toBe(403);
    const stranger = await officeWith(['caseworker']);
    const outsider = await call(owner.session, 'POST', `/api/cases/${c.id}/assignments`, { userId: stranger.users.caseworker.id });
    expect(outsider.json().error.code).toBe('CASE_STAFF_INVALID');
    const removed = await call(users.office_manager.session, 'DELETE', `/api/cases/${c.id}/assignments/${users.counsellor.id}`);
    expect(removed.statusCode).toBe(200);
    expect((await call(users.counsellor.session, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const changes = await db.selectFrom('audit_event').select('event').where('case_id', '=', c.id).where('event', '=', 'case.assignment.changed').execute();
    expect(changes).toHaveLength(2);

    // Resolving the vulnerability lifts the restriction.
    const resolved = await call(owner.session, 'PATCH', `/api/cases/${c.id}/vulnerabilities/${v.id}`, { status: 'resolved' }, { 'if-match': `"${v.id}.1"` });
    expect(resolved.statusCode).toBe(200);
    expect((await call(other.session, 'GET', `/api/cases/${c.id}`)).json().restricted).toBe(false);
  });

  it('keeps a non-owner who screens the case assigned, so that it does not vanish from under them', async () => {
    const { users, other } = await team();
    const c = await register(users.caseworker.session);
    const res = await screen(other.session, c.id, c.members[0].person.id, 'trafficking_victim');
    expect(res.statusCode).toBe(201);
    expect((await call(other.session, 'GET', `/api/cases/${c.id}`)).json().restricted).toBe(true);
    expect((await call(users.counsellor.session, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const list = (await call(users.caseworker.session, 'GET', `/api/cases/${c.id}/assignments`)).json();
    expect(list.items.map((x: { userId: string }) => x.userId)).toEqual([other.id]);
    expect(list.canManage).toBe(true);
  });

  it('suppresses stage counts under 5 for statistics users, who count restricted cases they cannot open', async () => {
    const { users, other } = await team();
    const cw = users.caseworker;
    const me = users.me_officer;
    const restrictedInCounselling = async () => {
      const c = await register(cw.session, childHousehold());
      await screen(cw.session, c.id, c.members[0].person.id, 'unaccompanied_child');
      const moved = await call(cw.session, 'POST', `/api/cases/${c.id}/transitions`, { to: 'counselling' }, { 'if-match': `"${c.id}.1"` });
      expect(moved.statusCode).toBe(200);
    };
    // No other test of this file counsels: the bucket holds only these cases.
    await restrictedInCounselling();
    await restrictedInCounselling();
    const small = (await call(me.session, 'GET', '/api/cases/stage-counts')).json();
    expect(small.counts.counselling).toBeUndefined();
    expect(small.suppressed).toContain('counselling');
    expect(small.total).toBe(Object.values(small.counts as Record<string, number>).reduce((a, b) => a + b, 0));
    for (const n of Object.values(small.counts as Record<string, number>)) expect(n === 0 || n >= 5).toBe(true);
    for (let i = 0; i < 3; i += 1) await restrictedInCounselling();
    const big = (await call(me.session, 'GET', '/api/cases/stage-counts')).json();
    expect(big.counts.counselling).toBe(5);
    expect(big.suppressed).not.toContain('counselling');
    // Case readers count only what they may open, unsuppressed: the owner sees 5, a colleague none.
    const owner = (await call(cw.session, 'GET', '/api/cases/stage-counts')).json();
    expect(owner).toMatchObject({ suppressed: [] });
    expect(owner.counts.counselling).toBe(5);
    const colleague = (await call(other.session, 'GET', '/api/cases/stage-counts')).json();
    expect(colleague.counts.counselling).toBeUndefined();
    expect(colleague.suppressed).toEqual([]);
  });
});
