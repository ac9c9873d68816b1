import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { testSmtpServer } from '../../test-support/smtp.js';
import { sendMonitoringReminders, sendReminderMails } from './index.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

const team = await officeWith(['caseworker', 'office_manager', 'monitoring_officer', 'reintegration_officer', 'programme_manager'], { country: 'BE' });
const cw = team.users.caseworker.session;
const om = team.users.office_manager.session;
const mo = team.users.monitoring_officer.session;
const ro = team.users.reintegration_officer.session;
const pm = team.users.programme_manager.session;
const moId = team.users.monitoring_officer.id;
const colleague = await t.fx.user({ roles: ['monitoring_officer'], organisationId: team.organisationId, officeId: team.office.id });
const colleagueSession = await t.login(colleague.email, colleague.password);

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const code = (res: { json: () => { error?: { code: string } } }) => res.json().error?.code;
async function register() {
  const c = ok(await call(cw, 'POST', '/api/cases', householdInput()), 201).json();
  await db.updateTable('return_case').set({ owner_id: moId }).where('id', '=', c.id).execute();
  return c.id as string;
}
const setStage = (id: string, stage: string) => db.updateTable('return_case').set({ stage }).where('id', '=', id).execute();
const monitoring = (s: Session, id: string) => call(s, 'GET', `/api/cases/${id}/monitoring`);
const latest = async () => {
  const list = (await call(pm, 'GET', '/api/monitoring/instruments')).json().items as { key: string; versions: { id: string; number: number; status: string }[] }[];
  return list.find((i) => i.key === DEFAULT_INSTRUMENT_KEY)!.versions.filter((v) => v.status === 'published').sort((a, b) => b.number - a.number)[0]!.id;
};
/** Fires economic_low? no: a low psychosocial dimension, `distress` and `migrate_again` fire a referral and tasks. */
const ANSWERS = { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 2, food: 's1', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's3' };

/** A case in monitoring with a recorded visit whose triggers made follow-ups of the monitoring officer. */
async function caseWithFollowUps() {
  const id = await register();
  await setStage(id, 'monitoring');
  const m = ok(await monitoring(mo, id)).json();
  const visit = m.visits.find((v: { status: string }) => v.status === 'planned');
  const saved = ok(await call(mo, 'PUT', `/api/monitoring/visits/${visit.id}`, { method: 'phone', visitedOn: '2026-03-02', outcome: 'reached', instrumentVersionId: await latest(), answers: ANSWERS }, { 'if-match': `"${visit.id}.${visit.version}"` })).json();
  type F = { id: string; caseId: string; kind: string; version: number; dueOn: string; status: string; ownerId: string };
  const followUps = saved.followUps as F[];
  return { id, task: followUps.find((f) => f.kind === 'follow_up_task')!, referral: followUps.find((f) => f.kind === 'referral')! };
}
const etag = (f: { id: string; version: number }) => ({ 'if-match': `"${f.id}.${f.version}"` });

