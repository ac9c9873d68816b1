import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { openSealed } from '../../platform/person-keys.js';
import { migrate } from '../../platform/migrate.js';
import { pdfText } from '../../test-support/pdf-text.js';

const t = await testApp();
const { call, officeWith, db, fx, login } = t;

const register = async (s: Session, body: Record<string, unknown> = householdInput()) => {
  const res = await call(s, 'POST', '/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  const json = res.json();
  return { id: json.id as string, personIds: json.members.map((m: { person: { id: string } }) => m.person.id) as string[], caseNumber: json.caseNumber as string };
};

/** The case as the workflow would have it after an approved application, with a decision per traveller. */
async function approvedCase(s: Session, userId: string, opts: { decisions?: boolean; body?: Record<string, unknown> } = {}) {
  const c = await register(s, opts.body);
  await db.updateTable('return_case').set({ stage: 'approved' }).where('id', '=', c.id).execute();
  if (opts.decisions !== false) {
    for (const personId of c.personIds) {
      await db.insertInto('informed_decision').values({
        case_id: c.id, person_id: personId, version: 1, decided_on: '2026-02-20', decided_by: 'self', representative_name: null, language: 'ar',
        information_understood: true, no_pressure: true, declaration_attachment_id: null, counsellor_id: userId, recorded_by: userId, ended_at: null, ended_reason: null,
      }).execute();
    }
  }
  return c;
}

const leg = (o: Record<string, unknown> = {}) => ({
  carrier: 'Turkish Airlines', flightOrRoute: 'TK 1938', fromCode: 'BRU', toCode: 'IST',
  departsLocal: '2026-04-10T11:05', departsTimeZone: 'Europe/Brussels', arrivesLocal: '2026-04-10T15:50', arrivesTimeZone: 'Europe/Istanbul', ...o,
});
const secondLeg = (o: Record<string, unknown> = {}) => leg({
  flightOrRoute: 'TK 786', fromCode: 'IST', toCode: 'EBL', departsLocal: '2026-04-10T18:30', departsTimeZone: 'Europe/Istanbul',
  arrivesLocal: '2026-04-10T20:45', arrivesTimeZone: 'Asia/Baghdad', ...o,
});

const book = (s: Session, caseId: string, body: Record<string, unknown> = { legs: [leg(), secondLeg()] }) => call(s, 'POST', `/api/cases/${caseId}/travel/bookings`, body);
const view = async (s: Session, caseId: string) => (await call(s, 'GET', `/api/cases/${caseId}/travel`)).json();
const stageOf = async (id: string) => (await db.selectFrom('return_case').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;

async function setStatus(s: Session, caseId: string, bookingId: string, etag: string, to: string, bookingReference?: string) {
  return call(s, 'POST', `/api/cases/${caseId}/travel/bookings/${bookingId}/status`, { to, ...(bookingReference ? { bookingReference } : {}) }, { 'if-match': etag });
}


const FORBIDDEN_WORDS = /asylum|rejected|refugee|deport|removal|expuls|irregular|illegal|legal status|protection status|return decision/i;

describe('travel documents', () => {
  it('keeps the number encrypted at rest, masks it in lists and reveals it only on an audited request', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await register(s);
    const res = await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, {
      personId: c.personIds[0], type: 'passport', number: 'A12 34567', issuingAuthority: 'Embassy of Iraq, Brussels', issuingCountry: 'IQ',
      issuedOn: '2025-01-10', expiresOn: '2030-01-09', status: 'issued',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const stored = await db.selectFrom('travel_document').select(['number_encrypted', 'number_last']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.number_encrypted).not.toContain('1234567');
    // Sealed for the document's person (migration 0066): erasing them makes it unreadable.
    expect(stored.number_encrypted).toMatch(new RegExp(`^p1\\.${c.personIds[0]}\\.`));
    expect(await openSealed(db, stored.number_encrypted)).toBe('A1234567');
    const v = await view(s, c.id);
    expect(v.documents[0]).toMatchObject({ type: 'passport', maskedNumber: '••••567', status: 'issued' });
    expect(JSON.stringify(v)).not.toContain('1234567');
    const before = await db.selectFrom('audit_event').select('id').where('event', '=', 'travel.document.number.revealed').where('case_id', '=', c.id).execute();
    expect(before).toHaveLength(0);
    const reveal = await call(s, 'POST', `/api/cases/${c.id}/travel/documents/${id}/reveal`, {});
    expect(reveal.json().number).toBe('A1234567');
    expect(reveal.headers['cache-control']).toBe('no-store');
    const after = await db.selectFrom('audit_event').select(['actor_id', 'entity_id']).where('event', '=', 'travel.document.number.revealed').where('case_id', '=', c.id).execute();
    expect(after).toEqual([{ actor_id: users.caseworker.id, entity_id: id }]);
    const created = await db.selectFrom('audit_event').select('after').where('event', '=', 'travel.document.created').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(created.after)).not.toContain('1234567');
  });

  it('updates with If-Match and refuses a stale version, an issued document without number and a stranger', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await register(s);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, { personId: c.personIds[0], type: 'laissez_passer', status: 'issued' })).json().error.code).toBe('TRAVEL_DOCUMENT_NUMBER_REQUIRED');
    const other = await register(s);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, { personId: other.personIds[0], type: 'passport', status: 'to_request' })).json().error.code).toBe('TRAVEL_PERSON_NOT_MEMBER');
    const res = await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, { personId: c.personIds[1], type: 'laissez_passer', issuingAuthority: 'Consulate', status: 'requested', requestedOn: '2026-03-01' });
    const etag = res.headers.etag as string;
    const id = res.json().id;
    const upd = await call(s, 'PATCH', `/api/cases/${c.id}/travel/documents/${id}`, { type: 'laissez_passer', status: 'issued', number: 'LP998877', issuedOn: '2026-03-05', expiresOn: '2026-05-05' }, { 'if-match': etag });
    expect(upd.statusCode).toBe(200);
    const stale = await call(s, 'PATCH', `/api/cases/${c.id}/travel/documents/${id}`, { type: 'laissez_passer', status: 'cancelled' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect((await view(s, c.id)).documents[0]).toMatchObject({ status: 'issued', maskedNumber: '••••877' });
  });

  it('flags a document that expires before the travel date of the open booking', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await approvedCase(s, users.caseworker.id);
    await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, { personId: c.personIds[0], type: 'passport', number: 'P1', status: 'issued', expiresOn: '2026-04-01' });
    await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, { personId: c.personIds[1], type: 'passport', number: 'P2', status: 'issued', expiresOn: '2027-04-01' });
    expect((await view(s, c.id)).flags.documentsExpiringBeforeTravel).toEqual([]);
    expect((await book(s, c.id)).statusCode).toBe(201);
    const v = await view(s, c.id);
    const expiring = v.documents.find((d: { personId: string }) => d.personId === c.personIds[0]);
    expect(expiring).toMatchObject({ expiresBeforeTravel: true, travelDate: '2026-04-10' });
    expect(v.flags.documentsExpiringBeforeTravel).toEqual([expiring.id]);
  });
});

