import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

const register = async (s: Session) => {
  const res = await call(s, 'POST', '/api/cases', householdInput());
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; members: { person: { id: string } }[] };
};

const editInput = (overrides: Record<string, unknown> = {}) => {
  const { country, topic, ...rest } = coiInput(overrides);
  void country;
  void topic;
  return rest;
};
const DAY = 24 * 60 * 60 * 1000;
/** Runs with the clock moved on (sessions idle out, so users sign in again), then puts it back. */
async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  clock.advance(ms);
  try {
    return await fn();
  } finally {
    clock.advance(-ms);
  }
}
const relogin = (u: { email: string; password: string }) => t.login(u.email, u.password);

const coiInput = (overrides: Record<string, unknown> = {}) => ({
  country: 'IQ', topic: 'health', title: 'Hospitals in Erbil', summary: 'Public and private care', body: 'Public hospitals in Erbil treat returnees free of charge.',
  language: 'en', source: 'Ministry of Health, 2026', informationDate: '2026-01-15', ...overrides,
});

const createCoi = async (s: Session, overrides: Record<string, unknown> = {}) => {
  const res = await call(s, 'POST', '/api/coi', coiInput(overrides));
  if (res.statusCode !== 201) throw new Error(`coi failed ${res.statusCode} ${res.body}`);
  return { body: res.json(), etag: res.headers.etag as string };
};

const sessionInput = (counsellorId: string, overrides: Record<string, unknown> = {}) => ({
  startsAt: '2026-03-01T10:00:00Z', mode: 'office', counsellorId, languages: ['ar'], interpreter: { name: 'Samir Haddad', language: 'ar' },
  topics: ['return_process', 'health'], notes: 'Worried about the daughter’s treatment.', nextSteps: 'Second session with the whole family.', status: 'held', ...overrides,
});