describe('follow-ups', () => {
  it('are marked done once by their owner with the outcome, audited; a second done is a 409', async () => {
    const { id, task } = await caseWithFollowUps();
    expect(task).toMatchObject({ status: 'open', version: 1, ownerId: moId });
    const url = `/api/monitoring/follow-ups/${task.id}/completion`;
    expect((await call(mo, 'POST', url, { outcomeNote: 'Called.' })).statusCode).toBe(428);
    expect((await call(mo, 'POST', url, {}, etag(task))).statusCode).toBe(400);
    // A task names no provider.
    expect(code(await call(mo, 'POST', url, { outcomeNote: 'Called.', protectionMeasure: 'Shelter' }, etag(task)))).toBe('MONITORING_REFERRAL_INCOMPLETE');
    const done = ok(await call(mo, 'POST', url, { outcomeNote: 'Called: plans to stay, looking for work.' }, etag(task)));
    expect(done.headers.etag).toBe(`"${task.id}.2"`);
    expect(done.json()).toMatchObject({ status: 'done', outcomeNote: 'Called: plans to stay, looking for work.', doneByName: expect.any(String), version: 2 });
    expect(code(await call(mo, 'POST', url, { outcomeNote: 'Again.' }, { 'if-match': done.headers.etag as string }))).toBe('MONITORING_FOLLOW_UP_DONE');
    expect((await call(mo, 'POST', url, { outcomeNote: 'Again.' }, { 'if-match': done.headers.etag as string })).statusCode).toBe(409);
    const ev = await db.selectFrom('audit_event').select(['after']).where('case_id', '=', id).where('event', '=', 'monitoring.follow_up.done').execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]!.after).toMatchObject({ status: 'done', outcomeNote: 'Called: plans to stay, looking for work.' });
    const shown = ok(await monitoring(mo, id)).json().followUps.find((f: { id: string }) => f.id === task.id);
    expect(shown).toMatchObject({ status: 'done', version: 2 });
  });

  it('a referral is done with the provider referred to from the registry, or a protection measure', async () => {
    const { referral } = await caseWithFollowUps();
    const url = `/api/monitoring/follow-ups/${referral.id}/completion`;
    expect(code(await call(mo, 'POST', url, { outcomeNote: 'Referred.' }, etag(referral)))).toBe('MONITORING_REFERRAL_INCOMPLETE');
    const provider = await db.insertInto('service_provider').values({
      office_id: team.office.id, name: 'Counselling centre', kind: 'clinic', country_code: 'IQ', place: 'Erbil', created_by: team.users.caseworker.id, created_at: new Date(), updated_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    const done = ok(await call(mo, 'POST', url, { outcomeNote: 'Referred for counselling.', referredProviderId: provider.id }, etag(referral))).json();
    expect(done).toMatchObject({ status: 'done', referredProviderId: provider.id, referredProviderName: 'Counselling centre', protectionMeasure: null });

    const other = (await caseWithFollowUps()).referral;
    const measure = ok(await call(mo, 'POST', `/api/monitoring/follow-ups/${other.id}/completion`, { outcomeNote: 'Placed in a shelter.', protectionMeasure: 'Temporary shelter' }, etag(other))).json();
    expect(measure).toMatchObject({ protectionMeasure: 'Temporary shelter', referredProviderId: null });
  });

  it('only the owner or a manager of the case’s office changes one; reassigned within the office, rescheduled with a reason', async () => {
    const { id, task, referral } = await caseWithFollowUps();
    // Another monitoring officer of the office: not theirs.
    expect(code(await call(colleagueSession, 'POST', `/api/monitoring/follow-ups/${task.id}/completion`, { outcomeNote: 'x' }, etag(task)))).toBe('MONITORING_FOLLOW_UP_NOT_YOURS');
    // Reassigned to the colleague: an officer of the office who records visits; a caseworker is refused.
    expect(code(await call(mo, 'PUT', `/api/monitoring/follow-ups/${task.id}/owner`, { ownerId: team.users.caseworker.id }, etag(task)))).toBe('MONITORING_OWNER_INVALID');
    const officers = ok(await call(mo, 'GET', `/api/cases/${id}/monitoring/officers`)).json().items.map((u: { id: string }) => u.id);
    expect(officers).toEqual(expect.arrayContaining([moId, colleague.id]));
    expect(officers).not.toContain(team.users.caseworker.id);
    const moved = ok(await call(mo, 'PUT', `/api/monitoring/follow-ups/${task.id}/owner`, { ownerId: colleague.id }, etag(task))).json();
    expect(moved).toMatchObject({ ownerId: colleague.id, version: 2 });
    // Now the former owner may not; stale If-Match: 412.
    expect(code(await call(mo, 'PUT', `/api/monitoring/follow-ups/${task.id}/due-date`, { dueOn: '2026-04-01', reason: 'x' }, etag(moved)))).toBe('MONITORING_FOLLOW_UP_NOT_YOURS');
    expect((await call(colleagueSession, 'PUT', `/api/monitoring/follow-ups/${task.id}/due-date`, { dueOn: '2026-04-01', reason: 'x' }, etag(task))).statusCode).toBe(412);
    expect((await call(colleagueSession, 'PUT', `/api/monitoring/follow-ups/${task.id}/due-date`, { dueOn: '2026-04-01' }, etag(moved))).statusCode).toBe(400);
    const later = ok(await call(colleagueSession, 'PUT', `/api/monitoring/follow-ups/${task.id}/due-date`, { dueOn: '2026-04-01', reason: 'The returnee travels until March.' }, etag(moved))).json();
    expect(later).toMatchObject({ dueOn: '2026-04-01', dueChangeReason: 'The returnee travels until March.', version: 3 });
    const ev = await db.selectFrom('audit_event').select(['event', 'details']).where('entity_id', '=', task.id).orderBy('id').execute();
    expect(ev.map((e) => e.event)).toEqual(['monitoring.follow_up.created', 'monitoring.follow_up.reassigned', 'monitoring.follow_up.rescheduled']);
    // The office manager (case.close) may complete anyone's.
    ok(await call(om, 'POST', `/api/monitoring/follow-ups/${referral.id}/completion`, { outcomeNote: 'Closed by the manager.', protectionMeasure: 'Safety plan' }, etag(referral)));
    // A caseworker holds neither permission.
    expect((await call(cw, 'POST', `/api/monitoring/follow-ups/${task.id}/completion`, { outcomeNote: 'x' }, etag(later))).statusCode).toBe(403);
  });

  it('are out of reach outside the actor’s scope (404), and listed on the worklist, overdue oldest first', async () => {
    const { task } = await caseWithFollowUps();
    const elsewhere = await officeWith(['monitoring_officer', 'office_manager'], { organisationId: team.organisationId });
    expect((await call(elsewhere.users.office_manager.session, 'POST', `/api/monitoring/follow-ups/${task.id}/completion`, { outcomeNote: 'x' }, etag(task))).statusCode).toBe(404);
    expect((await call(elsewhere.users.monitoring_officer.session, 'POST', `/api/monitoring/follow-ups/${task.id}/completion`, { outcomeNote: 'x' }, etag(task))).statusCode).toBe(404);
    expect(ok(await call(elsewhere.users.monitoring_officer.session, 'GET', '/api/monitoring/worklist?scope=office')).json().followUps.map((f: { id: string }) => f.id)).not.toContain(task.id);

    await db.updateTable('monitoring_follow_up').set({ due_on: '2026-03-05' }).where('case_id', '=', task.caseId).execute();
    await db.updateTable('monitoring_follow_up').set({ due_on: '2026-01-20' }).where('id', '=', task.id).execute();
    const w = ok(await call(mo, 'GET', '/api/monitoring/worklist?scope=mine')).json();
    expect(w.followUps.length).toBeGreaterThan(1);
    expect(w.followUps[0]).toMatchObject({ id: task.id, overdue: true, dueOn: '2026-01-20' });
    expect(w.followUps.find((f: { caseId: string; id: string }) => f.caseId === task.caseId && f.id !== task.id)).toMatchObject({ overdue: false, dueOn: '2026-03-05' });
    const dues = w.followUps.map((f: { dueOn: string }) => f.dueOn);
    expect(dues).toEqual([...dues].sort());
    // Done: off the worklist.
    ok(await call(mo, 'POST', `/api/monitoring/follow-ups/${task.id}/completion`, { outcomeNote: 'Done.' }, etag(task)));
    expect(ok(await call(mo, 'GET', '/api/monitoring/worklist?scope=mine')).json().followUps.map((f: { id: string }) => f.id)).not.toContain(task.id);
  });
});