describe('booking', () => {
  it('refuses a booking without a current decision for every traveller (409) and before approval', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const noDecision = await approvedCase(s, users.caseworker.id, { decisions: false });
    const res = await book(s, noDecision.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'TRAVEL_NEEDS_DECISIONS', details: { members: noDecision.personIds.map((personId: string) => expect.objectContaining({ personId })) } });
    const early = await register(s);
    expect((await book(s, early.id)).json().error.code).toBe('TRAVEL_CASE_STAGE');
    expect(await db.selectFrom('travel_booking').select('id').where('case_id', 'in', [noDecision.id, early.id]).execute()).toEqual([]);
  });

  it('books legs with local times in their zones, derives the transit point and moves the case to travel preparation', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await approvedCase(s, users.caseworker.id);
    const res = await book(s, c.id, { legs: [leg(), secondLeg()], members: [{ personId: c.personIds[0], specialAssistance: 'Wheelchair to the gate' }, { personId: c.personIds[1] }] });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toMatch(/\.1"$/);
    expect(await stageOf(c.id)).toBe('travel_preparation');
    const b = (await view(s, c.id)).bookings[0];
    expect(b).toMatchObject({ status: 'requested', travelDate: '2026-04-10', toCancel: false });
    expect(b.legs.map((l: { fromCode: string; toCode: string; departsLocal: string; arrivesTimeZone: string }) => [l.fromCode, l.toCode, l.departsLocal, l.arrivesTimeZone]))
      .toEqual([['BRU', 'IST', '2026-04-10T11:05:00', 'Europe/Istanbul'], ['IST', 'EBL', '2026-04-10T18:30:00', 'Asia/Baghdad']]);
    expect(b.transits).toMatchObject([{ airportCode: 'IST', assistanceStatus: 'not_requested' }]);
    expect(b.members.find((m: { personId: string }) => m.personId === c.personIds[0]).specialAssistance).toBe('Wheelchair to the gate');
    const again = await book(s, c.id);
    expect(again.json().error.code).toBe('TRAVEL_MEMBER_ALREADY_BOOKED');
  });

  it('validates time zones with Intl, the order of local times and connections', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await approvedCase(s, users.caseworker.id);
    const badZone = await book(s, c.id, { legs: [leg({ departsTimeZone: 'Europe/Bruxelles' })] });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'legs.0.departsTimeZone' }] } });
    expect((await book(s, c.id, { legs: [leg({ arrivesTimeZone: 'CEST+2' })] })).statusCode).toBe(400);
    // 11:05 in Brussels is 10:05 UTC; 12:00 in Istanbul is 09:00 UTC: it would land before leaving.
    const backwards = await book(s, c.id, { legs: [leg({ arrivesLocal: '2026-04-10T12:00' })] });
    expect(backwards.json().error).toMatchObject({ code: 'TRAVEL_LEG_TIMES', details: { field: 'legs.0.arrivesLocal' } });
    // Same wall-clock order, but fine once zones are applied: 11:05 Brussels → 12:30 Istanbul (09:30 UTC → 09:30 UTC + ...)
    expect((await book(s, c.id, { legs: [leg({ arrivesLocal: '2026-04-10T12:30' })] })).statusCode).toBe(201);
    const c2 = await approvedCase(s, users.caseworker.id);
    expect((await book(s, c2.id, { legs: [leg(), secondLeg({ fromCode: 'SAW' })] })).json().error.code).toBe('TRAVEL_LEGS_NOT_CONNECTED');
    expect((await book(s, c2.id, { legs: [leg(), secondLeg({ departsLocal: '2026-04-10T14:00' })] })).json().error.code).toBe('TRAVEL_LEG_TIMES');
  });

  it('follows the status machine with clear 409s; rebooking replaces the booking', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await approvedCase(s, users.caseworker.id);
    const created = await book(s, c.id);
    const id = created.json().id;
    let etag = created.headers.etag as string;
    expect((await setStatus(s, c.id, id, etag, 'ticketed')).json().error).toMatchObject({ code: 'TRAVEL_BOOKING_STATUS_INVALID', details: { from: 'requested', to: 'ticketed' } });
    expect((await setStatus(s, c.id, id, etag, 'booked')).json().error.code).toBe('TRAVEL_BOOKING_REFERENCE_REQUIRED');
    expect((await setStatus(s, c.id, id, etag, 'no_show')).json().error).toMatchObject({ code: 'TRAVEL_BOOKING_NEEDS_ACTION', details: { action: 'departure' } });
    expect((await setStatus(s, c.id, id, etag, 'rebooked')).json().error).toMatchObject({ code: 'TRAVEL_BOOKING_NEEDS_ACTION', details: { action: 'rebook' } });
    const booked = await setStatus(s, c.id, id, etag, 'booked', 'XK7Q2M');
    expect(booked.statusCode).toBe(200);
    expect((await setStatus(s, c.id, id, etag, 'ticketed')).statusCode).toBe(412);
    etag = booked.headers.etag as string;
    const ticketed = await setStatus(s, c.id, id, etag, 'ticketed');
    expect(ticketed.statusCode).toBe(200);
    etag = ticketed.headers.etag as string;
    const rebooked = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/rebook`, { legs: [leg({ departsLocal: '2026-04-17T11:05', arrivesLocal: '2026-04-17T15:50' })], bookingReference: 'ZZ1234' }, { 'if-match': etag });
    expect(rebooked.statusCode).toBe(201);
    const v = await view(s, c.id);
    const old = v.bookings.find((b: { id: string }) => b.id === id);
    const fresh = v.bookings.find((b: { id: string }) => b.id === rebooked.json().id);
    expect(old.status).toBe('rebooked');
    expect(fresh).toMatchObject({ status: 'requested', replacesBookingId: id, travelDate: '2026-04-17', bookingReference: 'ZZ1234' });
    const oldEtag = `"${id}.${old.version}"`;
    expect((await setStatus(s, c.id, id, oldEtag, 'cancelled')).json().error.code).toBe('TRAVEL_BOOKING_STATUS_INVALID');
    const cancelled = await setStatus(s, c.id, fresh.id, `"${fresh.id}.${fresh.version}"`, 'cancelled');
    expect(cancelled.statusCode).toBe(200);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${fresh.id}/escorts`, { kind: 'operational', name: 'A. Escort', legPositions: [1] })).json().error.code).toBe('TRAVEL_BOOKING_CLOSED');
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', c.id).where('event', 'like', 'travel.booking.%').execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['travel.booking.created', 'travel.booking.status.changed', 'travel.booking.rebooked']));
  });

  it('shows a booking of a withdrawn case as to cancel until it is cancelled', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const c = await approvedCase(s, users.caseworker.id);
    const created = await book(s, c.id);
    await db.updateTable('travel_booking').set({ cancellation_flagged_at: new Date() }).where('id', '=', created.json().id).execute();
    await db.updateTable('return_case').set({ stage: 'withdrawn' }).where('id', '=', c.id).execute();
    let v = await view(s, c.id);
    expect(v.bookings[0].toCancel).toBe(true);
    expect(v.flags.bookingsToCancel).toEqual([created.json().id]);
    expect((await setStatus(s, c.id, created.json().id, created.headers.etag as string, 'booked', 'AB12')).json().error.code).toBe('TRAVEL_CASE_STAGE');
    expect((await setStatus(s, c.id, created.json().id, created.headers.etag as string, 'cancelled')).statusCode).toBe(200);
    v = await view(s, c.id);
    expect(v.bookings[0].toCancel).toBe(false);
  });
});

