import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { trainingAttendance } from './index.js';

const t = await testApp();
const { call, officeWith, db } = t;

async function office() {
  return officeWith(['caseworker', 'reintegration_officer', 'office_manager', 'programme_manager'], { kind: 'origin', country: 'IQ' });
}

async function registerCase(s: Session) {
  const res = await call(s, 'POST', '/api/cases', householdInput({ kind: 'post_arrival', legalStatus: 'other', admissionDate: '2026-02-20' }));
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json();
  return { id: c.id as string, number: c.caseNumber as string, persons: c.members.map((m: { person: { id: string } }) => m.person.id) as string[] };
}

async function provider(s: Session, name = 'Baghdad Business Centre') {
  const res = await call(s, 'POST', '/api/providers', { name, kind: 'training_centre', countryCode: 'IQ', place: 'Baghdad', services: [] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const projectBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Community bakery',
  countryCode: 'IQ',
  place: 'Mosul',
  budgetMinor: 1_250_000,
  currency: 'USD',
  partners: [{ name: 'Mosul Women’s Association' }],
  startsOn: '2026-03-01',
  endsOn: '2026-09-30',
  beneficiaries: { returneesFemale: 3, returneesMale: 2, returneesOther: 0, communityFemale: 10, communityMale: 8, communityOther: 1 },
  ...overrides,
});

async function createProject(s: Session, body: Record<string, unknown> = projectBody(), headers: Record<string, string> = {}) {
  const res = await call(s, 'POST', '/api/community-projects', body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res;
}

describe('community projects', () => {
  it('creates once per Idempotency-Key, with partners from the registry and by name; edits need If-Match; another office’s project is 404', async () => {
    const a = await office();
    const ro = a.users.reintegration_officer.session;
    const providerId = await provider(ro);
    const first = await createProject(ro, projectBody({ partners: [{ providerId }, { name: 'Mosul Women’s Association' }] }), { 'idempotency-key': 'cp-1' });
    const replay = await createProject(ro, projectBody({ partners: [{ providerId }, { name: 'Mosul Women’s Association' }] }), { 'idempotency-key': 'cp-1' });
    expect(replay.headers['idempotent-replay']).toBe('true');
    const view = first.json();
    expect(replay.json().id).toBe(view.id);
    expect(view).toMatchObject({
      status: 'planned', officeId: a.office.id, budgetMinor: 1_250_000, currency: 'USD', version: 1,
      partners: [{ providerId, name: 'Baghdad Business Centre' }, { providerId: null, name: 'Mosul Women’s Association' }],
      beneficiaries: { returneesFemale: 3, communityOther: 1 }, returnees: [], hiddenReturnees: 0,
    });
    expect(await db.selectFrom('community_project').select('id').where('office_id', '=', a.office.id).execute()).toHaveLength(1);

    expect((await call(ro, 'PUT', `/api/community-projects/${view.id}`, projectBody({ place: 'Erbil' }))).statusCode).toBe(428);
    const edited = await call(ro, 'PUT', `/api/community-projects/${view.id}`, projectBody({ place: 'Erbil', partners: [] }), { 'if-match': first.headers.etag as string });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ place: 'Erbil', partners: [], version: 2 });
    expect((await call(ro, 'PUT', `/api/community-projects/${view.id}`, projectBody(), { 'if-match': first.headers.etag as string })).statusCode).toBe(412);
    const updated = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'community_project.updated').where('entity_id', '=', view.id).executeTakeFirstOrThrow();
    expect(updated).toMatchObject({ before: { place: 'Mosul' }, after: { place: 'Erbil', partners: [] } });

    // Bad input is refused, not dropped.
    const backwards = await call(ro, 'POST', '/api/community-projects', projectBody({ startsOn: '2026-09-01', endsOn: '2026-01-01' }));
    expect(backwards.statusCode).toBe(400);
    const negative = await call(ro, 'POST', '/api/community-projects', projectBody({ beneficiaries: { returneesFemale: -1, returneesMale: 0, returneesOther: 0, communityFemale: 0, communityMale: 0, communityOther: 0 } }));
    expect(negative.statusCode).toBe(400);
    const unknownProject = await call(ro, 'POST', '/api/community-projects', projectBody({ projectId: '00000000-0000-4000-8000-000000000001' }));
    expect(unknownProject.json().error.code).toBe('COMMUNITY_AVRR_PROJECT_NOT_FOUND');

    // Another office does not see it, nor can change it.
    const b = await office();
    const other = b.users.reintegration_officer.session;
    expect((await call(other, 'GET', `/api/community-projects/${view.id}`)).statusCode).toBe(404);
    expect((await call(other, 'PUT', `/api/community-projects/${view.id}`, projectBody(), { 'if-match': edited.headers.etag as string })).statusCode).toBe(404);
    const listed = await call(other, 'POST', '/api/community-projects/search', {});
    expect(listed.json()).toMatchObject({ items: [], total: 0 });
    const mine = await call(ro, 'POST', '/api/community-projects/search', { status: 'planned' });
    expect(mine.json().items.map((p: { id: string }) => p.id)).toEqual([view.id]);
    expect((await call(ro, 'POST', '/api/community-projects/search', { status: 'active' })).json().total).toBe(0);

    // The programme manager and the caseworker do not manage community projects.
    expect((await call(a.users.caseworker.session, 'GET', `/api/community-projects/${view.id}`)).statusCode).toBe(403);
    expect((await call(a.users.programme_manager.session, 'POST', '/api/community-projects/search', {})).statusCode).toBe(403);
  });

  it('moves planned -> active -> completed; cancelling needs a reason; other moves are refused', async () => {
    const a = await office();
    const ro = a.users.reintegration_officer.session;
    const created = await createProject(ro);
    const id = created.json().id as string;
    let etag = created.headers.etag as string;
    const move = (body: Record<string, unknown>) => call(ro, 'POST', `/api/community-projects/${id}/status`, body, { 'if-match': etag });

    const skip = await move({ status: 'completed' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'COMMUNITY_STATUS_TRANSITION', details: { from: 'planned', to: 'completed' } });
    const noReason = await move({ status: 'cancelled', reason: '  ' });
    expect(noReason.json().error.code).toBe('COMMUNITY_CANCEL_REASON_REQUIRED');

    const active = await move({ status: 'active' });
    expect(active.statusCode, active.body).toBe(200);
    expect(active.json()).toMatchObject({ status: 'active', version: 2 });
    etag = active.headers.etag as string;
    const cancelled = await move({ status: 'cancelled', reason: 'The municipality withdrew the site' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusReason: 'The municipality withdrew the site' });
    etag = cancelled.headers.etag as string;
    expect((await move({ status: 'active' })).statusCode).toBe(409);

    const events = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'community_project.status_changed').where('entity_id', '=', id).orderBy('id').execute();
    expect(events).toEqual([
      { before: { status: 'planned', statusReason: null }, after: { status: 'active', statusReason: null } },
      { before: { status: 'active', statusReason: null }, after: { status: 'cancelled', statusReason: 'The municipality withdrew the site' } },
    ]);
  });

  it('links returnees in reach only, shows their case number and name, audits linking and unlinking', async () => {
    const a = await office();
    const ro = a.users.reintegration_officer.session;
    const c = await registerCase(a.users.caseworker.session);
    const id = (await createProject(ro)).json().id as string;

    const linked = await call(ro, 'POST', `/api/community-projects/${id}/returnees`, { caseId: c.id });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().returnees).toEqual([{ caseId: c.id, caseNumber: c.number, name: 'Mohammed Al-Hassan', linkedAt: expect.any(String) }]);
    const twice = await call(ro, 'POST', `/api/community-projects/${id}/returnees`, { caseId: c.id });
    expect(twice.json().error.code).toBe('COMMUNITY_RETURNEE_ALREADY_LINKED');

    // A case of another office is out of reach: 404, nothing linked.
    const b = await office();
    const far = await registerCase(b.users.caseworker.session);
    const refused = await call(ro, 'POST', `/api/community-projects/${id}/returnees`, { caseId: far.id });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('CASE_NOT_FOUND');
    expect(await db.selectFrom('community_project_returnee').select('case_id').where('community_project_id', '=', id).execute()).toEqual([{ case_id: c.id }]);

    // A link made by someone with wider reach is counted, never named, for a reader without it.
    await db.insertInto('community_project_returnee').values({ community_project_id: id, case_id: far.id, linked_by: a.users.reintegration_officer.id, linked_at: new Date() }).execute();
    const read = (await call(ro, 'GET', `/api/community-projects/${id}`)).json();
    expect(read.returnees.map((r: { caseId: string }) => r.caseId)).toEqual([c.id]);
    expect(read.hiddenReturnees).toBe(1);
    expect(JSON.stringify(read)).not.toContain(far.number);

    const unlinked = await call(ro, 'DELETE', `/api/community-projects/${id}/returnees/${c.id}`);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().returnees).toEqual([]);
    expect((await call(ro, 'DELETE', `/api/community-projects/${id}/returnees/${c.id}`)).json().error.code).toBe('COMMUNITY_RETURNEE_NOT_LINKED');
    const events = await db.selectFrom('audit_event').select(['event', 'case_id']).where('entity_id', '=', id).where('event', 'in', ['community_project.returnee_linked', 'community_project.returnee_unlinked']).orderBy('id').execute();
    expect(events).toEqual([{ event: 'community_project.returnee_linked', case_id: c.id }, { event: 'community_project.returnee_unlinked', case_id: c.id }]);
  });
});