describe('country-of-origin information library', () => {
  it('keeps every version readable when an entry is edited, and refuses stale ETags', async () => {
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const s = users.counsellor.session;
    const { body: created, etag } = await createCoi(s);
    expect(created).toMatchObject({ country: 'IQ', topic: 'health', version: 1, stale: false, current: { body: coiInput().body, source: 'Ministry of Health, 2026' } });
    const edit = await call(s, 'PATCH', `/api/coi/${created.id}`, editInput({ title: 'Hospitals in Erbil and Duhok', body: 'Updated text.', informationDate: '2026-02-20' }), { 'if-match': etag });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ version: 2, title: 'Hospitals in Erbil and Duhok', current: { version: 2, body: 'Updated text.' } });
    expect(edit.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const again = await call(s, 'PATCH', `/api/coi/${created.id}`, editInput({ body: 'Lost update' }), { 'if-match': etag });
    expect(again.statusCode).toBe(412);
    const v1 = await call(users.caseworker.session, 'GET', `/api/coi/${created.id}/versions/1`);
    expect(v1.json()).toMatchObject({ version: 1, body: coiInput().body, title: 'Hospitals in Erbil' });
    const v3 = await call(s, 'GET', `/api/coi/${created.id}/versions/3`);
    expect(v3.json().error.code).toBe('COI_VERSION_NOT_FOUND');
    const events = await db.selectFrom('audit_event').select('event').where('entity_id', '=', created.id).execute();
    expect(events.map((e) => e.event).sort()).toEqual(['coi.entry.created', 'coi.entry.updated']);
  });

  it('validates entries and lets only coi.manage write', async () => {
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const badCountry = await call(users.counsellor.session, 'POST', '/api/coi', coiInput({ country: 'XX' }));
    expect(badCountry.statusCode).toBe(400);
    const badTopic = await call(users.counsellor.session, 'POST', '/api/coi', coiInput({ topic: 'weather' }));
    expect(badTopic.statusCode).toBe(400);
    const badLanguage = await call(users.counsellor.session, 'POST', '/api/coi', coiInput({ language: 'zz-not' }));
    expect(badLanguage.statusCode).toBe(400);
    const caseworker = await call(users.caseworker.session, 'POST', '/api/coi', coiInput());
    expect(caseworker.statusCode).toBe(403);
    const search = await call(users.caseworker.session, 'POST', '/api/coi/search', {});
    expect(search.statusCode).toBe(200);
  });

  it('flags entries older than the set age as stale, by the clock, and filters on it', async () => {
    const { users } = await officeWith(['counsellor', 'office_manager']);
    const country = 'LK';
    const { body: old } = await createCoi(users.counsellor.session, { country, informationDate: '2025-06-01', title: 'Old housing note', topic: 'housing' });
    const { body: fresh } = await createCoi(users.counsellor.session, { country, informationDate: '2026-02-01', title: 'Fresh labour note', topic: 'labour_market', language: 'ta' });
    let session = users.counsellor.session;
    let manager = users.office_manager.session;
    const search = async (body: Record<string, unknown>) => {
      const res = await call(session, 'POST', '/api/coi/search', { country, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await search({})).items.map((i: { id: string; stale: boolean }) => [i.id, i.stale])).toEqual(expect.arrayContaining([[old.id, false], [fresh.id, false]]));
    expect((await search({ stale: true })).items).toEqual([]);
    await later(100 * DAY, async () => {
      // Mid-June 2026: the June 2025 entry is over 12 months old.
      session = await relogin(users.counsellor);
      manager = await relogin(users.office_manager);
      expect((await search({ stale: true })).items.map((i: { id: string }) => i.id)).toEqual([old.id]);
      expect((await search({ stale: false })).items.map((i: { id: string }) => i.id)).toEqual([fresh.id]);
      expect((await search({ language: 'ta' })).items.map((i: { id: string }) => i.id)).toEqual([fresh.id]);
      expect((await search({ topic: 'housing' })).items.map((i: { id: string }) => i.id)).toEqual([old.id]);
      const entry = await call(session, 'GET', `/api/coi/${old.id}`);
      expect(entry.json().stale).toBe(true);

      // The age is a setting in the database: a shorter one makes the fresh entry stale too.
      const settings = await call(manager, 'GET', '/api/coi/settings');
      expect(settings.json().staleAfterMonths).toBe(12);
      const noMatch = await call(manager, 'PUT', '/api/coi/settings', { staleAfterMonths: 3 });
      expect(noMatch.statusCode).toBe(428);
      const set = await call(manager, 'PUT', '/api/coi/settings', { staleAfterMonths: 3 }, { 'if-match': settings.headers.etag as string });
      expect(set.statusCode).toBe(200);
      expect((await search({ stale: true })).items.map((i: { id: string }) => i.id).sort()).toEqual([old.id, fresh.id].sort());
      const restore = await call(manager, 'PUT', '/api/coi/settings', { staleAfterMonths: 12 }, { 'if-match': set.headers.etag as string });
      expect(restore.statusCode).toBe(200);
    });
  });

  it('stores attachments whose type is sniffed from the bytes', async () => {
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const { body: entry } = await createCoi(users.counsellor.session);
    const upload = (name: string, content: Buffer) => {
      const boundary = '----hw';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({ method: 'POST', url: `/api/coi/${entry.id}/attachments`, payload, headers: { cookie: users.counsellor.session.cookie, 'x-csrf-token': users.counsellor.session.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const ok = await upload('leaflet.pdf', pdf);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: 'leaflet.pdf', contentType: 'application/pdf', entryVersion: 1 });
    const exe = await upload('leaflet.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]));
    expect(exe.statusCode).toBe(415);
    const read = await call(users.caseworker.session, 'GET', `/api/coi/${entry.id}`);
    expect(read.json().attachments).toHaveLength(1);
    const download = await call(users.caseworker.session, 'GET', `/api/coi/${entry.id}/attachments/${ok.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });
});

describe('counselling sessions', () => {
  it('records a held session with the COI version given, and keeps pointing to that version after an edit', async () => {
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const c = await register(users.caseworker.session);
    const { body: coi, etag } = await createCoi(users.counsellor.session);
    const res = await call(users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(users.counsellor.id, {
      participantPersonIds: [c.members[0].person.id], otherParticipants: ['Social worker of the reception centre'], coiVersionIds: [coi.current.id],
    }));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: 'held', mode: 'office', counsellorId: users.counsellor.id, notes: sessionInput('').notes, interpreter: { name: 'Samir Haddad', language: 'ar' }, appointment: false });
    expect(created.coi).toEqual([expect.objectContaining({ entryId: coi.id, version: 1, superseded: false })]);
    await call(users.counsellor.session, 'PATCH', `/api/coi/${coi.id}`, editInput({ body: 'Newer' }), { 'if-match': etag });
    const list = await call(users.counsellor.session, 'GET', `/api/cases/${c.id}/counselling-sessions`);
    expect(list.json().items[0].coi).toEqual([expect.objectContaining({ version: 1, superseded: true })]);
    const audited = await db.selectFrom('audit_event').select(['event', 'after']).where('entity_id', '=', created.id).execute();
    expect(audited.map((a) => a.event)).toEqual(['counselling.session.created']);
    expect(JSON.stringify(audited[0].after)).not.toContain('daughter');
  });

  it('refuses bad input with codes', async () => {
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const other = await officeWith(['counsellor']);
    const c = await register(users.caseworker.session);
    const post = (body: unknown) => call(users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, body);
    expect((await post(sessionInput(users.counsellor.id, { mode: 'carrier pigeon' }))).statusCode).toBe(400);
    expect((await post(sessionInput(users.counsellor.id, { topics: ['astrology'] }))).statusCode).toBe(400);
    expect((await post(sessionInput(users.counsellor.id, { startsAt: 'tomorrow' }))).statusCode).toBe(400);
    expect((await post({ ...sessionInput(users.counsellor.id), colour: 'blue' })).statusCode).toBe(400);
    expect((await post(sessionInput(other.users.counsellor.id))).json().error.code).toBe('COUNSELLOR_NOT_IN_OFFICE');
    expect((await post(sessionInput(users.counsellor.id, { participantPersonIds: ['00000000-0000-4000-8000-000000000001'] }))).json().error.code).toBe('PARTICIPANT_NOT_MEMBER');
    expect((await post(sessionInput(users.counsellor.id, { coiVersionIds: ['00000000-0000-4000-8000-000000000001'] }))).json().error.code).toBe('COI_VERSION_NOT_FOUND');
    expect((await post(sessionInput(users.counsellor.id, { startsAt: '2026-04-01T10:00:00Z' }))).json().error.code).toBe('SESSION_HELD_IN_FUTURE');
    const n = await db.selectFrom('counselling_session').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });

  it('answers 404 for a case outside the scope, and 403 without the permission', async () => {
    const mine = await officeWith(['counsellor', 'caseworker', 'monitoring_officer']);
    const theirs = await officeWith(['counsellor']);
    const c = await register(mine.users.caseworker.session);
    const outside = await call(theirs.users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(theirs.users.counsellor.id));
    expect(outside.statusCode).toBe(404);
    expect((await call(theirs.users.counsellor.session, 'GET', `/api/cases/${c.id}/counselling-sessions`)).statusCode).toBe(404);
    const monitoring = await call(mine.users.monitoring_officer.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(mine.users.counsellor.id));
    expect(monitoring.statusCode).toBe(403);
    expect((await call(mine.users.monitoring_officer.session, 'GET', `/api/cases/${c.id}/counselling-sessions`)).statusCode).toBe(200);
  });

  it('leaves notes out for actors without case.note.sensitive and audits reading them', async () => {
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const c = await register(users.caseworker.session);
    await call(users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(users.counsellor.id));
    const auditCount = async () => (await db.selectFrom('audit_event').select('id').where('case_id', '=', c.id).where('event', '=', 'counselling.notes.viewed').execute()).length;
    const asCaseworker = await call(users.caseworker.session, 'GET', `/api/cases/${c.id}/counselling-sessions`);
    expect(asCaseworker.json().items[0]).not.toHaveProperty('notes');
    expect(asCaseworker.json().items[0].nextSteps).toBe(sessionInput('').nextSteps);
    expect(await auditCount()).toBe(0);
    const asCounsellor = await call(users.counsellor.session, 'GET', `/api/cases/${c.id}/counselling-sessions`);
    expect(asCounsellor.json().items[0].notes).toBe(sessionInput('').notes);
    expect(await auditCount()).toBe(1);
    // A caseworker may record sessions but not write notes they could not read back.
    const withNotes = await call(users.caseworker.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(users.counsellor.id));
    expect(withNotes.statusCode).toBe(403);
    const withoutNotes = await call(users.caseworker.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(users.counsellor.id, { notes: null }));
    expect(withoutNotes.statusCode).toBe(201);
  });

  it('schedules appointments, marks them held or cancelled with a reason, and lists upcoming ones per counsellor', async () => {
    const { users, office, organisationId } = await officeWith(['counsellor', 'caseworker', 'office_manager']);
    const second = await t.fx.user({ roles: ['counsellor'], organisationId, officeId: office.id });
    const secondSession = await t.login(second.email, second.password);
    const c = await register(users.caseworker.session);
    const schedule = (counsellorId: string, startsAt: string) =>
      call(users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(counsellorId, { status: 'scheduled', startsAt, notes: null }));
    const mine = await schedule(users.counsellor.id, '2026-03-05T09:00:00Z');
    expect(mine.json()).toMatchObject({ status: 'scheduled', appointment: true });
    const theirs = await schedule(second.id, '2026-03-06T09:00:00Z');
    const past = await schedule(users.counsellor.id, '2026-02-20T09:00:00Z');
    expect(past.json().appointment).toBe(false);

    const ids = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((i) => i.id);
    expect(ids(await call(users.counsellor.session, 'GET', '/api/counselling/appointments'))).toEqual([mine.json().id]);
    expect(ids(await call(secondSession, 'GET', '/api/counselling/appointments'))).toEqual([theirs.json().id]);
    expect((await call(secondSession, 'GET', `/api/counselling/appointments?counsellorId=${users.counsellor.id}`)).statusCode).toBe(403);
    expect(ids(await call(users.office_manager.session, 'GET', '/api/counselling/appointments'))).toEqual([mine.json().id, theirs.json().id]);
    expect(ids(await call(users.office_manager.session, 'GET', `/api/counselling/appointments?counsellorId=${second.id}`))).toEqual([theirs.json().id]);
    const elsewhere = await officeWith(['office_manager']);
    expect(ids(await call(elsewhere.users.office_manager.session, 'GET', '/api/counselling/appointments'))).toEqual([]);

    const patch = (id: string, etag: string, body: unknown) => call(users.counsellor.session, 'PATCH', `/api/cases/${c.id}/counselling-sessions/${id}`, body, { 'if-match': etag });
    const noReason = await patch(theirs.json().id, theirs.headers.etag as string, { status: 'cancelled' });
    expect(noReason.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'cancelReason' } });
    const cancelled = await patch(theirs.json().id, theirs.headers.etag as string, { status: 'cancelled', cancelReason: 'The family is ill' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'The family is ill', version: 2 });
    const tooEarly = await patch(mine.json().id, mine.headers.etag as string, { status: 'held' });
    expect(tooEarly.json().error.code).toBe('SESSION_HELD_IN_FUTURE');
    const noIfMatch = await call(users.counsellor.session, 'PATCH', `/api/cases/${c.id}/counselling-sessions/${mine.json().id}`, { status: 'held' });
    expect(noIfMatch.statusCode).toBe(428);
    await later(4 * DAY, async () => {
      // 6 March: the 5 March appointment took place.
      const counsellor = await relogin(users.counsellor);
      const held = await call(counsellor, 'PATCH', `/api/cases/${c.id}/counselling-sessions/${mine.json().id}`, { status: 'held', notes: 'Went well.' }, { 'if-match': mine.headers.etag as string });
      expect(held.json()).toMatchObject({ status: 'held', notes: 'Went well.', appointment: false });
      const undo = await call(counsellor, 'PATCH', `/api/cases/${c.id}/counselling-sessions/${mine.json().id}`, { status: 'cancelled', cancelReason: 'Oops' }, { 'if-match': held.headers.etag as string });
      expect(undo.json().error.code).toBe('SESSION_ALREADY_HELD');
      expect(ids(await call(await relogin(users.office_manager), 'GET', '/api/counselling/appointments'))).toEqual([]);
    });
  });

  it('tells other capabilities whether counselling was held', async () => {
    const { hasHeldCounselling } = await import('./index.js');
    const { users } = await officeWith(['counsellor', 'caseworker']);
    const c = await register(users.caseworker.session);
    expect(await hasHeldCounselling(db, c.id)).toBe(false);
    await call(users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(users.counsellor.id, { status: 'scheduled', startsAt: '2026-03-09T09:00:00Z' }));
    expect(await hasHeldCounselling(db, c.id)).toBe(false);
    await call(users.counsellor.session, 'POST', `/api/cases/${c.id}/counselling-sessions`, sessionInput(users.counsellor.id));
    expect(await hasHeldCounselling(db, c.id)).toBe(true);
  });
});
