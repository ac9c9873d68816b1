import { afterAll, describe, expect, it } from 'vitest';
import { householdInput, testApp } from '../../test-support/harness.js';
import { mailBody, testSmtpServer } from '../../test-support/smtp.js';
import { provideJobSender } from '../../platform/jobs.js';
import { breakGlassMailJob, sendBreakGlassMails, sweepBreakGlassMails } from './break-glass-mail.js';

// Homeward sends e-mail here (the route then queues the officers' e-mail); the tests run the job themselves.
const { call, officeWith, db, clock, fx, login } = await testApp({ config: { smtpUrl: 'smtp://127.0.0.1:25' } });

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

describe('the e-mail to the data-protection officers', () => {
  const { received, refuse, port, close } = testSmtpServer();
  afterAll(close);
  const bodyOf = mailBody;

  it('sends one mail per officer with an address, in their language, with the case number and not the reason nor a name; never twice', async () => {
    const { caseId, caseNumber, manager, dpoUser, a } = await setting();
    const mail = { smtpUrl: `smtp://127.0.0.1:${await port}`, from: 'Homeward <homeward@example.org>', dataProtectionUrl: 'https://homeward.example.org/data-protection' };
    const officer = async (language: string, extra: { email?: string; active?: boolean } = {}) => {
      const u = await fx.user({ roles: ['data_protection_officer'], organisationId: a.organisationId, officeId: null });
      await db.updateTable('app_user').set({ preferred_language: language, ...extra }).where('id', '=', u.id).execute();
      return u;
    };
    const french = await officer('fr');
    const arabic = await officer('ar');
    await officer('en', { email: '' });
    const disabled = await officer('en', { active: false });
    const other = await officeWith(['caseworker']);
    const foreign = await fx.user({ roles: ['data_protection_officer'], organisationId: other.organisationId, officeId: null });

    // The grant queues one job for the e-mail, named by the grant's id only.
    const queued: { queue: string; data: object; options?: object }[] = [];
    provideJobSender({ send: async (queue, data = {}, options) => { queued.push({ queue, data, options }); return 'job-1'; } });
    const grant = await (async () => {
      try { return (await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON })).json(); } finally { provideJobSender(null); }
    })();
    expect(queued).toEqual([{ queue: 'cases.break-glass-mail', data: { grantId: grant.id }, options: { singletonKey: grant.id } }]);
    // Without SMTP: nothing sent, nothing fails.
    expect(await sendBreakGlassMails(grant.id, { db, clock, mail: null })).toEqual({ sent: 0, failed: 0 });
    expect(await db.selectFrom('case_break_glass_mail').select('user_id').where('grant_id', '=', grant.id).execute()).toEqual([]);

    expect(await sendBreakGlassMails((queued[0]!.data as { grantId: string }).grantId, { db, clock, mail })).toEqual({ sent: 3, failed: 0 });
    const to = (email: string) => received.filter((r) => r.to === email);
    expect(to(dpoUser.email)).toHaveLength(1);
    expect(to(french.email)).toHaveLength(1);
    expect(to(arabic.email)).toHaveLength(1);
    expect(to(disabled.email)).toEqual([]);
    expect(to(foreign.email)).toEqual([]);
    expect(received.some((r) => r.to === '')).toBe(false);

    const en = bodyOf(to(dpoUser.email)[0]!.raw);
    expect(en).toContain(`Case: ${caseNumber}`);
    const managerName = (await db.selectFrom('app_user').select('name').where('id', '=', manager.id).executeTakeFirstOrThrow()).name;
    expect(en).toContain(`Opened by: ${managerName}`);
    expect(en).toContain(`When: ${grant.grantedAt.slice(0, 16).replace('T', ' ')} UTC`);
    expect(en).toContain('https://homeward.example.org/data-protection');
    expect(bodyOf(to(french.email)[0]!.raw)).toContain(`Dossier: ${caseNumber}`);
    expect(bodyOf(to(french.email)[0]!.raw)).toContain('Ouvert par');
    expect(bodyOf(to(arabic.email)[0]!.raw)).toContain('صفحة حماية البيانات');
    const names = await db.selectFrom('person as p').innerJoin('case_member as m', 'm.person_id', 'p.id').select(['p.given_name', 'p.family_name']).where('m.case_id', '=', caseId).execute();
    expect(names.length).toBeGreaterThan(0);
    for (const r of [to(dpoUser.email)[0]!, to(french.email)[0]!, to(arabic.email)[0]!]) {
      const text = `${r.raw}\n${bodyOf(r.raw)}`;
      expect(text).not.toContain(REASON);
      expect(text).not.toContain('hotline');
      for (const n of names) {
        expect(text).not.toContain(n.given_name);
        expect(text).not.toContain(n.family_name);
      }
    }
    // Again (a repeated job): nothing more.
    const count = received.length;
    expect(await sendBreakGlassMails(grant.id, { db, clock, mail })).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(count);
    expect(await db.selectFrom('case_break_glass_mail').select('status').where('grant_id', '=', grant.id).execute()).toEqual([{ status: 'sent' }, { status: 'sent' }, { status: 'sent' }]);
  });

  it('a refused send fails the job, and its retry sends only the missing mail', async () => {
    const { caseId, manager, dpoUser, a } = await setting();
    const second = await fx.user({ roles: ['data_protection_officer'], organisationId: a.organisationId, officeId: null });
    const mail = { smtpUrl: `smtp://127.0.0.1:${await port}`, from: 'Homeward <homeward@example.org>', dataProtectionUrl: 'https://homeward.example.org/data-protection' };
    const grant = (await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON })).json();
    refuse.add(second.email);
    const logged: string[] = [];
    await expect(breakGlassMailJob(grant.id, { db, clock, mail, log: (m) => logged.push(m) })).rejects.toThrow(/not sent/);
    expect(received.filter((r) => r.to === dpoUser.email)).toHaveLength(1);
    expect(received.filter((r) => r.to === second.email)).toEqual([]);
    // The claim was released; the address is not in the log.
    expect(await db.selectFrom('case_break_glass_mail').select('user_id').where('grant_id', '=', grant.id).execute()).toEqual([{ user_id: dpoUser.id }]);
    expect(logged.join('\n')).not.toContain(second.email);
    // The retry.
    await breakGlassMailJob(grant.id, { db, clock, mail });
    expect(received.filter((r) => r.to === second.email)).toHaveLength(1);
    expect(received.filter((r) => r.to === dpoUser.email)).toHaveLength(1);
  });

  it('a grant whose job never ran is mailed by the sweep, once; an older one or one already mailed is left', async () => {
    const { caseId, manager, dpoUser } = await setting();
    const mail = { smtpUrl: `smtp://127.0.0.1:${await port}`, from: 'Homeward <homeward@example.org>', dataProtectionUrl: 'https://homeward.example.org/data-protection' };
    // Its job lost between the grant's commit and the queue: no claim at all.
    const lost = (await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON })).json();
    const mine = () => received.filter((r) => r.to === dpoUser.email).length;
    const before = mine();
    const swept = await sweepBreakGlassMails({ db, clock, mail });
    expect(swept.sent).toBeGreaterThanOrEqual(1);
    expect(mine()).toBe(before + 1);
    expect(await db.selectFrom('case_break_glass_mail').select('user_id').where('grant_id', '=', lost.id).where('user_id', '=', dpoUser.id).execute()).toHaveLength(1);
    // Again: the claims keep it to one mail, and its own job, should it run late, sends nothing.
    await sweepBreakGlassMails({ db, clock, mail });
    expect(await sendBreakGlassMails(lost.id, { db, clock, mail })).toEqual({ sent: 0, failed: 0 });
    expect(mine()).toBe(before + 1);
    // A grant of more than a day ago is not mailed by the sweep any more (its claims gone, as if never sent).
    await db.deleteFrom('case_break_glass_mail').where('grant_id', '=', lost.id).execute();
    await db.updateTable('case_break_glass').set({ granted_at: new Date(clock.now().getTime() - 25 * 3_600_000) }).where('id', '=', lost.id).execute();
    await sweepBreakGlassMails({ db, clock, mail });
    expect(await db.selectFrom('case_break_glass_mail').select('user_id').where('grant_id', '=', lost.id).execute()).toEqual([]);
    expect(mine()).toBe(before + 1);
    // Without SMTP the sweep does nothing.
    expect(await sweepBreakGlassMails({ db, clock, mail: null })).toEqual({ grants: 0, sent: 0 });
  });
});