describe('the arrival assessment', () => {
  it('is recorded once on an arrived case, scored exactly like a visit, with its weakest dimension; replaced only with a reason', async () => {
    const id = await register();
    const version = await latest();
    const body = { assessedOn: '2026-03-01', instrumentVersionId: version, answers: ANSWERS };
    expect(code(await call(mo, 'POST', `/api/cases/${id}/arrival-assessment`, body))).toBe('MONITORING_ARRIVAL_STAGE_INVALID');
    expect(ok(await call(ro, 'GET', `/api/cases/${id}/arrival-assessment`)).json()).toMatchObject({ assessment: null, canRecord: false, survey: null });
    await setStage(id, 'arrived');
    const before = ok(await call(ro, 'GET', `/api/cases/${id}/arrival-assessment`)).json();
    expect(before).toMatchObject({ assessment: null, canRecord: true, survey: { id: version } });
    expect(code(await call(ro, 'POST', `/api/cases/${id}/arrival-assessment`, { ...body, answers: { ...ANSWERS, food: 'nope' } }))).toBe('MONITORING_ANSWER_INVALID');

    // The reintegration officer records it: the same scores as the instrument's scoring test.
    const saved = ok(await call(ro, 'POST', `/api/cases/${id}/arrival-assessment`, body), 201);
    const scored = ok(await call(mo, 'POST', `/api/monitoring/instrument-versions/${version}/score`, { answers: ANSWERS })).json();
    const a = saved.json();
    expect(a.scores).toEqual({ indicators: scored.indicators, dimensions: scored.dimensions, composite: scored.composite, triggers: scored.triggers });
    const lowest = scored.dimensions.filter((d: { score: string | null }) => d.score).sort((x: { score: string }, y: { score: string }) => Number(x.score) - Number(y.score))[0].key;
    expect(a).toMatchObject({ weakestDimension: lowest, assessedOn: '2026-03-01', versionNumber: expect.any(Number), replaceReason: null, version: 1 });
    expect(a.scores.indicators.find((i: { key: string }) => i.key === 'income_sources').score).toBe('0.7500');
    // Once: a second is a 409; replaced with a reason (If-Match), the old one kept.
    expect(code(await call(mo, 'POST', `/api/cases/${id}/arrival-assessment`, body))).toBe('MONITORING_ARRIVAL_ASSESSMENT_EXISTS');
    const replaceUrl = `/api/monitoring/arrival-assessments/${a.id}`;
    expect((await call(mo, 'PUT', replaceUrl, body, { 'if-match': saved.headers.etag as string })).statusCode).toBe(400);
    const better = { ...ANSWERS, distress: 'no', psychosocial_support: 'yes' };
    const replaced = ok(await call(mo, 'PUT', replaceUrl, { ...body, answers: better, reason: 'The first interview was interpreted badly.' }, { 'if-match': saved.headers.etag as string })).json();
    expect(replaced).toMatchObject({ replaceReason: 'The first interview was interpreted badly.', answers: better });
    expect((await call(mo, 'PUT', replaceUrl, { ...body, reason: 'again' }, { 'if-match': saved.headers.etag as string })).statusCode).toBe(409);
    expect(ok(await call(ro, 'GET', `/api/cases/${id}/arrival-assessment`)).json().assessment.id).toBe(replaced.id);
    expect(await db.selectFrom('monitoring_arrival_assessment').select('id').where('case_id', '=', id).execute()).toHaveLength(2);
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', id).where('event', 'like', 'monitoring.arrival_assessment.%').orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['monitoring.arrival_assessment.recorded', 'monitoring.arrival_assessment.replaced']);
    // Scope: another office's officer does not find the case; a programme manager holds no permission for it.
    const elsewhere = await officeWith(['monitoring_officer'], { organisationId: team.organisationId });
    expect((await call(elsewhere.users.monitoring_officer.session, 'GET', `/api/cases/${id}/arrival-assessment`)).statusCode).toBe(404);
    expect((await call(pm, 'GET', `/api/cases/${id}/arrival-assessment`)).statusCode).toBe(403);
  });
});

