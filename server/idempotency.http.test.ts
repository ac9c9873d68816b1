import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig } from './platform/config.js';
import { householdInput, multipartUpload, testApp, type Session } from './test-support/harness.js';

const t = await testApp();
const { call, officeWith, db } = t;

const BURST = 20;

const register = async (s: Session) => {
  const res = await call(s, 'POST', '/api/cases', householdInput());
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  const json = res.json();
  return { id: json.id as string, personIds: json.members.map((m: { person: { id: string } }) => m.person.id) as string[] };
};

/** A case with a booking, as the workflow would have it after an approved application. */
async function bookedCase(s: Session, userId: string) {
  const c = await register(s);
  await db.updateTable('return_case').set({ stage: 'approved' }).where('id', '=', c.id).execute();
  for (const personId of c.personIds) {
    await db.insertInto('informed_decision').values({
      case_id: c.id, person_id: personId, version: 1, decided_on: '2026-02-20', decided_by: 'self', representative_name: null, language: 'ar',
      information_understood: true, no_pressure: true, declaration_attachment_id: null, counsellor_id: userId, recorded_by: userId, ended_at: null, ended_reason: null,
    }).execute();
  }
  const booking = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings`, {
    legs: [{
      carrier: 'Turkish Airlines', flightOrRoute: 'TK 1938', fromCode: 'BRU', toCode: 'IST',
      departsLocal: '2026-04-10T11:05', departsTimeZone: 'Europe/Brussels', arrivesLocal: '2026-04-10T15:50', arrivesTimeZone: 'Europe/Istanbul',
    }],
  });
  if (booking.statusCode !== 201) throw new Error(`booking failed ${booking.statusCode} ${booking.body}`);
  return { ...c, bookingId: booking.json().id as string };
}

/** The same request sent BURST times at once, as a double-clicking user or a retrying proxy would. */
async function burst(s: Session, url: string, body: unknown, key: string): Promise<LightMyRequestResponse[]> {
  return Promise.all(Array.from({ length: BURST }, () => call(s, 'POST', url, body, { 'idempotency-key': key })));
}

function expectOneAnswer(answers: LightMyRequestResponse[]): string {
  const failed = answers.filter((a) => a.statusCode !== 201).map((a) => `${a.statusCode} ${a.body}`);
  expect(failed).toEqual([]);
  const ids = new Set(answers.map((a) => a.json().id as string));
  expect(ids.size).toBe(1);
  expect(answers.filter((a) => a.headers['idempotent-replay'] === 'true')).toHaveLength(BURST - 1);
  return [...ids][0]!;
}

const count = async (table: 'return_case' | 'case_member' | 'case_note' | 'travel_document' | 'travel_payment', column: string, value: string) =>
  (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column as never, '=', value as never).executeTakeFirstOrThrow()).n;
const auditCount = async (event: string, entityId: string) =>
  (await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('event', '=', event).where('entity_id', '=', entityId).executeTakeFirstOrThrow()).n;

describe('creating exactly once with an Idempotency-Key', () => {
  it('registers one household for parallel requests with one key', async () => {
    const { users } = await officeWith(['caseworker']);
    const answers = await burst(users.caseworker.session, '/api/cases', householdInput(), 'register-burst');
    const id = expectOneAnswer(answers);
    expect(await count('return_case', 'created_by', users.caseworker.id)).toBe(1);
    expect(await auditCount('case.created', id)).toBe(1);
    // Every answer, first or replayed, carries the ETag a later edit needs.
    expect(new Set(answers.map((a) => a.headers.etag))).toEqual(new Set([`"${id}.1"`]));
  });

  it('adds one note, one travel document and one payment for parallel requests with one key', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await bookedCase(s, users.caseworker.id);

    const note = expectOneAnswer(await burst(s, `/api/cases/${c.id}/notes`, { body: 'Called the embassy about the laissez-passer.' }, 'note-burst'));
    expect(await count('case_note', 'case_id', c.id)).toBe(1);
    expect(await auditCount('case.note.added', note)).toBe(1);

    const document = expectOneAnswer(await burst(s, `/api/cases/${c.id}/travel/documents`, { personId: c.personIds[0], type: 'laissez_passer', status: 'requested' }, 'document-burst'));
    expect(await count('travel_document', 'case_id', c.id)).toBe(1);
    expect(await auditCount('travel.document.created', document)).toBe(1);

    const payment = expectOneAnswer(await burst(s, `/api/cases/${c.id}/travel/bookings/${c.bookingId}/payments`, { kind: 'pocket_money', personId: c.personIds[0], amountMinor: 20000, currency: 'EUR' }, 'payment-burst'));
    expect(await count('travel_payment', 'booking_id', c.bookingId)).toBe(1);
    expect(await auditCount('travel.payment.recorded', payment)).toBe(1);

    const escort = expectOneAnswer(await burst(s, `/api/cases/${c.id}/travel/bookings/${c.bookingId}/escorts`, { kind: 'operational', name: 'Lena Vos', legPositions: [1] }, 'escort-burst'));
    expect((await db.selectFrom('travel_escort').select('id').where('booking_id', '=', c.bookingId).execute()).map((r) => r.id)).toEqual([escort]);
  });

  it('adds one household member for parallel requests with one key, each answered with the new ETag', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await register(s);
    const etag = (await call(s, 'GET', `/api/cases/${c.id}`)).headers.etag as string;
    const member = { relationship: 'child', person: { givenName: 'Sara', familyName: 'Al-Hassan', sex: 'female', birthDate: '2015-06-01', nationality: 'IQ' } };
    const answers = await Promise.all(Array.from({ length: BURST }, () =>
      call(s, 'POST', `/api/cases/${c.id}/members`, member, { 'if-match': etag, 'idempotency-key': 'member-burst' })));
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => `${a.statusCode} ${a.body}`)).toEqual([]);
    expect(new Set(answers.map((a) => a.headers.etag))).toEqual(new Set([`"${c.id}.2"`]));
    expect(await count('case_member', 'case_id', c.id)).toBe(3);
  });

  it('refuses a key reused with another body, on another route or for another case, and creates nothing', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const a = await register(s);
    const b = await register(s);
    const headers = { 'idempotency-key': 'note-1' };
    const first = await call(s, 'POST', `/api/cases/${a.id}/notes`, { body: 'First visit.' }, headers);
    expect(first.statusCode).toBe(201);

    const otherBody = await call(s, 'POST', `/api/cases/${a.id}/notes`, { body: 'Second visit.' }, headers);
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/Idempotency-Key/) });
    const otherCase = await call(s, 'POST', `/api/cases/${b.id}/notes`, { body: 'First visit.' }, headers);
    expect(otherCase.statusCode).toBe(422);
    expect(otherCase.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherRoute = await call(s, 'POST', `/api/cases/${a.id}/travel/documents`, { personId: a.personIds[0], type: 'passport', status: 'requested' }, headers);
    expect(otherRoute.statusCode).toBe(422);
    expect(otherRoute.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect(await count('case_note', 'case_id', a.id)).toBe(1);
    expect(await count('case_note', 'case_id', b.id)).toBe(0);
    expect(await count('travel_document', 'case_id', a.id)).toBe(0);
    // The same request again still replays the first answer.
    const again = await call(s, 'POST', `/api/cases/${a.id}/notes`, { body: 'First visit.' }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
  });

  it('does not keep the key of a request that failed: the corrected request creates', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await bookedCase(s, users.caseworker.id);
    const url = `/api/cases/${c.id}/travel/bookings/${c.bookingId}/payments`;
    const headers = { 'idempotency-key': 'payment-1' };
    const stranger = '00000000-0000-4000-8000-000000000000';
    const refused = await call(s, 'POST', url, { kind: 'pocket_money', personId: stranger, amountMinor: 5000, currency: 'EUR' }, headers);
    expect(refused.statusCode).toBe(400);
    const accepted = await call(s, 'POST', url, { kind: 'pocket_money', personId: c.personIds[0], amountMinor: 5000, currency: 'EUR' }, headers);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.headers['idempotent-replay']).toBeUndefined();
    expect(await count('travel_payment', 'booking_id', c.bookingId)).toBe(1);
  });

  it('makes a request wait while its key is held, then create if the holder rolls back or replay if it commits', async () => {
    const { users } = await officeWith(['caseworker']);
    const u = users.caseworker;
    const c = await register(u.session);
    const url = `/api/cases/${c.id}/notes`;
    const settled = (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
    const hold = async (key: string, response: unknown) => {
      const holder = await db.startTransaction().execute();
      await holder.insertInto('idempotency_key').values({ user_id: u.id, key, route: `POST /api/cases/:id/notes`, fingerprint: null, etag: null, status: 201, response: JSON.stringify(response) }).execute();
      return holder;
    };

    const rolledBack = await hold('held-1', { id: 'never-committed' });
    const waiting = call(u.session, 'POST', url, { body: 'Waits for the first.' }, { 'idempotency-key': 'held-1' });
    expect(await settled(waiting)).toBe(false);
    expect(await count('case_note', 'case_id', c.id)).toBe(0);
    await rolledBack.rollback().execute();
    const created = await waiting;
    expect(created.statusCode).toBe(201);
    expect(created.headers['idempotent-replay']).toBeUndefined();
    expect(await count('case_note', 'case_id', c.id)).toBe(1);

    const committed = await hold('held-2', { id: 'the-first-answer' });
    const replaying = call(u.session, 'POST', url, { body: 'Waits for the first.' }, { 'idempotency-key': 'held-2' });
    expect(await settled(replaying)).toBe(false);
    await committed.commit().execute();
    const replayed = await replaying;
    expect(replayed.statusCode).toBe(201);
    expect(replayed.json()).toEqual({ id: 'the-first-answer' });
    expect(await count('case_note', 'case_id', c.id)).toBe(1);
  });

  it('keeps replaying after a restart, with the ETag, and still refuses another body', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const headers = { 'idempotency-key': 'register-restart' };
    const first = await call(s, 'POST', '/api/cases', householdInput(), headers);
    expect(first.statusCode).toBe(201);

    const config = { ...loadConfig({}), webDist: '/nonexistent', attachmentMaxBytes: 1024 * 1024, loginRatePerMinute: 100_000 };
    const restarted = await buildApp({ db, clock: t.clock, config, cipher: t.cipher });
    try {
      const send = (body: unknown) => restarted.inject({ method: 'POST', url: '/api/cases', payload: body as never, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers } });
      const replay = await send(householdInput());
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replay']).toBe('true');
      expect(replay.json().id).toBe(first.json().id);
      expect(replay.headers.etag).toBe(first.headers.etag);
      const changed = await send(householdInput({ countryOfReturn: 'SY' }));
      expect(changed.statusCode).toBe(422);
      expect(changed.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    } finally {
      await restarted.close();
    }
    expect(await count('return_case', 'created_by', users.caseworker.id)).toBe(1);
  });

  it('lets a key be used afresh after 24 hours', async () => {
    const { users } = await officeWith(['caseworker']);
    const u = users.caseworker;
    const c = await register(u.session);
    const headers = { 'idempotency-key': 'note-day' };
    const first = await call(u.session, 'POST', `/api/cases/${c.id}/notes`, { body: 'Monday.' }, headers);
    // Sessions end long before a day passes: sign in again after each jump.
    t.clock.advance(23 * 3600_000);
    const withinDay = await call(await t.login(u.email, u.password), 'POST', `/api/cases/${c.id}/notes`, { body: 'Monday.' }, headers);
    expect(withinDay.json().id).toBe(first.json().id);
    t.clock.advance(2 * 3600_000);
    const nextDay = await call(await t.login(u.email, u.password), 'POST', `/api/cases/${c.id}/notes`, { body: 'Tuesday.' }, headers);
    expect(nextDay.statusCode).toBe(201);
    expect(nextDay.json().id).not.toBe(first.json().id);
    expect(await count('case_note', 'case_id', c.id)).toBe(2);
  });

  it('attaches one file, saves one filter and assigns one person for parallel requests with one key; another file with the key is refused', async () => {
    const { users } = await officeWith(['caseworker', 'counsellor']);
    const s = users.caseworker.session;
    const c = await register(s);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e9a8d60000000049454e44ae426082', 'hex');
    const upload = (content: Buffer, key: string) => {
      const { payload, contentType } = multipartUpload({ name: 'declaration.png', content }, 'Signed declaration');
      return t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/attachments`, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType, 'idempotency-key': key } });
    };
    const attachment = expectOneAnswer(await Promise.all(Array.from({ length: BURST }, () => upload(png, 'attach-burst'))));
    const attachments = await db.selectFrom('case_attachment').select('id').where('case_id', '=', c.id).execute();
    expect(attachments.map((a) => a.id)).toEqual([attachment]);
    expect(await auditCount('case.attachment.added', attachment)).toBe(1);
    const otherFile = await upload(Buffer.concat([png, Buffer.from([0])]), 'attach-burst');
    expect(otherFile.statusCode).toBe(422);
    expect(otherFile.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const filter = expectOneAnswer(await burst(s, '/api/saved-filters', { name: 'Arrivals', filter: { stage: ['arrived'] } }, 'filter-burst'));
    expect((await db.selectFrom('saved_filter').select('id').where('user_id', '=', users.caseworker.id).execute()).map((f) => f.id)).toEqual([filter]);

    const assigned = await burst(s, `/api/cases/${c.id}/assignments`, { userId: users.counsellor.id }, 'assign-burst');
    expect(assigned.filter((a) => a.statusCode !== 201).map((a) => `${a.statusCode} ${a.body}`)).toEqual([]);
    expect(assigned.filter((a) => a.headers['idempotent-replay'] === 'true')).toHaveLength(BURST - 1);
    const rows = await db.selectFrom('case_assignment').select('user_id').where('case_id', '=', c.id).execute();
    expect(rows.filter((r) => r.user_id === users.counsellor.id)).toHaveLength(1);
  });
});
