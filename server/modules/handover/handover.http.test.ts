import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db } = t;

/** A host office (BE) and the origin office in Iraq of the same organisation, with their staff. */
async function offices() {
  const host = await officeWith(['caseworker', 'counsellor', 'office_manager']);
  const origin = await officeWith(['reintegration_officer', 'office_manager'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
  return { host, origin };
}

const register = async (s: Session, body: Record<string, unknown> = householdInput()) => {
  const res = await call(s, 'POST', '/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return res.json().id as string;
};

/** A case registered by the host office and taken to a stage (the earlier actions are not under test here). */
async function caseAt(s: Session, stage: string) {
  const id = await register(s);
  await db.updateTable('return_case').set({ stage, stage_changed_at: new Date('2026-03-01T10:00:00Z') }).where('id', '=', id).execute();
  return id;
}

const etagOf = async (s: Session, url: string) => (await call(s, 'GET', url)).headers.etag as string;
const consent = (over: Record<string, unknown> = {}) => ({ asylumHistory: false, counsellingNotes: false, healthInformation: false, consentedOn: '2026-02-28', ...over });

async function send(s: Session, caseId: string, toOfficeId: string, c = consent()) {
  return call(s, 'POST', `/api/cases/${caseId}/handovers`, { toOfficeId, purpose: 'reception', consent: c });
}

/** A held counselling session with notes on a case, recorded by its owner. */
async function sessionWithNotes(caseId: string, notes: string) {
  const c = await db.selectFrom('return_case').select('owner_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  const at = new Date('2026-02-10T09:30:00Z');
  const row = await db.insertInto('counselling_session').values({
    case_id: caseId, starts_at: at, mode: 'office', counsellor_id: c.owner_id, status: 'held', notes, languages: ['ar'], topics: [],
    participant_person_ids: [], other_participants: [], next_steps: null, created_by: c.owner_id, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('the counselling notes the returnee consented to share', () => {
  it('are in the package and, after acceptance, in the receiving office’s view of the sessions; without consent in neither; reading them is audited', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const ro = origin.users.reintegration_officer.session;
    const mgr = origin.users.office_manager.session;
    const NOTES = 'Worried about debts to a cousin; wants a small shop.';
    for (const shared of [true, false]) {
      const id = await caseAt(cw, 'departed');
      const sessionId = await sessionWithNotes(id, NOTES);
      const h = (await send(cw, id, origin.office.id, consent({ counsellingNotes: shared }))).json();

      const pkg = await call(ro, 'GET', `/api/handovers/${h.id}/package`);
      expect(pkg.statusCode).toBe(200);
      expect(pkg.json().sharing.counsellingNotes).toBe(shared);
      const viewed = await db.selectFrom('audit_event').select(['details', 'actor_id']).where('entity_id', '=', h.id).where('event', '=', 'handover.package.viewed').executeTakeFirstOrThrow();
      if (shared) {
        expect(pkg.json().counsellingNotes).toEqual([
          { id: sessionId, source: 'counselling_session', body: NOTES, authorName: expect.any(String), at: '2026-02-10T09:30:00.000Z' },
        ]);
        expect(viewed.details).toMatchObject({ sensitiveNotesRead: { counsellingSessions: [sessionId], caseNotes: [] } });
      } else {
        expect(pkg.json()).not.toHaveProperty('counsellingNotes');
        expect(pkg.body).not.toContain('debts');
        expect(viewed.details).not.toHaveProperty('sensitiveNotesRead');
      }

      expect((await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` })).statusCode).toBe(200);
      // The officer who received the package, and the manager, read the sessions as the package showed them.
      for (const s of [ro, mgr]) {
        const sessions = await call(s, 'GET', `/api/cases/${id}/counselling-sessions`);
        expect(sessions.statusCode).toBe(200);
        expect(sessions.json().items).toHaveLength(1);
        expect(sessions.json().items[0].notes).toBe(shared ? NOTES : undefined);
        if (!shared) expect(sessions.body).not.toContain('debts');
      }
      const read = await db.selectFrom('audit_event').select(['actor_id', 'details']).where('case_id', '=', id).where('event', '=', 'counselling.notes.viewed').execute();
      expect(read.map((r) => r.actor_id).sort()).toEqual(shared ? [origin.users.reintegration_officer.id, origin.users.office_manager.id].sort() : []);
      if (shared) expect(read[0].details).toEqual({ sessions: [sessionId] });
    }
  });
});

describe('the incoming list', () => {
  it('filters by status, countries, days sent and case number, sorts and pages on the server', async () => {
    const { host, origin } = await offices();
    const other = await officeWith(['caseworker'], { country: 'NL', organisationId: host.organisationId });
    const cw = host.users.caseworker.session;
    const ro = origin.users.reintegration_officer.session;
    const sent: { id: string; caseNumber: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await caseAt(i < 3 ? cw : other.users.caseworker.session, 'departed');
      sent.push((await send(i < 3 ? cw : other.users.caseworker.session, id, origin.office.id)).json());
    }
    // Sent on different days; the first one declined.
    for (const [i, h] of sent.entries()) await db.updateTable('handover').set({ sent_at: new Date(Date.UTC(2026, 2, 1 + i, 12)) }).where('id', '=', h.id).execute();
    expect((await call(ro, 'POST', `/api/handovers/${sent[0].id}/decline`, { reason: 'Wrong office' }, { 'if-match': `"${sent[0].id}.1"` })).statusCode).toBe(200);
    const search = async (body: Record<string, unknown>) => {
      const res = await call(ro, 'POST', '/api/handovers/incoming/search', body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string; caseNumber: string; fromCountry: string; status: string }[]; total: number; page: number; pageSize: number };
    };
    const all = await search({});
    expect(all.total).toBe(5);
    // Waiting for an answer first, newest first; the declined one last.
    expect(all.items.map((x) => x.id)).toEqual([sent[4].id, sent[3].id, sent[2].id, sent[1].id, sent[0].id]);
    expect((await search({ status: 'declined' })).items.map((x) => x.id)).toEqual([sent[0].id]);
    const fromNl = await search({ fromCountry: 'NL' });
    expect(fromNl.items.map((x) => x.id).sort()).toEqual([sent[3].id, sent[4].id].sort());
    expect(fromNl.items[0].fromCountry).toBe('NL');
    expect((await search({ countryOfReturn: 'IQ' })).total).toBe(5);
    expect((await search({ countryOfReturn: 'NG' })).total).toBe(0);
    expect((await search({ sentFrom: '2026-03-02', sentTo: '2026-03-03' })).items.map((x) => x.id)).toEqual([sent[2].id, sent[1].id]);
    expect((await search({ caseNumber: sent[3].caseNumber.slice(-4) })).items.map((x) => x.id)).toContain(sent[3].id);
    expect((await search({ caseNumber: sent[3].caseNumber })).items.map((x) => x.id)).toEqual([sent[3].id]);
    expect((await search({ caseNumber: '%' })).total).toBe(0);
    const byNumber = await search({ sort: 'caseNumber', order: 'asc', pageSize: 2, page: 2 });
    expect(byNumber).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(byNumber.items.map((x) => x.caseNumber)).toEqual([...sent.map((x) => x.caseNumber)].sort().slice(2, 4));
    const refused = await call(ro, 'POST', '/api/handovers/incoming/search', { sentFrom: '2026-03-04', sentTo: '2026-03-01' });
    expect(refused.statusCode).toBe(400);
    expect((await call(ro, 'POST', '/api/handovers/incoming/search', { pageSize: 1000 })).statusCode).toBe(400);
  });
});

describe('the package’s entitlement and travel', () => {
  it('names the members and the components, and keeps amounts in minor units with their currency; bookings with status and local times', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const id = await register(cw);
    await t.makeEligible(id, cw, host.users.office_manager.session);
    const check = await db.selectFrom('eligibility_check').select('id').where('case_id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('eligibility_check_amount').set({ amount_minor: 40050 }).where('check_id', '=', check.id).execute();
    await db.updateTable('eligibility_check').set({ household_total_minor: 80100 }).where('id', '=', check.id).execute();
    await db.updateTable('return_case').set({ stage: 'departed' }).where('id', '=', id).execute();
    const owner = (await db.selectFrom('return_case').select('owner_id').where('id', '=', id).executeTakeFirstOrThrow()).owner_id;
    const now = new Date();
    const booking = await db.insertInto('travel_booking').values({
      case_id: id, status: 'ticketed', booking_reference: 'QX7LMB', travel_date: '2026-04-10', replaces_booking_id: null, notes: null, created_by: owner, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('travel_leg').values({
      booking_id: booking.id, position: 1, carrier: 'Turkish Airlines', flight_or_route: 'TK 1938', from_code: 'BRU', from_kind: 'airport', to_code: 'IST', to_kind: 'airport',
      departs_local: '2026-04-10T11:05:00', departs_time_zone: 'Europe/Brussels', arrives_local: '2026-04-10T15:50:00', arrives_time_zone: 'Europe/Istanbul',
    }).execute();
    const h = (await send(cw, id, origin.office.id)).json();
    const pkg = (await call(origin.users.reintegration_officer.session, 'GET', `/api/handovers/${h.id}/package`)).json();
    expect(pkg.entitlement).toMatchObject({
      outcome: 'eligible',
      currency: 'EUR',
      lines: [
        { component: 'travel', memberName: 'Mohammed Al-Hassan', amountMinor: 40050 },
        { component: 'travel', memberName: 'Fatima Al-Hassan', amountMinor: 40050 },
      ],
      components: [{ component: 'travel', totalMinor: 80100 }],
      members: [{ name: 'Mohammed Al-Hassan', totalMinor: 40050 }, { name: 'Fatima Al-Hassan', totalMinor: 40050 }],
      householdTotalMinor: 80100,
    });
    expect(pkg.travel).toEqual([expect.objectContaining({
      status: 'ticketed', bookingReference: 'QX7LMB',
      legs: [expect.objectContaining({ fromCode: 'BRU', departsLocal: '2026-04-10T11:05:00', departsTimeZone: 'Europe/Brussels', arrivesTimeZone: 'Europe/Istanbul' })],
    })]);
  });
});

describe('sending a handover', () => {
  it('goes only to an office of kind origin in the country of return, from approved, travel preparation or departed', async () => {
    const { host, origin } = await offices();
    const other = await officeWith(['office_manager'], { kind: 'origin', country: 'NG', organisationId: host.organisationId });
    const hostInIraq = await officeWith(['office_manager'], { kind: 'host', country: 'IQ', organisationId: host.organisationId });
    const cw = host.users.caseworker.session;
    const id = await caseAt(cw, 'departed');
    const wrongCountry = await send(cw, id, other.office.id);
    expect(wrongCountry.statusCode).toBe(400);
    expect(wrongCountry.json().error).toMatchObject({ code: 'HANDOVER_OFFICE_INVALID', details: { field: 'toOfficeId' } });
    expect((await send(cw, id, hostInIraq.office.id)).json().error.code).toBe('HANDOVER_OFFICE_INVALID');
    const early = await caseAt(cw, 'counselling');
    expect((await send(cw, early, origin.office.id)).json().error.code).toBe('HANDOVER_STAGE_INVALID');
    const future = await send(cw, id, origin.office.id, consent({ consentedOn: '2027-01-01' }));
    expect(future.json().error.details.field).toBe('consentedOn');

    const ok = await send(cw, id, origin.office.id);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'pending', purpose: 'reception', fromStage: 'departed', toOfficeId: origin.office.id });
    expect((await send(cw, id, origin.office.id)).json().error.code).toBe('HANDOVER_ALREADY_OPEN');
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', id).execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['handover.sent', 'handover.consent.recorded']));
  });

  it('is refused to roles without handover.send and to other offices (404)', async () => {
    const { host, origin } = await offices();
    const stranger = await officeWith(['caseworker']);
    const id = await caseAt(host.users.caseworker.session, 'approved');
    expect((await send(origin.users.reintegration_officer.session, id, origin.office.id)).statusCode).toBe(403);
    expect((await send(stranger.users.caseworker.session, id, origin.office.id)).statusCode).toBe(404);
  });
});

describe('the handover package and acceptance', () => {
  it('shows the origin office the package without legal status or counselling notes unless consented, and the case only after acceptance', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const id = await caseAt(cw, 'departed');
    await call(host.users.counsellor.session, 'POST', `/api/cases/${id}/notes`, { body: 'Spoke of fear of the militia at home.', sensitive: true });
    const h = (await send(cw, id, origin.office.id)).json();
    const ro = origin.users.reintegration_officer.session;
    const mgr = origin.users.office_manager.session;

    const incoming = await call(ro, 'POST', '/api/handovers/incoming/search', {});
    expect(incoming.json().items.map((x: { id: string }) => x.id)).toContain(h.id);
    expect((await call(host.users.caseworker.session, 'POST', '/api/handovers/incoming/search', {})).statusCode).toBe(403);

    const pkg = await call(ro, 'GET', `/api/handovers/${h.id}/package`);
    expect(pkg.statusCode).toBe(200);
    expect(pkg.json().household).toHaveLength(2);
    expect(pkg.json().household[0]).toMatchObject({ givenName: 'Mohammed', sex: 'male', birthDate: '1988-04-12', nationality: 'IQ' });
    expect(pkg.json().case).not.toHaveProperty('legalStatus');
    expect(pkg.json()).not.toHaveProperty('counsellingNotes');
    expect(pkg.json().reintegrationPlan).toEqual({ exists: false });
    expect(JSON.stringify(pkg.json())).not.toContain('asylum_rejected');
    expect(JSON.stringify(pkg.json())).not.toContain('militia');
    const viewed = await db.selectFrom('audit_event').select('event').where('case_id', '=', id).where('event', '=', 'handover.package.viewed').execute();
    expect(viewed).toHaveLength(1);

    // Before acceptance the case itself stays out of reach.
    expect((await call(ro, 'GET', `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await call(ro, 'POST', '/api/cases/search', {})).json().items.map((x: { id: string }) => x.id)).not.toContain(id);

    // The returnee consents to share counselling notes and asylum history for the purpose.
    const rec = await call(cw, 'POST', `/api/cases/${id}/handover-consents`, { purpose: 'reception', ...consent({ asylumHistory: true, counsellingNotes: true }) });
    expect(rec.statusCode).toBe(201);
    const shared = (await call(ro, 'GET', `/api/handovers/${h.id}/package`)).json();
    expect(shared.case.legalStatus).toBe('asylum_rejected');
    expect(shared.counsellingNotes.map((n: { body: string }) => n.body)).toEqual(['Spoke of fear of the militia at home.']);

    // Acceptance needs If-Match; then the origin office sees the case within its roles.
    expect((await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {})).statusCode).toBe(428);
    const accepted = await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const opened = await call(ro, 'GET', `/api/cases/${id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ originOfficeId: origin.office.id, audience: 'origin', legalStatus: 'asylum_rejected' });
    expect((await call(cw, 'GET', `/api/cases/${id}`)).json()).toMatchObject({ audience: 'host', legalStatus: 'asylum_rejected' });
    const updated = await db.selectFrom('audit_event').select(['before', 'after']).where('case_id', '=', id).where('event', '=', 'case.updated').executeTakeFirstOrThrow();
    expect(updated.after).toEqual({ originOfficeId: origin.office.id });
    // The manager (who may read sensitive notes) sees the consented notes.
    expect((await call(mgr, 'GET', `/api/cases/${id}/notes`)).json().items.map((n: { sensitive: boolean }) => n.sensitive)).toEqual([true]);

    // Withdrawing the consent hides them again at once.
    const overview = (await call(cw, 'GET', `/api/cases/${id}/handover`)).json();
    const current = overview.consents.find((k: { endedAt: string | null }) => !k.endedAt);
    expect((await call(cw, 'POST', `/api/cases/${id}/handover-consents/${current.id}/withdraw`)).statusCode).toBe(204);
    const after = await call(mgr, 'GET', `/api/cases/${id}`);
    expect(after.json()).not.toHaveProperty('legalStatus');
    expect((await call(mgr, 'GET', `/api/cases/${id}/notes`)).json().items).toEqual([]);
    const listed = (await call(mgr, 'POST', '/api/cases/search', {})).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).not.toHaveProperty('legalStatus');
    expect((await call(mgr, 'POST', '/api/cases/search', { legalStatus: 'asylum_rejected' })).json().items).toEqual([]);
    // The legal status in the case's audit values stays with the host office: the origin office
    // reads that the field was recorded, not its value.
    type Event = { event: string; changes?: { after: Record<string, unknown> | null }; withheldFields?: string[] };
    const history = (await call(mgr, 'GET', `/api/cases/${id}/history`)).json();
    const created = history.events.find((e: Event) => e.event === 'case.created');
    expect(created.withheldFields).toContain('legalStatus');
    expect(created.changes.after).not.toHaveProperty('legalStatus');
    expect(JSON.stringify(history.events)).not.toContain('asylum_rejected');
    const hostCreated = (await call(host.users.office_manager.session, 'GET', `/api/cases/${id}/history`)).json().events.find((e: Event) => e.event === 'case.created');
    expect(hostCreated.changes.after.legalStatus).toBe('asylum_rejected');
    // The host office still sees everything.
    expect((await call(host.users.office_manager.session, 'GET', `/api/cases/${id}/notes`)).json().items).toHaveLength(1);
  });

  it('needs a reason to decline, and a declined handover leaves the case out of reach', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const id = await caseAt(cw, 'travel_preparation');
    const h = (await send(cw, id, origin.office.id)).json();
    const ro = origin.users.reintegration_officer.session;
    const ifMatch = { 'if-match': `"${h.id}.1"` };
    const noReason = await call(ro, 'POST', `/api/handovers/${h.id}/decline`, { reason: '  ' }, ifMatch);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'HANDOVER_DECLINE_REASON_REQUIRED', details: { field: 'reason' } });
    const declined = await call(ro, 'POST', `/api/handovers/${h.id}/decline`, { reason: 'The returnee settles in Basra, served by another programme.' }, ifMatch);
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'The returnee settles in Basra, served by another programme.' });
    expect((await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.2"` })).json().error.code).toBe('HANDOVER_NOT_PENDING');
    expect((await call(ro, 'GET', `/api/handovers/${h.id}/package`)).statusCode).toBe(404);
    expect((await call(ro, 'GET', `/api/cases/${id}`)).statusCode).toBe(404);
    // The host office sees the answer and may send again.
    expect((await call(cw, 'GET', `/api/cases/${id}/handover`)).json().handovers[0].status).toBe('declined');
    expect((await send(cw, id, origin.office.id)).statusCode).toBe(201);
  });

  it('assigns whoever accepts a restricted case, so that the origin office can work it', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const id = await caseAt(cw, 'travel_preparation');
    await db.updateTable('return_case').set({ restricted: true }).where('id', '=', id).execute();
    const h = (await call(cw, 'POST', `/api/cases/${id}/handovers`, { toOfficeId: origin.office.id, purpose: 'reception', receivingOfficerId: origin.users.reintegration_officer.id, consent: consent() })).json();
    const ro = origin.users.reintegration_officer.session;
    expect((await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` })).statusCode).toBe(200);
    expect((await call(ro, 'GET', `/api/cases/${id}`)).statusCode).toBe(200);
    const assigned = await db.selectFrom('case_assignment').select('user_id').where('case_id', '=', id).execute();
    expect(assigned.map((a) => a.user_id)).toEqual([origin.users.reintegration_officer.id]);
    // Another reintegration officer of the origin office, not assigned, still does not see it.
    const other = await officeWith(['reintegration_officer'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
    await db.updateTable('app_user').set({ office_id: origin.office.id }).where('id', '=', other.users.reintegration_officer.id).execute();
    expect((await call(other.users.reintegration_officer.session, 'GET', `/api/cases/${id}`)).statusCode).toBe(404);
  });

  it('keeps counselling notes and health records from the origin office unless the returnee consented', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    for (const shared of [false, true]) {
      const id = await caseAt(cw, 'travel_preparation');
      const c = await db.selectFrom('return_case').select(['principal_person_id', 'owner_id']).where('id', '=', id).executeTakeFirstOrThrow();
      const now = new Date();
      await db.insertInto('counselling_session').values({
        case_id: id, starts_at: now, mode: 'office', counsellor_id: c.owner_id, status: 'held', notes: 'Fears reprisals from a cousin.',
        languages: ['ar'], topics: [], participant_person_ids: [], other_participants: [],
        next_steps: 'Meet again', created_by: c.owner_id, created_at: now, updated_at: now,
      }).execute();
      await db.insertInto('health_record').values({ case_id: id, person_id: c.principal_person_id, conditions: 'Diabetes', fit_to_travel: 'fit', recorded_by: c.owner_id }).execute();
      const h = (await send(cw, id, origin.office.id, consent({ counsellingNotes: shared, healthInformation: shared }))).json();
      const om = origin.users.office_manager.session;
      expect((await call(om, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` })).statusCode).toBe(200);
      const sessions = (await call(om, 'GET', `/api/cases/${id}/counselling-sessions`)).json().items;
      expect(sessions).toHaveLength(1);
      expect(sessions[0].notes).toBe(shared ? 'Fears reprisals from a cousin.' : undefined);
      const protection = (await call(om, 'GET', `/api/cases/${id}/protection`)).json();
      expect(protection.health?.[0]?.conditions).toBe(shared ? 'Diabetes' : undefined);
      // The host office reads both, consent or not.
      const hostManager = host.users.office_manager.session;
      expect((await call(hostManager, 'GET', `/api/cases/${id}/counselling-sessions`)).json().items[0].notes).toBe('Fears reprisals from a cousin.');
      expect((await call(hostManager, 'GET', `/api/cases/${id}/protection`)).json().health[0].conditions).toBe('Diabetes');
    }
  });

  it('keeps handovers to another office out of an office’s incoming list (404 on the package)', async () => {
    const { host, origin } = await offices();
    const elsewhere = await officeWith(['reintegration_officer'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
    const id = await caseAt(host.users.caseworker.session, 'departed');
    const h = (await send(host.users.caseworker.session, id, origin.office.id)).json();
    const ro = elsewhere.users.reintegration_officer.session;
    expect((await call(ro, 'POST', '/api/handovers/incoming/search', {})).json()).toMatchObject({ items: [], total: 0 });
    expect((await call(ro, 'GET', `/api/handovers/${h.id}/package`)).statusCode).toBe(404);
    expect((await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` })).statusCode).toBe(404);
  });
});

describe('handing over a restricted case', () => {
  it('goes to a named officer: only that officer and the receiving office’s supervisors see it, its details only with consent', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const id = await caseAt(cw, 'departed');
    const { principal_person_id: principal } = await db.selectFrom('return_case').select('principal_person_id').where('id', '=', id).executeTakeFirstOrThrow();
    const story = 'Trafficked through Libya by a network from Mosul; exploited on a farm near Sabha.';
    expect((await call(cw, 'POST', `/api/cases/${id}/vulnerabilities`, { personId: principal, category: 'trafficking_victim', details: story, identifiedOn: '2026-02-01' })).statusCode).toBe(201);
    const named = origin.users.reintegration_officer;
    const supervisor = origin.users.office_manager;
    // Another reintegration officer of the receiving office, not named.
    const other = await t.fx.user({ roles: ['reintegration_officer'], organisationId: host.organisationId, officeId: origin.office.id });
    const unnamed = await t.login(other.email, other.password);

    // The sender chooses among the receiving office's officers.
    const choice = (await call(cw, 'GET', `/api/cases/${id}/handover/origin-offices`)).json();
    expect(choice.restricted).toBe(true);
    const officers = choice.items.find((o: { id: string }) => o.id === origin.office.id).officers.map((u: { id: string }) => u.id);
    expect(officers).toEqual(expect.arrayContaining([named.id, supervisor.id, other.id]));

    const sendTo = (receivingOfficerId?: string) =>
      call(cw, 'POST', `/api/cases/${id}/handovers`, { toOfficeId: origin.office.id, purpose: 'reception', ...(receivingOfficerId ? { receivingOfficerId } : {}), consent: consent() });
    const nobody = await sendTo();
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error).toMatchObject({ code: 'HANDOVER_RECEIVER_REQUIRED', details: { field: 'receivingOfficerId' } });
    const stranger = await sendTo(host.users.caseworker.id);
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error).toMatchObject({ code: 'HANDOVER_RECEIVER_INVALID', details: { field: 'receivingOfficerId' } });
    const sent = await sendTo(named.id);
    expect(sent.statusCode).toBe(201);
    const h = sent.json();
    expect(h).toMatchObject({ receivingOfficerId: named.id, receivingOfficerName: expect.any(String), restricted: true });

    // An officer who was not named: the handover does not exist.
    const incomingIds = async (s: Session) => (await call(s, 'POST', '/api/handovers/incoming/search', {})).json().items.map((x: { id: string }) => x.id);
    expect(await incomingIds(unnamed)).not.toContain(h.id);
    expect((await call(unnamed, 'GET', `/api/handovers/${h.id}/package`)).statusCode).toBe(404);
    expect((await call(unnamed, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` })).statusCode).toBe(404);

    // The named officer and the supervisor: the package, with the category and measures but not the story.
    for (const s of [named.session, supervisor.session]) {
      expect(await incomingIds(s)).toContain(h.id);
      const pkg = await call(s, 'GET', `/api/handovers/${h.id}/package`);
      expect(pkg.statusCode).toBe(200);
      expect(pkg.json().household[0]).toMatchObject({ givenName: 'Mohammed', birthDate: '1988-04-12' });
      expect(pkg.json().vulnerabilities).toEqual([expect.objectContaining({ category: 'trafficking_victim' })]);
      expect(pkg.json().vulnerabilities[0]).not.toHaveProperty('details');
      expect(pkg.json().specialMeasures.length).toBeGreaterThan(0);
      expect(pkg.body).not.toContain('Libya');
    }
    // With the returnee's consent to share the asylum history, the story travels.
    expect((await call(cw, 'POST', `/api/cases/${id}/handover-consents`, { purpose: 'reception', ...consent({ asylumHistory: true }) })).statusCode).toBe(201);
    expect((await call(named.session, 'GET', `/api/handovers/${h.id}/package`)).json().vulnerabilities[0].details).toBe(story);

    // The supervisor accepts: both are assigned; the named officer works the case, the other still does not see it.
    expect((await call(supervisor.session, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` })).statusCode).toBe(200);
    const assigned = await db.selectFrom('case_assignment').select('user_id').where('case_id', '=', id).execute();
    expect(assigned.map((a) => a.user_id).sort()).toEqual([named.id, supervisor.id].sort());
    expect((await call(named.session, 'GET', `/api/cases/${id}`)).statusCode).toBe(200);
    expect((await call(unnamed, 'GET', `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await call(unnamed, 'GET', `/api/handovers/${h.id}/package`)).statusCode).toBe(404);
    expect(await incomingIds(unnamed)).not.toContain(h.id);
  });

  it('keeps a case restricted after sending to the supervisors when no officer was named', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const id = await caseAt(cw, 'departed');
    const h = (await send(cw, id, origin.office.id)).json();
    await db.updateTable('return_case').set({ restricted: true }).where('id', '=', id).execute();
    expect((await call(origin.users.reintegration_officer.session, 'GET', `/api/handovers/${h.id}/package`)).statusCode).toBe(404);
    expect((await call(origin.users.office_manager.session, 'GET', `/api/handovers/${h.id}/package`)).statusCode).toBe(200);
  });
});

