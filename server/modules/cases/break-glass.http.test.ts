import { describe, expect, it } from 'vitest';
import { householdInput, testApp } from '../../test-support/harness.js';

const { call, officeWith, db, clock, fx, login } = await testApp();

const REASON = 'Returnee called the hotline in distress; their office is closed tonight.';

/** An organisation with two offices: a case of the first, a supervisor of the second. */
async function setting() {
  const a = await officeWith(['caseworker']);
  const b = await officeWith(['office_manager', 'caseworker'], { organisationId: a.organisationId });
  const created = (await call(a.users.caseworker.session, 'POST', '/api/cases', householdInput())).json();
  const dpoUser = await fx.user({ roles: ['data_protection_officer'], organisationId: a.organisationId, officeId: null });
  const dpo = await login(dpoUser.email, dpoUser.password);
  return { a, b, caseId: created.id as string, caseNumber: created.caseNumber as string, manager: b.users.office_manager, dpo, dpoUser };
}

describe('break-glass access', () => {
  it('opens a case outside the supervisor\'s scope, read-only, for a limited time, audited with the reason', async () => {
    const { caseId, caseNumber, manager, b } = await setting();
    expect((await call(manager.session, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);

    const grant = await call(manager.session, 'POST', `/api/cases/${encodeURIComponent(caseNumber)}/break-glass`, { reason: REASON });
    expect(grant.statusCode).toBe(201);
    expect(grant.json()).toMatchObject({ caseId, caseNumber });
    expect(new Date(grant.json().expiresAt).getTime() - new Date(grant.json().grantedAt).getTime()).toBe(60 * 60_000);

    const opened = await call(manager.session, 'GET', `/api/cases/${caseId}`);
    expect(opened.statusCode).toBe(200);
    expect((await call(manager.session, 'GET', `/api/cases/${caseId}/notes`)).statusCode).toBe(200);
    // Read-only: a write keeps the supervisor's own scope.
    expect((await call(manager.session, 'POST', `/api/cases/${caseId}/notes`, { body: 'A note' })).statusCode).toBe(404);
    // Not discoverable: the list does not show it.
    const list = (await call(manager.session, 'POST', '/api/cases/search', {})).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
    // Nobody else's reads change.
    expect((await call(b.users.caseworker.session, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);

    const events = await db.selectFrom('audit_event').select(['event', 'details']).where('case_id', '=', caseId).where('actor_id', '=', manager.id).orderBy('id').execute();
    const grantId = grant.json().id;
    expect(events.map((e) => e.event)).toEqual(['case.break_glass', 'case.opened', 'case.break_glass.read']);
    expect(events[0].details).toMatchObject({ reason: REASON, breakGlassGrantId: grantId });
    expect(events[1].details).toMatchObject({ breakGlassGrantId: grantId });
    expect(events[2].details).toMatchObject({ breakGlassGrantId: grantId, route: '/api/cases/:id/notes' });

    // The grant expires (the session is signed in again: idle sessions end sooner).
    clock.advance(61 * 60_000);
    const again = await login(manager.email, manager.password);
    expect((await call(again, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('is refused to a caseworker (403), without a long enough reason (400), and for unknown, restricted or other organisations\' cases (404)', async () => {
    const { a, caseId, caseNumber, manager } = await setting();
    const cw = (await call(a.users.caseworker.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON }));
    expect(cw.statusCode).toBe(403);
    const unknownByCaseworker = await call(a.users.caseworker.session, 'POST', '/api/cases/NO-SUCH-1/break-glass', { reason: REASON });
    expect(unknownByCaseworker.statusCode).toBe(403);

    const short = await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: 'I need it now' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('BREAK_GLASS_REASON_TOO_SHORT');
    expect((await call(manager.session, 'POST', '/api/cases/NO-SUCH-1/break-glass', { reason: REASON })).statusCode).toBe(404);

    const elsewhere = await officeWith(['caseworker']);
    const foreign = (await call(elsewhere.users.caseworker.session, 'POST', '/api/cases', householdInput())).json();
    expect((await call(manager.session, 'POST', `/api/cases/${foreign.id}/break-glass`, { reason: REASON })).statusCode).toBe(404);

    await db.updateTable('return_case').set({ restricted: true }).where('id', '=', caseId).execute();
    expect((await call(manager.session, 'POST', `/api/cases/${encodeURIComponent(caseNumber)}/break-glass`, { reason: REASON })).statusCode).toBe(404);
    expect(await db.selectFrom('case_break_glass').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });
});

describe('the access log of a person', () => {
  it('lists the supervisor\'s reads with the break-glass reason, to the data-protection officer only, and is audited', async () => {
    const { a, b, caseId, caseNumber, manager, dpo, dpoUser } = await setting();
    await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON });
    expect((await call(manager.session, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);

    const found = await call(dpo, 'POST', '/api/data-protection/case-lookup', { caseNumber });
    expect(found.statusCode).toBe(200);
    const personId = found.json().persons[0].id as string;
    // The officer does not open the case by this role.
    expect((await call(dpo, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(403);

    const log = await call(dpo, 'GET', `/api/persons/${personId}/access-log?pageSize=50`);
    expect(log.statusCode).toBe(200);
    const body = log.json();
    const mine = body.items.filter((i: { actor: { id: string } | null }) => i.actor?.id === manager.id);
    expect(mine[0].actor.office).toBe(b.office.name);
    expect(mine.map((i: { event: string }) => i.event)).toEqual(['case.opened', 'case.break_glass']);
    for (const i of mine) expect(i.why).toMatchObject({ kind: 'break_glass', reason: REASON });
    expect(mine[0].actor.roles).toEqual(['Office manager']);
    const creation = body.items.find((i: { event: string }) => i.event === 'case.created');
    expect(creation).toMatchObject({ caseNumber, why: { kind: 'in_scope', reason: null }, actor: { id: a.users.caseworker.id } });
    expect(await db.selectFrom('audit_event').select('id').where('event', '=', 'person.access_log.viewed').where('actor_id', '=', dpoUser.id).where('entity_id', '=', personId).execute()).toHaveLength(1);

    expect((await call(a.users.caseworker.session, 'GET', `/api/persons/${personId}/access-log`)).statusCode).toBe(403);
    expect((await call(manager.session, 'GET', `/api/persons/${personId}/access-log`)).statusCode).toBe(403);
    // Another organisation's officer does not find the person.
    const other = await officeWith(['caseworker']);
    const otherDpo = await fx.user({ roles: ['data_protection_officer'], organisationId: other.organisationId, officeId: null });
    expect((await call(await login(otherDpo.email, otherDpo.password), 'GET', `/api/persons/${personId}/access-log`)).statusCode).toBe(404);
  });

  it('puts each break-glass access in the officers\' queue until one reviews it', async () => {
    const { caseId, manager, dpo } = await setting();
    const grant = (await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON })).json();
    const queue = (await call(dpo, 'GET', '/api/notifications')).json();
    expect(queue.items).toEqual([expect.objectContaining({ kind: 'break_glass', id: grant.id, caseId: null })]);
    expect((await call(manager.session, 'POST', `/api/break-glass/${grant.id}/review`)).statusCode).toBe(403);
    expect((await call(dpo, 'POST', `/api/break-glass/${grant.id}/review`)).statusCode).toBe(204);
    expect((await call(dpo, 'GET', '/api/notifications')).json().items).toEqual([]);
  });
});
