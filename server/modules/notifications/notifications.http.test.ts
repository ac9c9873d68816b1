import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

/** A host office (BE) and the origin office in Iraq of the same organisation, with their staff. */
async function offices() {
  const host = await officeWith(['caseworker', 'counsellor', 'office_manager']);
  const origin = await officeWith(['reintegration_officer', 'office_manager'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
  return { host, origin };
}

async function caseAt(s: Session, stage: string) {
  const res = await call(s, 'POST', '/api/cases', householdInput());
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  await db.updateTable('return_case').set({ stage }).where('id', '=', id).execute();
  return { id, caseNumber: res.json().caseNumber as string, principal: res.json().members[0].person.id as string };
}

const send = (s: Session, caseId: string, toOfficeId: string) =>
  call(s, 'POST', `/api/cases/${caseId}/handovers`, { toOfficeId, purpose: 'reception', consent: { asylumHistory: false, counsellingNotes: false, healthInformation: false, consentedOn: '2026-02-28' } });

const notifications = async (s: Session) => {
  const res = await call(s, 'GET', '/api/notifications');
  expect(res.statusCode).toBe(200);
  return res.json() as { seenAt: string | null; unseen: number; items: { kind: string; id: string; caseId: string | null; caseNumber: string; new: boolean }[] };
};

describe('notifications', () => {
  it('tell the origin office of a handover to answer, new until seen, then only what arrived since; the seen mark is audited', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const first = await caseAt(cw, 'departed');
    const h = (await send(cw, first.id, origin.office.id)).json();
    const ro = origin.users.reintegration_officer.session;

    const before = await notifications(ro);
    expect(before).toMatchObject({ seenAt: null, unseen: 1, items: [{ kind: 'handover', id: h.id, caseId: null, caseNumber: first.caseNumber, new: true }] });
    // Names stay out: the item says which case by its number only.
    expect(JSON.stringify(before)).not.toContain('Al-Hassan');

    clock.advance(60_000);
    const seen = await call(ro, 'POST', '/api/notifications/seen');
    expect(seen.statusCode).toBe(200);
    expect((await notifications(ro))).toMatchObject({ unseen: 0, items: [{ id: h.id, new: false }] });
    const audited = await db.selectFrom('audit_event').select(['event', 'entity_id']).where('event', '=', 'notifications.seen').where('entity_id', '=', origin.users.reintegration_officer.id).execute();
    expect(audited).toHaveLength(1);

    clock.advance(60_000);
    const second = await caseAt(cw, 'departed');
    const h2 = (await send(cw, second.id, origin.office.id)).json();
    const after = await notifications(ro);
    expect(after.unseen).toBe(1);
    expect(after.items.map((i) => [i.id, i.new])).toEqual([[h2.id, true], [h.id, false]]);

    // The sender's office sees nothing of the origin office's queue; each user has their own seen mark.
    expect((await notifications(cw)).items.filter((i) => i.kind === 'handover')).toEqual([]);
    expect((await notifications(origin.users.office_manager.session)).unseen).toBe(2);
  });

  it('tell a manager of applications to approve (not their own), and a user of the tasks assigned to them, never in withdrawn or closed cases', async () => {
    const { host } = await offices();
    const cw = host.users.caseworker.session;
    const mgr = host.users.office_manager.session;
    const submitted = await caseAt(cw, 'application_submitted');
    const ap = await db.insertInto('application').values({ case_id: submitted.id, submitted_by: host.users.caseworker.id, submitted_at: clock.now() }).returning('id').executeTakeFirstOrThrow();
    const own = await caseAt(mgr, 'application_submitted');
    await db.insertInto('application').values({ case_id: own.id, submitted_by: host.users.office_manager.id, submitted_at: clock.now() }).execute();

    const managerItems = (await notifications(mgr)).items;
    expect(managerItems.filter((i) => i.kind === 'application')).toEqual([expect.objectContaining({ id: ap.id, caseId: submitted.id, caseNumber: submitted.caseNumber, new: true })]);
    expect((await notifications(cw)).items.filter((i) => i.kind === 'application')).toEqual([]);

    const open = await caseAt(cw, 'counselling');
    const task = await call(cw, 'POST', `/api/cases/${open.id}/measures`, { personId: open.principal, kind: 'psychosocial_support', ownerId: host.users.counsellor.id, dueOn: '2026-03-10' });
    expect(task.statusCode).toBe(201);
    const closed = await caseAt(cw, 'counselling');
    await call(cw, 'POST', `/api/cases/${closed.id}/measures`, { personId: closed.principal, kind: 'psychosocial_support', ownerId: host.users.counsellor.id });
    await db.updateTable('return_case').set({ stage: 'withdrawn' }).where('id', '=', closed.id).execute();

    const counsellor = await notifications(host.users.counsellor.session);
    expect(counsellor.items).toEqual([expect.objectContaining({ kind: 'task', id: task.json().id, caseId: open.id, dueOn: '2026-03-10', taskKind: 'psychosocial_support', new: true })]);
  });
});

describe('handover queues', () => {
  it('list the host office’s handovers waiting for an answer, and the returnees the origin office expects this week', async () => {
    const { host, origin } = await offices();
    const cw = host.users.caseworker.session;
    const c = await caseAt(cw, 'travel_preparation');
    const h = (await send(cw, c.id, origin.office.id)).json();
    const outgoing = await call(cw, 'GET', '/api/handovers/outgoing');
    expect(outgoing.statusCode).toBe(200);
    expect(outgoing.json().items.map((x: { id: string }) => x.id)).toEqual([h.id]);
    expect((await call(origin.users.reintegration_officer.session, 'GET', '/api/handovers/outgoing')).statusCode).toBe(403);
    const stranger = await officeWith(['caseworker']);
    expect((await call(stranger.users.caseworker.session, 'GET', '/api/handovers/outgoing')).json().items).toEqual([]);

    const booking = await db.insertInto('travel_booking').values({ case_id: c.id, status: 'ticketed', travel_date: '2026-03-05', created_by: host.users.caseworker.id, created_at: clock.now(), updated_at: clock.now() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('travel_booking_member').values({ booking_id: booking.id, person_id: c.principal }).execute();
    const leg = { booking_id: booking.id, carrier: 'TK', from_kind: 'airport' as const, to_kind: 'airport' as const, departs_time_zone: 'Europe/Brussels', arrives_time_zone: 'Asia/Baghdad' };
    await db.insertInto('travel_leg').values([
      { ...leg, position: 1, flight_or_route: 'TK1938', from_code: 'BRU', to_code: 'IST', departs_local: '2026-03-05T11:00:00', arrives_local: '2026-03-05T15:30:00', arrives_time_zone: 'Europe/Istanbul' },
      { ...leg, position: 2, flight_or_route: 'TK784', from_code: 'IST', to_code: 'BGW', departs_local: '2026-03-05T19:00:00', arrives_local: '2026-03-05T22:10:00' },
    ]).execute();
    const arrivals = await call(origin.users.reintegration_officer.session, 'GET', '/api/handovers/arrivals');
    expect(arrivals.statusCode).toBe(200);
    expect(arrivals.json()).toMatchObject({
      from: '2026-03-02', to: '2026-03-09',
      items: [{ handoverId: h.id, accepted: false, caseId: c.id, caseNumber: c.caseNumber, flight: 'TK784', toCode: 'BGW', arrivesLocal: '2026-03-05T22:10:00', travellers: 1 }],
    });
    const otherOrigin = await officeWith(['reintegration_officer'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
    expect((await call(otherOrigin.users.reintegration_officer.session, 'GET', '/api/handovers/arrivals')).json().items).toEqual([]);
    expect((await call(cw, 'GET', '/api/handovers/arrivals')).statusCode).toBe(403);
  });
});