describe('arrival and reception', () => {
  async function accepted() {
    const o = await offices();
    const cw = o.host.users.caseworker.session;
    const id = await caseAt(cw, 'departed');
    const h = (await send(cw, id, o.origin.office.id)).json();
    return { ...o, id, h, cw, ro: o.origin.users.reintegration_officer.session };
  }

  it('needs an accepted handover, then moves the case to arrived and the host office sees it', async () => {
    const { id, h, cw, ro, host, origin } = await accepted();
    const body = { arrivedOn: '2026-03-02', place: 'Baghdad International Airport', receivedByUserId: origin.users.reintegration_officer.id };
    // Before acceptance: the host manager (who holds reception.manage) is told the handover is missing.
    const hostMgr = host.users.office_manager.session;
    const early = await call(hostMgr, 'POST', `/api/cases/${id}/arrival`, body, { 'if-match': await etagOf(hostMgr, `/api/cases/${id}`) });
    expect(early.json().error.code).toBe('HANDOVER_NOT_ACCEPTED');
    expect((await call(ro, 'POST', `/api/cases/${id}/arrival`, body, { 'if-match': `"${id}.1"` })).statusCode).toBe(404);
    await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` });
    // The host office does not confirm arrival in place of the origin office.
    expect((await call(hostMgr, 'POST', `/api/cases/${id}/arrival`, body, { 'if-match': await etagOf(hostMgr, `/api/cases/${id}`) })).statusCode).toBe(403);
    const etag = await etagOf(ro, `/api/cases/${id}`);
    const nobody = await call(ro, 'POST', `/api/cases/${id}/arrival`, { arrivedOn: '2026-03-02', place: 'BGW' }, { 'if-match': etag });
    expect(nobody.json().error.details.field).toBe('receivedByName');
    const stranger = await call(ro, 'POST', `/api/cases/${id}/arrival`, { ...body, receivedByUserId: host.users.caseworker.id }, { 'if-match': etag });
    expect(stranger.json().error.details.field).toBe('receivedByUserId');
    const future = await call(ro, 'POST', `/api/cases/${id}/arrival`, { ...body, arrivedOn: '2026-04-01' }, { 'if-match': etag });
    expect(future.json().error.details.field).toBe('arrivedOn');
    const ok = await call(ro, 'POST', `/api/cases/${id}/arrival`, body, { 'if-match': etag });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('arrived');
    expect((await call(ro, 'POST', `/api/cases/${id}/arrival`, body, { 'if-match': ok.headers.etag as string })).json().error.code).toBe('ARRIVAL_STAGE_INVALID');
    const seen = (await call(cw, 'GET', `/api/cases/${id}/handover`)).json();
    expect(seen.stage).toBe('arrived');
    expect(seen.arrival).toMatchObject({ arrivedOn: '2026-03-02', place: 'Baghdad International Airport', receivedByName: expect.any(String) });
    const moved = await db.selectFrom('stage_transition').select(['from_stage', 'to_stage']).where('case_id', '=', id).where('to_stage', '=', 'arrived').execute();
    expect(moved).toEqual([{ from_stage: 'departed', to_stage: 'arrived' }]);
  });

  it('a confirmed arrival replaces the arrival day a legacy file gave, audited with it', async () => {
    const { id, h, cw, ro, origin } = await accepted();
    await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` });
    // As a legacy import keeps a file's arrival day: no place, no receiver, its source named.
    await db.insertInto('arrival').values({ case_id: id, arrived_on: '2026-03-01', place: null, received_by_user_id: null, received_by_name: null, recorded_by: origin.users.reintegration_officer.id, recorded_at: new Date(), legacy_source: 'old-system' }).execute();
    expect((await call(cw, 'GET', `/api/cases/${id}/handover`)).json().arrival).toMatchObject({ arrivedOn: '2026-03-01', place: null, importedFrom: 'old-system' });
    const body = { arrivedOn: '2026-03-02', place: 'Baghdad International Airport', receivedByUserId: origin.users.reintegration_officer.id };
    const ok = await call(ro, 'POST', `/api/cases/${id}/arrival`, body, { 'if-match': await etagOf(ro, `/api/cases/${id}`) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(cw, 'GET', `/api/cases/${id}/handover`)).json().arrival).toMatchObject({ arrivedOn: '2026-03-02', place: 'Baghdad International Airport', importedFrom: null });
    const ev = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'arrival.confirmed').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ before: { arrivedOn: '2026-03-01', importedFrom: 'old-system' }, after: { arrivedOn: '2026-03-02', place: 'Baghdad International Airport' } });
  });

  it('refuses an arrival dated before the departure, in the local date of the place of arrival, and proposes the journey', async () => {
    const { id, h, cw, ro, host, origin } = await accepted();
    await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` });
    const body = { place: 'Baghdad International Airport', receivedByUserId: origin.users.reintegration_officer.id };
    // Without a journey on record, the day the case moved to departed (1 March, UTC) is the limit.
    const before = await call(ro, 'POST', `/api/cases/${id}/arrival`, { ...body, arrivedOn: '2026-02-28' }, { 'if-match': await etagOf(ro, `/api/cases/${id}`) });
    expect(before.statusCode).toBe(409);
    expect(before.json().error).toMatchObject({ code: 'ARRIVAL_BEFORE_DEPARTURE', details: { field: 'arrivedOn', earliest: '2026-03-01' } });
    // The journey: Brussels 22:30 on 1 March (21:30 UTC, already 2 March in Baghdad), via Istanbul, Baghdad at 05:40 on 2 March.
    const members = await db.selectFrom('case_member').select('person_id').where('case_id', '=', id).execute();
    const booking = await db.insertInto('travel_booking').values({
      case_id: id, status: 'departed', travel_date: '2026-03-01', created_by: host.users.caseworker.id, created_at: new Date('2026-02-20T10:00:00Z'), updated_at: new Date('2026-03-01T23:00:00Z'),
      booking_reference: 'TK7Q2M', replaces_booking_id: null, notes: null,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('travel_booking_member').values(members.map((m) => ({ booking_id: booking.id, person_id: m.person_id }))).execute();
    const legOf = (position: number, flight: string, from: string, to: string, dep: string, depZone: string, arr: string, arrZone: string) => ({
      booking_id: booking.id, position, carrier: 'Turkish Airlines', flight_or_route: flight, from_code: from, from_kind: 'airport' as const, to_code: to, to_kind: 'airport' as const,
      departs_local: dep, departs_time_zone: depZone, arrives_local: arr, arrives_time_zone: arrZone,
    });
    await db.insertInto('travel_leg').values([
      legOf(1, 'TK 1940', 'BRU', 'IST', '2026-03-01T22:30:00', 'Europe/Brussels', '2026-03-02T03:00:00', 'Europe/Istanbul'),
      legOf(2, 'TK 788', 'IST', 'BGW', '2026-03-02T03:30:00', 'Europe/Istanbul', '2026-03-02T05:40:00', 'Asia/Baghdad'),
    ]).execute();
    await db.insertInto('travel_departure').values(members.map((m) => ({
      booking_id: booking.id, person_id: m.person_id, outcome: 'departed' as const, confirmed_by: host.users.caseworker.id, confirmed_at: new Date('2026-03-01T23:00:00Z'), override_reason: null,
    }))).execute();
    const seen = (await call(ro, 'GET', `/api/cases/${id}/handover`)).json();
    expect(seen.journey).toMatchObject({ flight: 'TK 1940', fromCode: 'BRU', toCode: 'BGW', toKind: 'airport', arrivesLocal: '2026-03-02T05:40:00', arrivesTimeZone: 'Asia/Baghdad' });
    const etag = await etagOf(ro, `/api/cases/${id}`);
    const sameUtcDay = await call(ro, 'POST', `/api/cases/${id}/arrival`, { ...body, arrivedOn: '2026-03-01' }, { 'if-match': etag });
    expect(sameUtcDay.json().error).toMatchObject({
      code: 'ARRIVAL_BEFORE_DEPARTURE',
      details: { field: 'arrivedOn', earliest: '2026-03-02', arrivalTimeZone: 'Asia/Baghdad', departsAt: '2026-03-01T21:30:00.000Z', departsTimeZone: 'Europe/Brussels' },
    });
    const ok = await call(ro, 'POST', `/api/cases/${id}/arrival`, { ...body, arrivedOn: '2026-03-02' }, { 'if-match': etag });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('arrived');
    expect((await call(cw, 'GET', `/api/cases/${id}/handover`)).json().arrival).toMatchObject({ arrivedOn: '2026-03-02' });
  });

  it('records reception services with a validated cost, by the origin office only', async () => {
    const { id, h, ro, host } = await accepted();
    const url = `/api/cases/${id}/reception-services`;
    expect((await call(ro, 'POST', url, { service: 'airport_reception', status: 'planned' })).statusCode).toBe(404);
    await call(ro, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` });
    const noCurrency = await call(ro, 'POST', url, { service: 'onward_transport', status: 'provided', costMinor: 4500 });
    expect(noCurrency.json().error).toMatchObject({ code: 'RECEPTION_COST_INVALID', details: { field: 'currency' } });
    expect((await call(ro, 'POST', url, { service: 'onward_transport', status: 'provided', costMinor: 4500, currency: 'XYZ' })).json().error.code).toBe('RECEPTION_COST_INVALID');
    expect((await call(ro, 'POST', url, { service: 'onward_transport', status: 'provided', costMinor: -1, currency: 'USD' })).statusCode).toBe(400);
    expect((await call(ro, 'POST', url, { service: 'spa', status: 'provided' })).statusCode).toBe(400);
    expect((await call(host.users.office_manager.session, 'POST', url, { service: 'airport_reception', status: 'planned' })).statusCode).toBe(403);
    const made = await call(ro, 'POST', url, { service: 'onward_transport', status: 'planned', costMinor: 4500, currency: 'USD' });
    expect(made.statusCode).toBe(201);
    const s = made.json();
    const patched = await call(ro, 'PATCH', `${url}/${s.id}`, { status: 'provided' }, { 'if-match': made.headers.etag as string });
    expect(patched.json()).toMatchObject({ status: 'provided', costMinor: 4500, currency: 'USD', version: 2 });
    expect((await call(ro, 'PATCH', `${url}/${s.id}`, { status: 'cancelled' }, { 'if-match': made.headers.etag as string })).statusCode).toBe(412);
    expect((await call(ro, 'PATCH', `${url}/${s.id}`, { currency: null }, { 'if-match': patched.headers.etag as string })).json().error.code).toBe('RECEPTION_COST_INVALID');
  });
});