describe('the report of break-glass accesses over a period', () => {
  it('lists the organisation\'s grants of the period, newest first, with the reason and the review; officers only; audited', async () => {
    const { a, caseId, caseNumber, manager, dpo, dpoUser } = await setting();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const today = day(clock.now());
    const first = (await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: REASON })).json();
    const second = (await call(manager.session, 'POST', `/api/cases/${caseId}/break-glass`, { reason: `${REASON} Again.` })).json();
    // One of 40 days ago, outside the default period; one of another organisation.
    await db.updateTable('case_break_glass').set({ granted_at: new Date(clock.now().getTime() - 40 * 86_400_000), expires_at: new Date(clock.now().getTime() - 40 * 86_400_000 + 3_600_000) }).where('id', '=', first.id).execute();
    const elsewhere = await setting();
    const foreign = (await call(elsewhere.manager.session, 'POST', `/api/cases/${elsewhere.caseId}/break-glass`, { reason: REASON })).json();
    expect((await call(dpo, 'POST', `/api/break-glass/${second.id}/review`)).statusCode).toBe(204);

    const byDefault = await call(dpo, 'GET', '/api/break-glass');
    expect(byDefault.statusCode, byDefault.body).toBe(200);
    expect(byDefault.json()).toMatchObject({ to: today, total: 1, items: [{ id: second.id, caseNumber, reason: `${REASON} Again.`, openedBy: { id: manager.id }, reviewedBy: expect.any(String) }] });
    expect(byDefault.json().items[0].reviewedAt).not.toBeNull();

    const from = day(new Date(clock.now().getTime() - 45 * 86_400_000));
    const wide = (await call(dpo, 'GET', `/api/break-glass?from=${from}&to=${today}`)).json();
    expect(wide.items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    expect(wide.items[1]).toMatchObject({ reviewedAt: null, reviewedBy: null, openedBy: { office: expect.any(String) } });
    expect(wide.items.map((i: { id: string }) => i.id)).not.toContain(foreign.id);
    const paged = (await call(dpo, 'GET', `/api/break-glass?from=${from}&to=${today}&pageSize=1&page=2`)).json();
    expect(paged).toMatchObject({ total: 2, items: [{ id: first.id }] });
    // Only the period asked.
    const before = day(new Date(clock.now().getTime() - 39 * 86_400_000));
    expect((await call(dpo, 'GET', `/api/break-glass?from=${from}&to=${before}`)).json().items.map((i: { id: string }) => i.id)).toEqual([first.id]);

    const backwards = await call(dpo, 'GET', `/api/break-glass?from=${today}&to=${from}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('BREAK_GLASS_PERIOD_INVALID');
    expect((await call(dpo, 'GET', '/api/break-glass?from=2020-01-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await call(manager.session, 'GET', '/api/break-glass')).statusCode).toBe(403);
    expect((await call(a.users.caseworker.session, 'GET', '/api/break-glass')).statusCode).toBe(403);
    expect((await call(elsewhere.dpo, 'GET', '/api/break-glass')).json().items.map((i: { id: string }) => i.id)).toEqual([foreign.id]);

    const viewed = await db.selectFrom('audit_event').select(['details']).where('event', '=', 'case.break_glass.report_viewed').where('actor_id', '=', dpoUser.id).orderBy('id').execute();
    expect(viewed[0]!.details).toEqual({ from: day(new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000)), to: today, page: 1 });
    expect(viewed).toHaveLength(4);
  });
});
