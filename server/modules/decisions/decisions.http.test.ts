import { describe, expect, it } from 'vitest';
import { findCase, moveCase } from '../cases/index.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { assertCanBookTravel } from './index.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function upload(s: Session, caseId: string) {
  const boundary = '----homeward';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="declaration.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/attachments`, payload: body, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (res.statusCode !== 201) throw new Error(`upload failed ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** A household of an adult, a spouse and a child of 10, at counselling. */
async function caseAtCounselling(roles = ['caseworker', 'counsellor', 'office_manager']) {
  const o = await officeWith(roles);
  const s = o.users.caseworker!.session;
  const reg = await call(s, 'POST', '/api/cases', householdInput({
    members: [
      { relationship: 'spouse', person: { givenName: 'Fatima', familyName: 'Al-Hassan', sex: 'female', birthDate: '1990-01-01', nationality: 'IQ' } },
      { relationship: 'child', person: { givenName: 'Ali', familyName: 'Al-Hassan', sex: 'male', birthDate: '2016-05-05', nationality: 'IQ' } },
    ],
  }));
  const id = reg.json().id as string;
  const moved = await call(s, 'POST', `/api/cases/${id}/transitions`, { to: 'counselling' }, { 'if-match': reg.headers.etag as string });
  expect(moved.statusCode).toBe(200);
  const members = reg.json().members as { person: { id: string }; isPrincipal: boolean }[];
  const [adult, spouse, child] = members.map((m) => m.person.id) as [string, string, string];
  const declaration = await upload(s, id);
  return { ...o, id, adult, spouse, child, declaration, etag: () => etagOf(id) };
}

async function etagOf(id: string) {
  const c = await db.selectFrom('return_case').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return `"${id}.${c.version}"`;
}

const decision = (x: { declaration: string; users: Record<string, { id: string }> }, personId: string, extra: Record<string, unknown> = {}) => ({
  personId, decidedOn: '2026-03-01', decidedBy: 'self', language: 'ar', informationUnderstood: true, noPressure: true,
  declarationAttachmentId: x.declaration, counsellorId: x.users.counsellor!.id, ...extra,
});

async function record(s: Session, x: Awaited<ReturnType<typeof caseAtCounselling>>, personId: string, extra: Record<string, unknown> = {}) {
  return call(s, 'POST', `/api/cases/${x.id}/decisions`, decision(x, personId, extra), { 'if-match': await x.etag() });
}

async function recordAll(x: Awaited<ReturnType<typeof caseAtCounselling>>) {
  const s = x.users.counsellor!.session;
  expect((await record(s, x, x.adult)).statusCode).toBe(201);
  expect((await record(s, x, x.spouse)).statusCode).toBe(201);
  const last = await record(s, x, x.child, { decidedBy: 'guardian', representativeName: 'Mohammed Al-Hassan (father)' });
  expect(last.statusCode).toBe(201);
  return last;
}

const stageOf = async (id: string) => (await db.selectFrom('return_case').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;

describe('who travels', () => {
  it('sets a member as not travelling with If-Match, keeps the principal travelling, and refuses after departure', async () => {
    const x = await caseAtCounselling();
    const s = x.users.caseworker!.session;
    const url = (p: string) => `/api/cases/${x.id}/members/${p}/travelling`;
    expect((await call(s, 'PUT', url(x.spouse), { travelling: false })).statusCode).toBe(428);
    const ok = await call(s, 'PUT', url(x.spouse), { travelling: false }, { 'if-match': await x.etag() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().members.find((m: { personId: string }) => m.personId === x.spouse).travelling).toBe(false);
    expect((await call(s, 'PUT', url(x.spouse), { travelling: true }, { 'if-match': `"${x.id}.1"` })).statusCode).toBe(412);
    const principal = await call(s, 'PUT', url(x.adult), { travelling: false }, { 'if-match': await x.etag() });
    expect(principal.statusCode).toBe(409);
    expect(principal.json().error.code).toBe('PRINCIPAL_ALWAYS_TRAVELS');
    await db.updateTable('return_case').set({ stage: 'departed' }).where('id', '=', x.id).execute();
    const late = await call(s, 'PUT', url(x.spouse), { travelling: true }, { 'if-match': await x.etag() });
    expect(late.json().error.code).toBe('TRAVELLING_AFTER_DEPARTURE');
  });

  it('leaves a member who stays behind out of the decisions the case needs', async () => {
    const x = await caseAtCounselling();
    await call(x.users.caseworker!.session, 'PUT', `/api/cases/${x.id}/members/${x.spouse}/travelling`, { travelling: false }, { 'if-match': await x.etag() });
    const s = x.users.counsellor!.session;
    const notTravelling = await record(s, x, x.spouse);
    expect(notTravelling.json().error.code).toBe('DECISION_MEMBER_NOT_TRAVELLING');
    await record(s, x, x.adult);
    const done = await record(s, x, x.child, { decidedBy: 'guardian', representativeName: 'Mohammed Al-Hassan' });
    expect(done.json().stage).toBe('decision_recorded');
  });
});

describe('the informed decision', () => {
  it('needs the guardian for a child under 18, named, and confirmations of understanding and no pressure', async () => {
    const x = await caseAtCounselling();
    const s = x.users.counsellor!.session;
    const child = await record(s, x, x.child);
    expect(child.statusCode).toBe(400);
    expect(child.json().error).toMatchObject({ code: 'DECISION_CHILD_NEEDS_GUARDIAN', details: { field: 'decidedBy' } });
    const unnamed = await record(s, x, x.child, { decidedBy: 'guardian' });
    expect(unnamed.json().error.code).toBe('DECISION_REPRESENTATIVE_NAME_REQUIRED');
    const pressured = await record(s, x, x.adult, { noPressure: false });
    expect(pressured.statusCode).toBe(400);
    expect(pressured.json().error).toMatchObject({ code: 'DECISION_NOT_INFORMED_OR_VOLUNTARY', details: { field: 'noPressure' } });
    const notUnderstood = await record(s, x, x.adult, { informationUnderstood: false });
    expect(notUnderstood.json().error.code).toBe('DECISION_NOT_INFORMED_OR_VOLUNTARY');
    const badLanguage = await record(s, x, x.adult, { language: 'xx' });
    expect(badLanguage.json().error.code).toBe('VALIDATION_FAILED');
    const representative = await record(s, x, x.spouse, { decidedBy: 'representative', representativeName: 'Maître Dubois' });
    expect(representative.statusCode).toBe(201);
    const rows = await db.selectFrom('informed_decision').selectAll().where('case_id', '=', x.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decided_by: 'representative', representative_name: 'Maître Dubois', version: 1 });
  });

  it('checks the declaration belongs to the case and the counsellor records decisions', async () => {
    const x = await caseAtCounselling();
    const other = await caseAtCounselling();
    const s = x.users.counsellor!.session;
    const foreign = await record(s, x, x.adult, { declarationAttachmentId: other.declaration });
    expect(foreign.json().error.code).toBe('DECISION_DECLARATION_NOT_FOUND');
    const notCounsellor = await record(s, x, x.adult, { counsellorId: other.users.counsellor!.id });
    expect(notCounsellor.json().error.code).toBe('DECISION_COUNSELLOR_INVALID');
    expect((await call(s, 'POST', `/api/cases/${x.id}/decisions`, decision(x, x.adult))).statusCode).toBe(428);
  });

  it('keeps versions: a new decision supersedes the current one; the last one moves the case to decision_recorded', async () => {
    const x = await caseAtCounselling();
    const s = x.users.counsellor!.session;
    await record(s, x, x.adult);
    const again = await record(s, x, x.adult, { language: 'ku' });
    expect(again.statusCode).toBe(201);
    const adult = again.json().members.find((m: { personId: string }) => m.personId === x.adult);
    expect(adult.history.map((d: { version: number; endedReason: string | null }) => [d.version, d.endedReason])).toEqual([[2, null], [1, 'superseded']]);
    expect(adult.current).toMatchObject({ version: 2, language: 'ku' });
    expect(again.json().stage).toBe('counselling');
    const last = await recordAll(x);
    expect(last.json().stage).toBe('decision_recorded');
    expect(last.json().withoutDecision).toEqual([]);
    const history = await db.selectFrom('stage_transition').select(['to_stage']).where('case_id', '=', x.id).orderBy('at').orderBy('id').execute();
    expect(history.map((h) => h.to_stage)).toContain('decision_recorded');
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', x.id).execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['decision.recorded', 'decision.superseded']));
  });

  it('answers a retry with the same Idempotency-Key without recording twice', async () => {
    const x = await caseAtCounselling();
    const s = x.users.counsellor!.session;
    const etag = await x.etag();
    const headers = { 'if-match': etag, 'idempotency-key': 'decision-1' };
    const a = await call(s, 'POST', `/api/cases/${x.id}/decisions`, decision(x, x.adult), headers);
    const b = await call(s, 'POST', `/api/cases/${x.id}/decisions`, decision(x, x.adult), headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replay']).toBe('true');
    const rows = await db.selectFrom('informed_decision').select('version').where('case_id', '=', x.id).execute();
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('is refused at registered: counselling first', async () => {
    const o = await officeWith(['caseworker', 'counsellor']);
    const reg = await call(o.users.caseworker!.session, 'POST', '/api/cases', householdInput({ members: [] }));
    const id = reg.json().id as string;
    const declaration = await upload(o.users.caseworker!.session, id);
    const res = await call(o.users.counsellor!.session, 'POST', `/api/cases/${id}/decisions`, decision({ declaration, users: o.users }, reg.json().members[0].person.id), { 'if-match': reg.headers.etag as string });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DECISION_NEEDS_COUNSELLING');
  });

  it('is not offered as a plain stage move', async () => {
    const x = await caseAtCounselling();
    const res = await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/transitions`, { to: 'decision_recorded' }, { 'if-match': await x.etag() });
    expect(res.json().error.code).toBe('CASE_TRANSITION_NEEDS_ACTION');
  });
});

describe('the application', () => {
  it('is refused while a travelling member has no current decision, listing them', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    // A member who stayed behind is set to travel: the household's decisions are no longer complete.
    await db.updateTable('case_member').set({ travelling: false }).where('case_id', '=', x.id).where('person_id', '=', x.spouse).execute();
    await db.updateTable('informed_decision').set({ ended_at: new Date(), ended_reason: 'superseded' }).where('person_id', '=', x.spouse).execute();
    await db.updateTable('case_member').set({ travelling: true }).where('case_id', '=', x.id).where('person_id', '=', x.spouse).execute();
    const res = await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'APPLICATION_NEEDS_DECISIONS', details: { members: [{ personId: x.spouse, name: 'Fatima Al-Hassan' }] } });
    await expect(assertCanBookTravel(db, x.id)).rejects.toMatchObject({ code: 'TRAVEL_NEEDS_DECISIONS', status: 409, details: { members: [{ personId: x.spouse }] } });
  });

  it('is submitted, refused to its submitter, approved by a second person', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    await t.makeEligible(x.id, x.users.caseworker!.session, x.users.office_manager!.session);
    await expect(assertCanBookTravel(db, x.id)).resolves.toBeUndefined();
    const stale = `"${x.id}.1"`;
    expect((await call(x.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': stale })).statusCode).toBe(412);
    const submitted = await call(x.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().stage).toBe('application_submitted');
    const self = await call(x.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'approved' }, { 'if-match': await x.etag() });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('APPLICATION_SELF_APPROVAL');
    expect((await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'approved' }, { 'if-match': await x.etag() })).statusCode).toBe(403);
    const other = await officeWith(['office_manager'], { organisationId: x.organisationId });
    const foreign = await call(other.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'approved' }, { 'if-match': await x.etag() });
    expect(foreign.statusCode).toBe(404);
    // A second manager of the same office approves; the first one's own submission is listed but marked.
    const second = await t.fx.user({ roles: ['office_manager'], organisationId: x.organisationId, officeId: x.office.id });
    const s2 = await t.login(second.email, second.password);
    const list = await call(s2, 'POST', '/api/applications/search', {});
    expect(list.json().items.map((i: { caseId: string }) => i.caseId)).toContain(x.id);
    expect(list.json().items.find((i: { caseId: string }) => i.caseId === x.id)).toMatchObject({ principalName: 'Mohammed Al-Hassan', ownSubmission: false, travellers: 3 });
    expect((await call(other.users.office_manager!.session, 'POST', '/api/applications/search', {})).json().items).toEqual([]);
    const approved = await call(s2, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'approved' }, { 'if-match': await x.etag() });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().stage).toBe('approved');
    expect(approved.json().applications[0]).toMatchObject({ outcome: 'approved', submittedBy: { id: x.users.office_manager!.id }, decidedBy: { id: second.id } });
    // The case keeps the day it was approved, shown with it.
    const approvedOn = clock.now().toISOString().slice(0, 10);
    // (A case registered in Homeward has no provenance of an import.)
    const view = (await call(s2, 'GET', `/api/cases/${x.id}`)).json();
    expect(view).toMatchObject({ stage: 'approved', approvedOn, departedOn: null, importedFrom: null });
    expect(view.members.every((m: { person: { importedFrom: unknown } }) => m.person.importedFrom === null)).toBe(true);
    // Suspended and resumed, it keeps the day of its approval (here put back to an earlier day, as if approved then).
    await db.updateTable('return_case').set({ approved_on: '2020-01-06' }).where('id', '=', x.id).execute();
    const suspended = await call(s2, 'POST', `/api/cases/${x.id}/transitions`, { to: 'suspended', reason: 'Hospitalised' }, { 'if-match': await x.etag() });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const resumed = await call(s2, 'POST', `/api/cases/${x.id}/transitions`, { to: 'approved', reason: 'Recovered' }, { 'if-match': await x.etag() });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({ stage: 'approved', approvedOn: '2020-01-06' });
    expect((await call(s2, 'POST', '/api/applications/search', {})).json().items.map((i: { caseId: string }) => i.caseId)).not.toContain(x.id);
  });

  it('is rejected only with a reason (case ineligible), and keeps history across a resubmission', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    await t.makeEligible(x.id, x.users.caseworker!.session, x.users.office_manager!.session);
    await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    const m = x.users.office_manager!.session;
    const noReason = await call(m, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'rejected' }, { 'if-match': await x.etag() });
    expect(noReason.json().error.code).toBe('APPLICATION_REJECTION_REASON_REQUIRED');
    const rejected = await call(m, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'rejected', reason: 'Not covered by the project.' }, { 'if-match': await x.etag() });
    expect(rejected.json().stage).toBe('ineligible');
    // Reopened to counselling: the decisions stay current; the case moves on with a new decision version.
    await call(m, 'POST', `/api/cases/${x.id}/transitions`, { to: 'counselling', reason: 'Covered by another project.' }, { 'if-match': await x.etag() });
    clock.advance(60_000);
    const redo = await record(x.users.counsellor!.session, x, x.adult);
    expect(redo.json().stage).toBe('decision_recorded');
    const again = await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    expect(again.json().applications.map((a: { outcome: string | null; reason: string | null }) => [a.outcome, a.reason])).toEqual([[null, null], ['rejected', 'Not covered by the project.']]);
  });

  it('needs an eligible, current check to submit, and a confirmed one to approve', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    const cw = x.users.caseworker!.session;
    const none = await call(cw, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('APPLICATION_NEEDS_ELIGIBILITY');
    // Checked but not confirmed: it may be submitted, not approved.
    await t.makeEligible(x.id, cw, x.users.office_manager!.session);
    const checks = await db.selectFrom('eligibility_check').select('id').where('case_id', '=', x.id).execute();
    await db.updateTable('eligibility_check').set({ confirmed_at: null, confirmed_by: null, final_outcome: null }).where('id', '=', checks[0]!.id).execute();
    expect((await call(cw, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() })).statusCode).toBe(200);
    const unconfirmed = await call(x.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'approved' }, { 'if-match': await x.etag() });
    expect(unconfirmed.json().error.code).toBe('APPLICATION_ELIGIBILITY_UNCONFIRMED');
    // A rejection needs no eligibility.
    const rejected = await call(x.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'rejected', reason: 'Documents refused.' }, { 'if-match': await x.etag() });
    expect(rejected.statusCode).toBe(200);
    expect(await stageOf(x.id)).toBe('ineligible');
  });

  it('refuses a submission when the case changed since its eligibility check', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    const cw = x.users.caseworker!.session;
    await t.makeEligible(x.id, cw, x.users.office_manager!.session);
    // A fact the rules read changes: the spouse's date of birth.
    await db.updateTable('person').set({ birth_date: '1991-02-02' }).where('id', '=', x.spouse).execute();
    const res = await call(cw, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    expect(res.json().error.code).toBe('APPLICATION_ELIGIBILITY_OUTDATED');
    expect(await stageOf(x.id)).toBe('decision_recorded');
  });
});

describe('withdrawal', () => {
  it('ends every decision, flags open bookings, moves the case to withdrawn; a new decision later is a new version', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    const booking = (status: 'requested' | 'booked' | 'cancelled') =>
      db.insertInto('travel_booking').values({ case_id: x.id, status, travel_date: '2026-04-01', created_by: x.users.caseworker!.id, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const open = await booking('booked');
    const requested = await booking('requested');
    const cancelled = await booking('cancelled');
    const s = x.users.caseworker!.session;
    expect((await call(s, 'POST', `/api/cases/${x.id}/withdrawal`, {})).statusCode).toBe(428);
    const res = await call(s, 'POST', `/api/cases/${x.id}/withdrawal`, { reason: 'Wishes to wait for the school year.' }, { 'if-match': await x.etag() });
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe('withdrawn');
    expect(res.json().withdrawals[0]).toMatchObject({ fromStage: 'decision_recorded', reason: 'Wishes to wait for the school year.' });
    expect(res.json().members.every((m: { current: unknown }) => m.current === null)).toBe(true);
    const ended = await db.selectFrom('informed_decision').select('ended_reason').where('case_id', '=', x.id).execute();
    expect(ended.map((d) => d.ended_reason)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
    const bookings = await db.selectFrom('travel_booking').select(['id', 'cancellation_flagged_at']).where('case_id', '=', x.id).execute();
    const flagged = (id: string) => bookings.find((b) => b.id === id)!.cancellation_flagged_at;
    expect(flagged(open.id)).toEqual(clock.now());
    expect(flagged(requested.id)).not.toBeNull();
    expect(flagged(cancelled.id)).toBeNull();
    await expect(assertCanBookTravel(db, x.id)).rejects.toMatchObject({ code: 'TRAVEL_NEEDS_DECISIONS' });
    // A decision on a withdrawn case needs the case reopened first.
    const early = await record(x.users.counsellor!.session, x, x.adult);
    expect(early.json().error.code).toBe('DECISION_CASE_NOT_OPEN');
    await call(s, 'POST', `/api/cases/${x.id}/transitions`, { to: 'counselling', reason: 'Wants to return after all.' }, { 'if-match': await x.etag() });
    const last = await recordAll(x);
    expect(last.json().stage).toBe('decision_recorded');
    const adult = last.json().members.find((m: { personId: string }) => m.personId === x.adult);
    expect(adult.history.map((d: { version: number; endedReason: string | null }) => [d.version, d.endedReason])).toEqual([[2, null], [1, 'withdrawn']]);
  });

  it('ends a pending application so that a later one can be submitted', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    await t.makeEligible(x.id, x.users.caseworker!.session, x.users.office_manager!.session);
    await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    const res = await call(x.users.counsellor!.session, 'POST', `/api/cases/${x.id}/withdrawal`, {}, { 'if-match': await x.etag() });
    expect(res.json().stage).toBe('withdrawn');
    expect(res.json().applications[0].outcome).toBe('withdrawn');
    expect(res.json().withdrawals[0].reason).toBeNull();
  });

  it('is refused after departure with a clear error', async () => {
    const x = await caseAtCounselling();
    await recordAll(x);
    await t.makeEligible(x.id, x.users.caseworker!.session, x.users.office_manager!.session);
    await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/application`, undefined, { 'if-match': await x.etag() });
    await call(x.users.office_manager!.session, 'POST', `/api/cases/${x.id}/application/decision`, { outcome: 'approved' }, { 'if-match': await x.etag() });
    await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/transitions`, { to: 'travel_preparation' }, { 'if-match': await x.etag() });
    // The departure is the travel capability's action: made here with the workflow's own move.
    const traveller = { userId: x.users.office_manager!.id, name: 'Manager', officeId: x.office.id, organisationId: x.organisationId, grants: new Map([['case.read', 'office'], ['travel.manage', 'office']]), roles: [] } as never;
    await db.transaction().execute(async (trx) => {
      const c = await findCase(trx, traveller, x.id, 'case.read', true);
      await moveCase(trx, traveller, c, 'departed', 'departure', undefined, clock.now());
    });
    expect(await stageOf(x.id)).toBe('departed');
    const res = await call(x.users.caseworker!.session, 'POST', `/api/cases/${x.id}/withdrawal`, { reason: 'Changed mind' }, { 'if-match': await x.etag() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'WITHDRAWAL_AFTER_DEPARTURE', message: expect.stringContaining('departed') });
    expect(await stageOf(x.id)).toBe('departed');
    expect(await db.selectFrom('withdrawal').select('id').where('case_id', '=', x.id).execute()).toEqual([]);
  });

  it('is refused for a case outside the scope (404)', async () => {
    const x = await caseAtCounselling();
    const other = await officeWith(['caseworker']);
    const res = await call(other.users.caseworker!.session, 'POST', `/api/cases/${x.id}/withdrawal`, {}, { 'if-match': await x.etag() });
    expect(res.statusCode).toBe(404);
  });
});