describe('post-arrival cases', () => {
  it('refuses assistance until the admission date is recorded, which is checked and audited', async () => {
    const origin = await officeWith(['reintegration_officer', 'office_manager'], { kind: 'origin', country: 'IQ' });
    const mgr = origin.users.office_manager.session;
    const ro = origin.users.reintegration_officer.session;
    const input = householdInput({ kind: 'post_arrival', legalStatus: 'other' });
    expect((await call(mgr, 'POST', '/api/cases', { ...input, admissionDate: '2027-01-01' })).json().error.details.field).toBe('admissionDate');
    expect((await call(mgr, 'POST', '/api/cases', { ...input, admissionDate: '1980-01-01' })).json().error.details.field).toBe('admissionDate');
    const id = await register(mgr, input);
    const url = `/api/cases/${id}/reception-services`;
    const refused = await call(ro, 'POST', url, { service: 'immediate_assistance', status: 'provided', costMinor: 10000, currency: 'IQD' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ADMISSION_DATE_REQUIRED');
    const etag = await etagOf(ro, `/api/cases/${id}`);
    expect((await call(ro, 'PUT', `/api/cases/${id}/admission-date`, { admissionDate: '2026-03-05' }, { 'if-match': etag })).json().error.details.field).toBe('admissionDate');
    expect((await call(ro, 'PUT', `/api/cases/${id}/admission-date`, { admissionDate: '1970-03-05' }, { 'if-match': etag })).json().error.details.field).toBe('admissionDate');
    expect((await call(ro, 'PUT', `/api/cases/${id}/admission-date`, { admissionDate: '2026-02-20' })).statusCode).toBe(428);
    const set = await call(ro, 'PUT', `/api/cases/${id}/admission-date`, { admissionDate: '2026-02-20' }, { 'if-match': etag });
    expect(set.statusCode).toBe(200);
    expect(set.json().admissionDate).toBe('2026-02-20');
    const audited = await db.selectFrom('audit_event').select(['before', 'after']).where('case_id', '=', id).where('event', '=', 'case.admission_date.set').executeTakeFirstOrThrow();
    expect(audited).toEqual({ before: { admissionDate: null }, after: { admissionDate: '2026-02-20' } });
    expect((await call(ro, 'POST', url, { service: 'immediate_assistance', status: 'provided', costMinor: 10000, currency: 'IQD' })).statusCode).toBe(201);

    const withDate = await call(mgr, 'POST', '/api/cases', { ...input, admissionDate: '2026-02-27' });
    expect(withDate.json()).toMatchObject({ stage: 'arrived', admissionDate: '2026-02-27' });
  });

  it('keeps the admission date to post-arrival cases', async () => {
    const host = await officeWith(['caseworker']);
    const cw = host.users.caseworker.session;
    expect((await call(cw, 'POST', '/api/cases', householdInput({ admissionDate: '2026-02-01' }))).json().error.code).toBe('ADMISSION_DATE_NOT_APPLICABLE');
    const id = await register(cw);
    const res = await call(cw, 'PUT', `/api/cases/${id}/admission-date`, { admissionDate: '2026-02-01' }, { 'if-match': `"${id}.1"` });
    expect(res.json().error.code).toBe('ADMISSION_DATE_NOT_APPLICABLE');
  });
});