async function ticketedBooking(s: Session, userId: string, body?: Record<string, unknown>, caseBody?: Record<string, unknown>) {
  const c = await approvedCase(s, userId, { body: caseBody });
  const created = await book(s, c.id, body);
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id;
  const booked = await setStatus(s, c.id, id, created.headers.etag as string, 'booked', `REF${id.slice(0, 4).toUpperCase()}`);
  const ticketed = await setStatus(s, c.id, id, booked.headers.etag as string, 'ticketed');
  return { c, id, etag: ticketed.headers.etag as string };
}

describe('transit, escorts, arrangements, payments', () => {
  it('records them on the booking and prints a transit request and an itinerary without legal status', async () => {
    const { users } = await officeWith(['caseworker', 'counsellor']);
    const s = users.caseworker.session;
    const { c, id } = await ticketedBooking(s, users.caseworker.id);
    const v0 = await view(s, c.id);
    const transit = v0.bookings[0].transits[0];
    const tr = await call(s, 'POST', `/api/cases/${c.id}/travel/transits/${transit.id}/status`, { assistanceStatus: 'requested', assistanceReference: 'IST-TA-4411' }, { 'if-match': `"${transit.id}.${transit.version}"` });
    expect(tr.statusCode).toBe(200);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/escorts`, { kind: 'medical', name: 'Dr. Lena Vogt', organisation: 'MedEscort', legPositions: [1, 2] })).statusCode).toBe(201);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/escorts`, { kind: 'operational', userId: users.counsellor.id, legPositions: [1] })).statusCode).toBe(201);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/escorts`, { kind: 'operational', name: 'X', legPositions: [3] })).json().error.code).toBe('TRAVEL_ESCORT_LEG_UNKNOWN');
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/arrangements`, { kind: 'transfer', provider: 'City Shuttle', startsAt: '2026-04-10T07:30:00+02:00' })).statusCode).toBe(201);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/arrangements`, { kind: 'accommodation', provider: 'Hotel Airport', startsAt: '2026-04-09T18:00:00+02:00', endsAt: '2026-04-10T07:00:00+02:00' })).statusCode).toBe(201);
    const upload = await t.app.inject({
      method: 'POST', url: `/api/cases/${c.id}/attachments`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'multipart/form-data; boundary=XX' },
      payload: '--XX\r\nContent-Disposition: form-data; name="file"; filename="receipt.txt"\r\nContent-Type: text/plain\r\n\r\nReceived 200 EUR\r\n--XX--\r\n',
    });
    expect(upload.statusCode).toBe(201);
    const pay = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/payments`, { kind: 'pocket_money', personId: c.personIds[0], amountMinor: 20000, currency: 'EUR', receiptAttachmentId: upload.json().id });
    expect(pay.statusCode).toBe(201);
    expect((await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/payments`, { kind: 'pocket_money', amountMinor: 100, currency: 'euro' })).statusCode).toBe(400);
    const v = (await view(s, c.id)).bookings[0];
    expect(v.transits[0]).toMatchObject({ assistanceStatus: 'requested', assistanceReference: 'IST-TA-4411' });
    expect(v.escorts.map((e: { kind: string; legPositions: number[] }) => [e.kind, e.legPositions])).toEqual([['medical', [1, 2]], ['operational', [1]]]);
    expect(v.arrangements.map((a: { kind: string }) => a.kind)).toEqual(['accommodation', 'transfer']);
    expect(v.payments[0]).toMatchObject({ kind: 'pocket_money', amountMinor: 20000, currency: 'EUR', receiptFileName: 'receipt.txt', paidBy: expect.any(String) });

    const itinerary = await call(s, 'GET', `/api/cases/${c.id}/travel/bookings/${id}/itinerary.pdf`);
    expect(itinerary.statusCode).toBe(200);
    expect(itinerary.headers['content-type']).toBe('application/pdf');
    const text = pdfText(itinerary.rawPayload);
    expect(text).toContain('AL HASSAN MOHAMMED');
    expect(text).toContain('TK 786');
    expect(text).toContain('Asia/Baghdad');
    expect(text).toContain('Dr. Lena Vogt');
    expect(text).not.toMatch(FORBIDDEN_WORDS);
    const request = await call(s, 'GET', `/api/cases/${c.id}/travel/transits/${transit.id}/request.pdf`);
    const rtext = pdfText(request.rawPayload);
    expect(rtext).toContain('transit at IST');
    expect(rtext).toContain('AL HASSAN FATIMA');
    expect(rtext).not.toMatch(FORBIDDEN_WORDS);
    const audits = await db.selectFrom('audit_event').select('event').where('case_id', '=', c.id).where('event', 'in', ['travel.itinerary.downloaded', 'travel.transit_request.downloaded']).execute();
    expect(audits).toHaveLength(2);
  });
});

describe('movements and manifests', () => {
  it('groups cases sharing a flight and prints the manifest with what airport staff need, never a legal status', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const a = await ticketedBooking(s, users.caseworker.id);
    await call(s, 'POST', `/api/cases/${a.c.id}/travel/documents`, { personId: a.c.personIds[0], type: 'passport', number: 'A1234567', status: 'issued', expiresOn: '2030-01-01' });
    await call(s, 'POST', `/api/cases/${a.c.id}/travel/documents`, { personId: a.c.personIds[1], type: 'laissez_passer', number: 'LP554433', status: 'issued', expiresOn: '2026-06-01' });
    await call(s, 'POST', `/api/cases/${a.c.id}/travel/bookings/${a.id}/escorts`, { kind: 'medical', name: 'Dr. Lena Vogt', legPositions: [1] });
    const b = await ticketedBooking(s, users.caseworker.id, { legs: [leg()], members: undefined }, householdInput({
      legalStatus: 'asylum_rejected', principal: { givenName: 'Zoë', familyName: 'Ağaoğlu', sex: 'female', birthDate: '1979-02-03', nationality: 'TR' }, members: [], countryOfReturn: 'TR',
    }));
    const other = await ticketedBooking(s, users.caseworker.id, { legs: [leg({ flightOrRoute: 'SN 2201', toCode: 'FRA', arrivesTimeZone: 'Europe/Berlin', arrivesLocal: '2026-04-10T12:10' })] });
    const list = await call(s, 'GET', '/api/travel/movements?from=2026-04-01&to=2026-04-30');
    expect(list.statusCode).toBe(200);
    const flights = list.json().flights as { flight: string; date: string; cases: { caseId: string; escorted: boolean }[]; travellers: number }[];
    const tk = flights.find((f) => f.flight === 'TK 1938')!;
    expect(tk.date).toBe('2026-04-10');
    expect(tk.cases.map((x) => x.caseId).sort()).toEqual([a.c.id, b.c.id].sort());
    expect(tk.travellers).toBe(3);
    expect(tk.cases.find((x) => x.caseId === a.c.id)!.escorted).toBe(true);
    expect(flights.find((f) => f.flight === 'SN 2201')!.cases.map((x) => x.caseId)).toEqual([other.c.id]);

    const pdf = await call(s, 'GET', '/api/travel/manifest.pdf?carrier=Turkish%20Airlines&flight=TK1938&date=2026-04-10');
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('AL HASSAN MOHAMMED');
    expect(text).toContain('AGAOGLU ZOE');
    expect(text).toContain('A1234567');
    expect(text).toContain('LP554433');
    expect(text).toContain('Laissez-passer');
    expect(text).toContain('1979-02-03');
    expect(text).toContain('Medical: Dr. Lena Vogt');
    expect(text).not.toMatch(FORBIDDEN_WORDS);
    expect(text).not.toContain('FRA');
    const audits = await db.selectFrom('audit_event').select('case_id').where('event', '=', 'travel.manifest.downloaded').execute();
    expect(audits.map((x) => x.case_id).sort()).toEqual([a.c.id, b.c.id].sort());
    expect((await call(s, 'GET', '/api/travel/manifest.pdf?carrier=Turkish%20Airlines&flight=TK1938&date=2026-04-11')).statusCode).toBe(404);
  });

  it('prints an erased traveller as ERASED PERSON on the manifest, never the stored marker', async () => {
    const { users, organisationId } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const gone = await ticketedBooking(s, users.caseworker.id, { legs: [leg()], members: undefined }, householdInput({
      principal: { givenName: 'Zoë', familyName: 'Ağaoğlu', sex: 'female', birthDate: '1979-02-03', nationality: 'TR' }, members: [], countryOfReturn: 'TR',
    }));
    const manifest = async () => pdfText((await call(s, 'GET', '/api/travel/manifest.pdf?carrier=Turkish%20Airlines&flight=TK1938&date=2026-04-10')).rawPayload);
    expect(await manifest()).toContain('AGAOGLU ZOE');
    await db.updateTable('return_case').set({ stage: 'closed', departed_on: '2026-04-10' }).where('id', '=', gone.c.id).execute();
    const dpoUser = await fx.user({ roles: ['data_protection_officer'], organisationId, officeId: null });
    const dpo = await login(dpoUser.email, dpoUser.password);
    const erased = await call(dpo, 'POST', `/api/persons/${gone.c.personIds[0]}/erasure`, { reason: 'The returnee asked for their data to be erased, by letter of 3 March.' });
    expect(erased.statusCode, erased.body).toBe(200);
    const text = await manifest();
    expect(text).toContain('ERASED PERSON');
    expect(text).not.toContain('AGAOGLU');
    expect(text).not.toContain('ERASED?');
  });

  it('lists only cases in the actor’s scope', async () => {
    const one = await officeWith(['caseworker']);
    const two = await officeWith(['caseworker']);
    await ticketedBooking(one.users.caseworker.session, one.users.caseworker.id, { legs: [leg({ flightOrRoute: 'LH 999' })] });
    const list = (await call(two.users.caseworker.session, 'GET', '/api/travel/movements?from=2026-04-01&to=2026-04-30')).json();
    expect(list.flights.find((f: { flight: string }) => f.flight === 'LH 999')).toBeUndefined();
    expect((await call(two.users.caseworker.session, 'GET', '/api/travel/manifest.pdf?carrier=Turkish%20Airlines&flight=LH999&date=2026-04-10')).statusCode).toBe(404);
  });
});

/** A journey whose first leg left the day before the test clock's "now" (2026-03-02T09:00Z). */
const flown = { legs: [leg({ departsLocal: '2026-03-01T11:05', arrivesLocal: '2026-03-01T15:50' }), secondLeg({ departsLocal: '2026-03-01T18:30', arrivesLocal: '2026-03-01T20:45' })] };

describe('departure', () => {
  it('moves the case to departed once every traveller departed, which ends withdrawal; the booking then reads departed', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const { c, id, etag } = await ticketedBooking(s, users.caseworker.id, flown);
    const first = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/departure`, { members: [{ personId: c.personIds[0], outcome: 'departed' }] }, { 'if-match': etag });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'ticketed', caseDeparted: false });
    expect(await stageOf(c.id)).toBe('travel_preparation');
    const again = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/departure`, { members: [{ personId: c.personIds[0], outcome: 'departed' }] }, { 'if-match': first.headers.etag as string });
    expect(again.json().error.code).toBe('TRAVEL_DEPARTURE_ALREADY_CONFIRMED');
    const second = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/departure`, { members: [{ personId: c.personIds[1], outcome: 'departed' }] }, { 'if-match': first.headers.etag as string });
    expect(second.json()).toMatchObject({ status: 'departed', caseDeparted: true, overridden: false });
    expect(await stageOf(c.id)).toBe('departed');
    expect((await setStatus(s, c.id, id, second.headers.etag as string, 'departed')).json().error.code).toBe('TRAVEL_BOOKING_NEEDS_ACTION');
    const caseView = (await call(s, 'GET', `/api/cases/${c.id}`)).json();
    expect(caseView.allowedTransitions.map((x: { to: string }) => x.to)).not.toContain('withdrawn');
    const history = await db.selectFrom('stage_transition').select(['from_stage', 'to_stage']).where('case_id', '=', c.id).orderBy('at').execute();
    expect(history.map((h) => `${h.from_stage}>${h.to_stage}`)).toEqual(expect.arrayContaining(['approved>travel_preparation', 'travel_preparation>departed']));
    const v = await view(s, c.id);
    expect(v.bookings[0].status).toBe('departed');
    expect(v.bookings[0].members.every((m: { departure: { outcome: string; overrideReason: null } }) => m.departure.outcome === 'departed' && m.departure.overrideReason === null)).toBe(true);
    expect(v.bookings[0].legs[0]).toMatchObject({ departsLocal: '2026-03-01T11:05:00', departsAt: '2026-03-01T10:05:00.000Z', arrivesAt: '2026-03-01T12:50:00.000Z' });
  });

  it('records a no-show: the booking becomes no_show, the case stays in travel preparation and can be rebooked', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const { c, id, etag } = await ticketedBooking(s, users.caseworker.id, flown);
    const res = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/departure`, { members: c.personIds.map((personId) => ({ personId, outcome: 'no_show' })) }, { 'if-match': etag });
    expect(res.json()).toMatchObject({ status: 'no_show', caseDeparted: false });
    expect(await stageOf(c.id)).toBe('travel_preparation');
    const rebooked = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/rebook`, { legs: [leg({ departsLocal: '2026-04-20T11:05', arrivesLocal: '2026-04-20T15:50' })] }, { 'if-match': res.headers.etag as string });
    expect(rebooked.statusCode).toBe(201);
    const unticketed = await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${rebooked.json().id}/departure`, { members: [{ personId: c.personIds[0], outcome: 'departed' }] }, { 'if-match': rebooked.headers.etag as string });
    expect(unticketed.json().error.code).toBe('TRAVEL_DEPARTURE_NOT_TICKETED');
  });

  it('refuses a departure or no-show before the first leg leaves, with the scheduled time; nothing is recorded', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    // The first leg leaves Brussels at 11:05 local on 10 April (09:05 UTC), long after the clock's 2 March.
    const { c, id, etag } = await ticketedBooking(s, users.caseworker.id);
    const url = `/api/cases/${c.id}/travel/bookings/${id}/departure`;
    for (const outcome of ['departed', 'no_show']) {
      const res = await call(s, 'POST', url, { members: c.personIds.map((personId) => ({ personId, outcome })) }, { 'if-match': etag });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'TRAVEL_DEPARTURE_BEFORE_FLIGHT',
        details: { departsAt: '2026-04-10T09:05:00.000Z', departsLocal: '2026-04-10T11:05', departsTimeZone: 'Europe/Brussels', flight: 'TK 1938', canOverride: false },
      });
    }
    // Asking to override without the permission is refused as such.
    const forbidden = await call(s, 'POST', url, { members: [{ personId: c.personIds[0], outcome: 'departed' }], overrideReason: 'Flight moved earlier' }, { 'if-match': etag });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('TRAVEL_DEPARTURE_OVERRIDE_FORBIDDEN');
    expect(await db.selectFrom('travel_departure').select('person_id').where('booking_id', '=', id).execute()).toHaveLength(0);
    expect((await view(s, c.id)).bookings[0]).toMatchObject({ status: 'ticketed' });
    expect(await stageOf(c.id)).toBe('travel_preparation');
  });

  it('lets a supervisor record an early departure only with a reason, kept in the record and the audit event', async () => {
    const { users } = await officeWith(['caseworker', 'office_manager']);
    const s = users.office_manager.session;
    const { c, id, etag } = await ticketedBooking(users.caseworker.session, users.caseworker.id);
    const url = `/api/cases/${c.id}/travel/bookings/${id}/departure`;
    const members = c.personIds.map((personId) => ({ personId, outcome: 'departed' }));
    for (const body of [{ members }, { members, overrideReason: '   ' }]) {
      const res = await call(s, 'POST', url, body, { 'if-match': etag });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'TRAVEL_DEPARTURE_OVERRIDE_REASON_REQUIRED', details: { field: 'overrideReason', canOverride: true, departsTimeZone: 'Europe/Brussels' } });
    }
    const tooLong = await call(s, 'POST', url, { members, overrideReason: 'x'.repeat(501) }, { 'if-match': etag });
    expect(tooLong.json().error.code).toBe('VALIDATION_FAILED');
    const reason = 'Escorted to the gate at boarding; the airline confirmed them on board.';
    const res = await call(s, 'POST', url, { members, overrideReason: `  ${reason} ` }, { 'if-match': etag });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'departed', caseDeparted: true, overridden: true });
    expect(await stageOf(c.id)).toBe('departed');
    const event = await db.selectFrom('audit_event').select(['after', 'actor_id']).where('event', '=', 'travel.departure.confirmed').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(users.office_manager.id);
    expect(event.after).toMatchObject({ status: 'departed', overridden: true, overrideReason: reason, scheduledDeparture: '2026-04-10T09:05:00.000Z' });
    const v = await view(s, c.id);
    expect(v.bookings[0].members.map((m: { departure: { overrideReason: string } }) => m.departure.overrideReason)).toEqual([reason, reason]);
  });

  it('migration 0018 gives existing office managers the override and closes fully departed bookings', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const { c, id, etag } = await ticketedBooking(s, users.caseworker.id, flown);
    await call(s, 'POST', `/api/cases/${c.id}/travel/bookings/${id}/departure`, { members: c.personIds.map((personId) => ({ personId, outcome: 'departed' })) }, { 'if-match': etag });
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      // Back to the database as it was before the migration.
      await owner.query(`DELETE FROM schema_migration WHERE name = '0018_travel_departure_rules.sql'`);
      await owner.query(`ALTER TABLE travel_departure DROP COLUMN override_reason`);
      await owner.query(`UPDATE travel_booking SET status = 'ticketed' WHERE id = $1`, [id]);
      await owner.query(`UPDATE role SET permissions = array_remove(permissions, 'travel.departure.override') WHERE key = 'office_manager'`);
      await migrate(t.ownerUrl);
      const role = await owner.query<{ permissions: string[] }>(`SELECT permissions FROM role WHERE key = 'office_manager' AND builtin`);
      expect(role.rows[0]!.permissions).toContain('travel.departure.override');
      expect(role.rows[0]!.permissions.filter((p) => p === 'travel.departure.override')).toHaveLength(1);
      const booking = await owner.query<{ status: string }>(`SELECT status FROM travel_booking WHERE id = $1`, [id]);
      expect(booking.rows[0]!.status).toBe('departed');
    } finally {
      await owner.end();
    }
  });
});

describe('permissions and scope', () => {
  it('lets case readers see travel but only travel.manage write, reveal or print manifests; other offices get 404', async () => {
    const { users } = await officeWith(['caseworker', 'monitoring_officer']);
    const s = users.caseworker.session;
    const c = await approvedCase(s, users.caseworker.id);
    const doc = await call(s, 'POST', `/api/cases/${c.id}/travel/documents`, { personId: c.personIds[0], type: 'passport', number: 'A7654321', status: 'issued' });
    const reader = users.monitoring_officer.session;
    const seen = await call(reader, 'GET', `/api/cases/${c.id}/travel`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ canManage: false, documents: [{ maskedNumber: '••••321' }] });
    expect((await call(reader, 'POST', `/api/cases/${c.id}/travel/documents/${doc.json().id}/reveal`, {})).statusCode).toBe(403);
    expect((await book(reader, c.id)).statusCode).toBe(403);
    expect((await call(reader, 'GET', '/api/travel/movements')).statusCode).toBe(403);
    const stranger = await officeWith(['caseworker']);
    const ss = stranger.users.caseworker.session;
    expect((await call(ss, 'GET', `/api/cases/${c.id}/travel`)).statusCode).toBe(404);
    expect((await call(ss, 'POST', `/api/cases/${c.id}/travel/documents/${doc.json().id}/reveal`, {})).statusCode).toBe(404);
    expect((await book(ss, c.id)).statusCode).toBe(404);
    const revealed = await db.selectFrom('audit_event').select('id').where('event', '=', 'travel.document.number.revealed').where('case_id', '=', c.id).execute();
    expect(revealed).toHaveLength(0);
  });
});

describe('money in travel payments', () => {
  it('takes amounts in ISO 4217 minor units: 50,000 IQD is 50,000,000, and refuses currencies without a minor unit', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const { c, id } = await ticketedBooking(s, users.caseworker.id);
    const url = `/api/cases/${c.id}/travel/bookings/${id}/payments`;
    const iqd = await call(s, 'POST', url, { kind: 'installation_grant', amountMinor: 50_000_000, currency: 'IQD' });
    expect(iqd.statusCode).toBe(201);
    // 200,000 IQD (about 150 USD) is 200,000,000 minor units: an ordinary grant, not "too much".
    expect((await call(s, 'POST', url, { kind: 'pocket_money', amountMinor: 200_000_000, currency: 'IQD' })).statusCode).toBe(201);
    const gold = await call(s, 'POST', url, { kind: 'pocket_money', amountMinor: 100, currency: 'XAU' });
    expect(gold.statusCode).toBe(400);
    expect(gold.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await call(s, 'POST', url, { kind: 'pocket_money', amountMinor: 10.5, currency: 'EUR' })).statusCode).toBe(400);
    const v = (await view(s, c.id)).bookings[0];
    expect(v.payments.find((p: { id: string }) => p.id === iqd.json().id)).toMatchObject({ amountMinor: 50_000_000, currency: 'IQD' });
  });

  it('corrects payments that the web form stored with display digits instead of the ISO exponent, and keeps a trace', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const { c, id } = await ticketedBooking(s, users.caseworker.id);
    const url = `/api/cases/${c.id}/travel/bookings/${id}/payments`;
    // What the old form sent for "50000" typed in IQD (Intl shows IQD without decimals).
    const wrongIqd = (await call(s, 'POST', url, { kind: 'installation_grant', amountMinor: 50_000, currency: 'IQD' })).json().id as string;
    const wrongAfn = (await call(s, 'POST', url, { kind: 'pocket_money', amountMinor: 7_000, currency: 'AFN' })).json().id as string;
    const eur = (await call(s, 'POST', url, { kind: 'pocket_money', amountMinor: 20_000, currency: 'EUR' })).json().id as string;
    // A payment written by Homeward itself (as the demo data are): no client address in its audit event.
    const seeded = (await call(s, 'POST', url, { kind: 'pocket_money', amountMinor: 9_000_000, currency: 'IQD' })).json().id as string;
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      // The audit trail refuses updates, so the test lifts its guard for a moment.
      await owner.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      await owner.query(`UPDATE audit_event SET ip = NULL WHERE entity_id = $1`, [seeded]);
      await owner.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
      // Back to the database as it was before the correction.
      await owner.query(`DELETE FROM schema_migration WHERE name = '0016_travel_payment_exponent.sql'`);
      await owner.query(`DROP TABLE travel_payment_correction`);
      await migrate(t.ownerUrl);
      const amounts = new Map(
        (await owner.query<{ id: string; amount_minor: string }>(`SELECT id, amount_minor FROM travel_payment WHERE booking_id = $1`, [id])).rows.map((r) => [r.id, Number(r.amount_minor)]),
      );
      expect(amounts.get(wrongIqd)).toBe(50_000_000);
      expect(amounts.get(wrongAfn)).toBe(700_000);
      expect(amounts.get(eur)).toBe(20_000);
      expect(amounts.get(seeded)).toBe(9_000_000);
      const trace = await owner.query(
        `SELECT k.payment_id, k.amount_minor_before::int AS before, k.amount_minor_after::int AS after
           FROM travel_payment_correction k JOIN travel_payment p ON p.id = k.payment_id
          WHERE p.booking_id = $1 ORDER BY k.currency`,
        [id],
      );
      expect(trace.rows).toEqual([
        { payment_id: wrongAfn, before: 7_000, after: 700_000 },
        { payment_id: wrongIqd, before: 50_000, after: 50_000_000 },
      ]);
    } finally {
      await owner.end();
    }
    const v = (await view(s, c.id)).bookings[0];
    expect(v.payments.find((p: { id: string }) => p.id === wrongIqd)).toMatchObject({ amountMinor: 50_000_000, currency: 'IQD' });
  });
});