describe('reminder e-mails', () => {
  const { received, port, close } = testSmtpServer();
  afterAll(close);

  it('are one mail a day per officer, by case reference only, with the worklist link; a second run sends nothing', async () => {
    const { id } = await caseWithFollowUps();
    const c = await db.selectFrom('return_case').select('case_number').where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('monitoring_follow_up').set({ due_on: '2026-03-04' }).where('case_id', '=', id).execute();
    // Without SMTP: nothing sent, nothing fails.
    expect(await sendReminderMails(db, clock, null)).toEqual({ sent: 0, failed: 0 });
    // A user without an address is skipped.
    await db.updateTable('app_user').set({ email: '' }).where('id', '=', colleague.id).execute();
    await db.updateTable('monitoring_follow_up').set({ owner_id: colleague.id }).where('case_id', '=', id).where('kind', '=', 'referral').execute();
    await sendMonitoringReminders(db, clock);
    const mail = { smtpUrl: `smtp://127.0.0.1:${await port}`, from: 'Homeward <homeward@example.org>', worklistUrl: 'https://homeward.example.org/monitoring' };
    const first = await sendReminderMails(db, clock, mail);
    expect(first.failed).toBe(0);
    expect(first.sent).toBeGreaterThan(0);
    const mine = received.filter((r) => r.to === team.users.monitoring_officer.email);
    expect(mine).toHaveLength(1);
    const raw = mine[0]!.raw.replace(/=\r?\n/g, '');
    expect(raw).toContain(c.case_number);
    expect(raw).toContain('https://homeward.example.org/monitoring');
    expect(raw).toContain('follow-up task');
    // No names of the household, no trigger labels (they say what the returnee told).
    const names = await db.selectFrom('person as p').innerJoin('case_member as m', 'm.person_id', 'p.id').select(['p.given_name', 'p.family_name']).where('m.case_id', '=', id).execute();
    for (const n of names) {
      expect(raw).not.toContain(n.given_name);
      expect(raw).not.toContain(n.family_name);
    }
    expect(raw).not.toContain('Distress');
    expect(received.some((r) => r.to === '')).toBe(false);
    const count = received.length;
    // The same day again: nothing.
    expect(await sendReminderMails(db, clock, mail)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(count);
    expect(await db.selectFrom('monitoring_reminder_mail').select(['status']).where('user_id', '=', moId).execute()).toEqual([{ status: 'sent' }]);
  });
});