describe('group trainings', () => {
  it('enrols people of cases in reach, records attendance per session, suggests and sets completion, and answers trainingAttendance', async () => {
    const a = await office();
    const ro = a.users.reintegration_officer.session;
    const providerId = await provider(ro);
    const c = await registerCase(a.users.caseworker.session);
    const [principal, spouse] = c.persons as [string, string];

    const created = await call(ro, 'POST', '/api/group-trainings', { title: 'Starting a small business', kind: 'business_basic', providerId }, { 'idempotency-key': 'gt-1' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ providerName: 'Baghdad Business Centre', sessions: [], participants: [] });

    const sessionIds: string[] = [];
    for (const day of ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']) {
      const res = await call(ro, 'POST', `/api/group-trainings/${id}/sessions`, { heldOn: day, startsAt: '09:30', durationMinutes: 180, place: 'Community hall' });
      expect(res.statusCode, res.body).toBe(201);
      sessionIds.push(res.json().sessions.at(-1).id);
    }
    expect((await call(ro, 'POST', `/api/group-trainings/${id}/sessions`, { heldOn: '2026-04-06', startsAt: '25:00', durationMinutes: 60, place: 'Hall' })).statusCode).toBe(400);
    const moved = await call(ro, 'PUT', `/api/group-trainings/${id}/sessions/${sessionIds[4]}`, { heldOn: '2026-04-06', startsAt: '10:00', durationMinutes: 120, place: 'Community hall' });
    expect(moved.json().sessions.at(-1)).toEqual({ id: sessionIds[4], heldOn: '2026-04-06', startsAt: '10:00', durationMinutes: 120, place: 'Community hall' });

    for (const personId of [principal, spouse]) {
      const res = await call(ro, 'POST', `/api/group-trainings/${id}/participants`, { caseId: c.id, personId });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await call(ro, 'POST', `/api/group-trainings/${id}/participants`, { caseId: c.id, personId: principal })).json().error.code).toBe('TRAINING_ALREADY_ENROLLED');
    const b = await office();
    const far = await registerCase(b.users.caseworker.session);
    expect((await call(ro, 'POST', `/api/group-trainings/${id}/participants`, { caseId: far.id, personId: far.persons[0] })).statusCode).toBe(404);
    expect((await call(ro, 'POST', `/api/group-trainings/${id}/participants`, { caseId: c.id, personId: far.persons[0] })).json().error.code).toBe('TRAINING_PERSON_NOT_IN_CASE');

    // The principal attends four of five sessions (80 %), the spouse two.
    for (const [i, sessionId] of sessionIds.entries()) {
      const res = await call(ro, 'PUT', `/api/group-trainings/${id}/sessions/${sessionId}/attendance`, { attendance: [{ personId: principal, present: i !== 2 }, { personId: spouse, present: i < 2 }] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const notEnrolled = await call(ro, 'PUT', `/api/group-trainings/${id}/sessions/${sessionIds[0]}/attendance`, { attendance: [{ personId: far.persons[0], present: true }] });
    expect(notEnrolled.json().error.code).toBe('TRAINING_NOT_ENROLLED');

    let view = (await call(ro, 'GET', `/api/group-trainings/${id}`)).json();
    const p = view.participants.find((x: { personId: string }) => x.personId === principal);
    const s = view.participants.find((x: { personId: string }) => x.personId === spouse);
    expect(p).toMatchObject({ caseNumber: c.number, name: 'Mohammed Al-Hassan', attended: 4, totalSessions: 5, suggestedCompletion: 'completed', completion: null });
    expect(p.attendance[sessionIds[2]!]).toBe(false);
    expect(s).toMatchObject({ name: 'Fatima Al-Hassan', attended: 2, suggestedCompletion: 'not_completed', completion: null });

    // Completion is what staff set, whatever the suggestion.
    const set = await call(ro, 'PUT', `/api/group-trainings/${id}/participants/${spouse}/completion`, { completion: 'completed' });
    expect(set.statusCode, set.body).toBe(200);
    await call(ro, 'PUT', `/api/group-trainings/${id}/participants/${principal}/completion`, { completion: 'not_completed' });
    view = set.json();
    expect(await trainingAttendance(db, { trainingId: id, caseId: c.id })).toEqual([
      { personId: principal, attended: 4, totalSessions: 5, completion: 'not_completed' },
      { personId: spouse, attended: 2, totalSessions: 5, completion: 'completed' },
    ]);
    expect(await trainingAttendance(db, { trainingId: id, caseId: far.id })).toEqual([]);

    const audited = await db.selectFrom('audit_event').select(['event']).where('entity_id', '=', id).execute();
    expect(audited.filter((e) => e.event === 'group_training.attendance_recorded')).toHaveLength(5);
    expect(audited.filter((e) => e.event === 'group_training.completion_set')).toHaveLength(2);

    // Unenrolling removes the person's attendance too.
    const out = await call(ro, 'DELETE', `/api/group-trainings/${id}/participants/${spouse}`);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().participants.map((x: { personId: string }) => x.personId)).toEqual([principal]);
    expect(await trainingAttendance(db, { trainingId: id, caseId: c.id })).toHaveLength(1);

    // Another office does not see the training.
    expect((await call(b.users.reintegration_officer.session, 'GET', `/api/group-trainings/${id}`)).statusCode).toBe(404);
    expect((await call(b.users.reintegration_officer.session, 'POST', '/api/group-trainings/search', {})).json().total).toBe(0);
    const list = (await call(ro, 'POST', '/api/group-trainings/search', {})).json();
    expect(list.items).toEqual([expect.objectContaining({ id, sessionCount: 5, participantCount: 1 })]);
  });

  it('refuses a suspended provider and edits with If-Match', async () => {
    const a = await office();
    const ro = a.users.reintegration_officer.session;
    const providerId = await provider(ro);
    const created = await call(ro, 'POST', '/api/group-trainings', { title: 'Tailoring', kind: 'vocational', providerId });
    const id = created.json().id as string;
    const other = await provider(ro, 'Suspended Centre');
    const p = await call(ro, 'GET', `/api/providers/${other}`);
    expect((await call(ro, 'POST', `/api/providers/${other}/suspend`, { reason: 'Unpaid staff' }, { 'if-match': p.headers.etag as string })).statusCode).toBe(200);
    const refused = await call(ro, 'PUT', `/api/group-trainings/${id}`, { title: 'Tailoring', kind: 'vocational', providerId: other }, { 'if-match': created.headers.etag as string });
    expect(refused.json().error.code).toBe('PROVIDER_SUSPENDED');
    const edited = await call(ro, 'PUT', `/api/group-trainings/${id}`, { title: 'Tailoring and sewing', kind: 'vocational', providerId }, { 'if-match': created.headers.etag as string });
    expect(edited.json()).toMatchObject({ title: 'Tailoring and sewing', version: 2 });
    expect((await call(ro, 'PUT', `/api/group-trainings/${id}`, { title: 'x', kind: 'vocational', providerId }, { 'if-match': created.headers.etag as string })).statusCode).toBe(412);
  });
});
