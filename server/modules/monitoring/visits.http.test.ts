import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITION, DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { runRescoreJobs, sendMonitoringReminders } from './index.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

const team = await officeWith(['caseworker', 'office_manager', 'monitoring_officer', 'programme_manager'], { country: 'BE' });
const cw = team.users.caseworker.session;
const om = team.users.office_manager.session;
const mo = team.users.monitoring_officer.session;
const pm = team.users.programme_manager.session;
const moId = team.users.monitoring_officer.id;

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
async function register() {
  const c = ok(await call(cw, 'POST', '/api/cases', householdInput()), 201).json();
  return { id: c.id as string, members: c.members.map((m: { person: { id: string } }) => m.person.id) as string[] };
}
const setStage = (id: string, stage: string) => db.updateTable('return_case').set({ stage }).where('id', '=', id).execute();
const planEtag = async (id: string) => (await call(cw, 'GET', `/api/cases/${id}/reintegration-plan`)).headers.etag as string;
const monitoring = (s: Session, id: string) => call(s, 'GET', `/api/cases/${id}/monitoring`);

/** A case walked through its plan: drafted before departure, arrived on 2026-02-20, approved: it enters reintegration. */
async function caseInReintegration(projectId: string | null = null) {
  const { id, members } = await register();
  if (projectId) await db.updateTable('return_case').set({ project_id: projectId }).where('id', '=', id).execute();
  await db.updateTable('return_case').set({ owner_id: moId }).where('id', '=', id).execute();
  await setStage(id, 'travel_preparation');
  ok(await call(cw, 'POST', `/api/cases/${id}/reintegration-plan/components`, {
    type: 'cash_allowance', description: 'Allowance.', memberIds: members, amountMinor: 500_000_000, currency: 'IQD', startsOn: '2026-03-10', endsOn: '2026-05-10',
  }, { 'if-match': await planEtag(id) }), 201);
  const att = await db.insertInto('case_attachment').values({
    case_id: id, file_name: 'plan.pdf', content_type: 'application/pdf', size_bytes: 4, sha256: 'x', description: null, content: Buffer.from('%PDF'), uploaded_by: team.users.caseworker.id,
  }).returning('id').executeTakeFirstOrThrow();
  ok(await call(cw, 'PUT', `/api/cases/${id}/reintegration-plan/agreement`, { agreedOn: '2026-03-01', attachmentId: att.id, language: 'ar' }, { 'if-match': await planEtag(id) }));
  await setStage(id, 'arrived');
  await db.insertInto('arrival').values({ case_id: id, arrived_on: '2026-02-20', place: 'Erbil', received_by_user_id: null, received_by_name: 'Reception desk', recorded_by: team.users.caseworker.id, recorded_at: new Date() }).execute();
  ok(await call(om, 'POST', `/api/cases/${id}/reintegration-plan/approval`, { entitlementOverrideReason: 'No eligibility check in this test.' }, { 'if-match': await planEtag(id) }));
  const plan = (await call(cw, 'GET', `/api/cases/${id}/reintegration-plan`)).json();
  return { id, componentKey: plan.approved.components[0].key as string };
}

const instrument = async () => {
  const list = (await call(pm, 'GET', '/api/monitoring/instruments')).json().items as { id: string; key: string; versions: { id: string; number: number; status: string }[] }[];
  return list.find((i) => i.key === DEFAULT_INSTRUMENT_KEY)!;
};
const v1 = async () => (await instrument()).versions.find((v) => v.number === 1)!.id;

/** Answers scoring as in the instrument's own test: a low psychosocial dimension and `migrate_again` fire triggers. */
const ANSWERS = { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 2, food: 's1', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's3' };

async function record(visit: { id: string; version: number }, body: Record<string, unknown>) {
  return call(mo, 'PUT', `/api/monitoring/visits/${visit.id}`, body, { 'if-match': `"${visit.id}.${visit.version}"` });
}
const planned = (m: { visits: { status: string; slot: number; id: string; version: number; plannedOn: string }[] }) => m.visits.filter((v) => v.status === 'planned');

describe('schedules', () => {
  it('are made from the project’s settings when the plan starts reintegration, and from the default without them', async () => {
    const project = ok(await call(pm, 'POST', '/api/projects', {
      code: `M-${randomUUID().slice(0, 8)}`, name: 'Returns', donors: [], hostCountries: ['BE'], returnCountries: ['IQ'], startsOn: '2020-01-01', endsOn: '2035-12-31', budgetMinor: null, currency: 'EUR', status: 'active',
    }), 201).json();
    const before = ok(await call(pm, 'GET', `/api/projects/${project.id}/monitoring-schedule`)).json();
    expect(before).toMatchObject({ anchor: 'arrival', offsetsMonths: [3, 6, 12], isDefault: true, version: 0 });
    // Offsets must rise; nothing stored when refused. Without If-Match: 428.
    expect((await call(pm, 'PUT', `/api/projects/${project.id}/monitoring-schedule`, { anchor: 'arrival', offsetsMonths: [6, 2] }, { 'if-match': `"${project.id}.0"` })).statusCode).toBe(400);
    expect((await call(pm, 'PUT', `/api/projects/${project.id}/monitoring-schedule`, { anchor: 'arrival', offsetsMonths: [2, 8] })).statusCode).toBe(428);
    expect((await call(mo, 'PUT', `/api/projects/${project.id}/monitoring-schedule`, { anchor: 'arrival', offsetsMonths: [2, 8] }, { 'if-match': `"${project.id}.0"` })).statusCode).toBe(403);
    const set = ok(await call(pm, 'PUT', `/api/projects/${project.id}/monitoring-schedule`, { anchor: 'arrival', offsetsMonths: [2, 8] }, { 'if-match': `"${project.id}.0"` })).json();
    expect(set).toMatchObject({ offsetsMonths: [2, 8], isDefault: false, version: 1 });

    const { id } = await caseInReintegration(project.id);
    // Made in the approval's transaction, audited.
    const made = await db.selectFrom('monitoring_schedule').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(made).toMatchObject({ anchor: 'arrival', anchor_date: '2026-02-20', offsets_months: [2, 8], source: 'project' });
    const m = ok(await monitoring(mo, id)).json();
    expect(planned(m).map((v) => [v.slot, v.plannedOn])).toEqual([[1, '2026-04-20'], [2, '2026-10-20']]);
    expect(await db.selectFrom('audit_event').select('event').where('case_id', '=', id).where('event', '=', 'monitoring.schedule.created').execute()).toHaveLength(1);

    const other = await caseInReintegration();
    const d = ok(await monitoring(mo, other.id)).json();
    expect(d).toMatchObject({ source: 'default', offsetsMonths: [3, 6, 12] });
    expect(planned(d).map((v) => v.plannedOn)).toEqual(['2026-05-20', '2026-08-20', '2027-02-20']);
  });

  it('is made when first needed for a case moved into monitoring otherwise, and never for a case before reintegration', async () => {
    const { id } = await register();
    expect((await monitoring(mo, id)).json().error.code).toBe('MONITORING_STAGE_INVALID');
    await setStage(id, 'monitoring');
    const m = ok(await monitoring(mo, id)).json();
    expect(m.visits).toHaveLength(3);
    // Read twice: still one schedule.
    ok(await monitoring(mo, id));
    expect(await db.selectFrom('monitoring_visit').select('id').where('case_id', '=', id).execute()).toHaveLength(3);
  });

  it('is changed per case with a reason, audited; visited slots are not planned again', async () => {
    const { id } = await caseInReintegration();
    const m = ok(await monitoring(mo, id));
    expect((await call(mo, 'PUT', `/api/cases/${id}/monitoring/schedule`, { anchor: 'arrival', anchorDate: '2026-03-01', offsetsMonths: [1, 4] }, { 'if-match': m.headers.etag as string })).statusCode).toBe(400);
    const changed = ok(await call(mo, 'PUT', `/api/cases/${id}/monitoring/schedule`, { anchor: 'arrival', anchorDate: '2026-03-01', offsetsMonths: [1, 4], reason: 'The returnee moves in June.' }, { 'if-match': m.headers.etag as string })).json();
    expect(changed).toMatchObject({ source: 'changed', changeReason: 'The returnee moves in June.', offsetsMonths: [1, 4] });
    expect(planned(changed).map((v) => v.plannedOn)).toEqual(['2026-04-01', '2026-07-01']);
    const ev = await db.selectFrom('audit_event').select(['details', 'before']).where('case_id', '=', id).where('event', '=', 'monitoring.schedule.changed').executeTakeFirstOrThrow();
    expect(ev.details).toEqual({ reason: 'The returnee moves in June.' });
    // Stale: 412.
    expect((await call(mo, 'PUT', `/api/cases/${id}/monitoring/schedule`, { anchor: 'arrival', anchorDate: '2026-03-01', offsetsMonths: [2], reason: 'x' }, { 'if-match': m.headers.etag as string })).statusCode).toBe(412);
  });
});

describe('visits', () => {
  it('are saved with the raw answers and exact scores; fired triggers become follow-up tasks and referrals of the officer, due in 7 days', async () => {
    const { id, componentKey } = await caseInReintegration();
    const m = ok(await monitoring(mo, id)).json();
    const visit = planned(m)[0]!;
    const version = await v1();
    const base = { method: 'on_site', visitedOn: '2026-03-02', outcome: 'reached', componentUse: [{ componentKey, use: 'partially' }], nextSteps: 'Call in a month.', sensitiveNotes: 'Fears a creditor.' };

    // Bad input is refused, nothing stored.
    expect((await record(visit, { ...base, componentUse: [{ componentKey: 'nope', use: 'in_use' }] })).json().error.code).toBe('MONITORING_COMPONENT_UNKNOWN');
    const refused = await record(visit, { ...base, instrumentVersionId: version, answers: { ...ANSWERS, food: 'nope' } });
    expect(refused.json().error.code, refused.body).toBe('MONITORING_ANSWER_INVALID');
    expect((await record(visit, { ...base, answers: ANSWERS })).statusCode).toBe(400);
    expect((await record(visit, { ...base, outcome: 'not_reached' })).statusCode).toBe(400);
    expect((await call(mo, 'PUT', `/api/monitoring/visits/${visit.id}`, base)).statusCode).toBe(428);
    expect((await db.selectFrom('monitoring_visit').select('status').where('id', '=', visit.id).executeTakeFirstOrThrow()).status).toBe('planned');

    const saved = ok(await record(visit, { ...base, instrumentVersionId: version, answers: ANSWERS })).json();
    const v = saved.visits.find((x: { id: string }) => x.id === visit.id);
    expect(v).toMatchObject({ status: 'recorded', outcome: 'reached', method: 'on_site', answers: ANSWERS, instrumentVersionId: version, componentUse: [{ componentKey, use: 'partially' }], sensitiveNotes: 'Fears a creditor.' });
    // The same figures as the scoring test of the instrument (shared/monitoring): exact, four decimals.
    const scored = ok(await call(mo, 'POST', `/api/monitoring/instrument-versions/${version}/score`, { answers: ANSWERS })).json();
    expect(v.scores).toHaveLength(1);
    expect(v.scores[0]).toMatchObject({ versionId: version, versionNumber: 1, composite: scored.composite, dimensions: scored.dimensions, indicators: scored.indicators, rescored: false });
    expect(v.scores[0].indicators.find((i: { key: string }) => i.key === 'income_sources').score).toBe('0.7500');
    expect(scored.triggers.length).toBeGreaterThan(0);

    // One follow-up per fired trigger, owned by the officer, due 7 days after recording.
    expect(saved.followUps.map((f: { triggerKey: string }) => f.triggerKey).sort()).toEqual(scored.triggers.map((x: { key: string }) => x.key).sort());
    for (const f of saved.followUps) {
      expect(f).toMatchObject({ ownerId: moId, dueOn: '2026-03-09', status: 'open', visitId: visit.id });
      const trig = DEFAULT_DEFINITION.triggers.find((x) => x.key === f.triggerKey)!;
      expect(f.kind).toBe(trig.action);
      expect(f.label).toEqual(trig.label);
    }
    // Recorded once: a second time is refused.
    expect((await record({ id: visit.id, version: v.version }, base)).json().error.code).toBe('MONITORING_VISIT_RECORDED');
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', id).where('event', 'like', 'monitoring.%').execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['monitoring.visit.recorded', 'monitoring.follow_up.created']));

    // Sensitive notes: absent for a reader without the right from another office; the recorder's office reads them.
    const elsewhere = await officeWith(['monitoring_officer'], { organisationId: team.organisationId });
    const outsider = elsewhere.users.monitoring_officer.session;
    await db.updateTable('return_case').set({ origin_office_id: elsewhere.office.id }).where('id', '=', id).execute();
    const seen = ok(await monitoring(outsider, id)).json().visits.find((x: { id: string }) => x.id === visit.id);
    expect(seen).not.toHaveProperty('sensitiveNotes');
    expect(seen.scores).toHaveLength(1);
  });

  it('flags the case lost to follow-up after three times not reached in a row, audited, with no visit planned after', async () => {
    const { id } = await caseInReintegration();
    const notReached = { method: 'phone', visitedOn: '2026-03-02', outcome: 'not_reached', notReachedReason: 'no_answer' };
    for (let i = 0; i < 2; i += 1) {
      const m = ok(await monitoring(mo, id)).json();
      ok(await record(planned(m)[0]!, notReached));
    }
    let m = ok(await monitoring(mo, id)).json();
    expect(m.lostToFollowUpAt).toBeNull();
    // Each attempt not reached plans the next for the same slot a week later.
    expect(planned(m).map((v) => [v.slot, v.plannedOn])).toEqual([[1, '2026-03-09'], [2, '2026-08-20'], [3, '2027-02-20']]);
    ok(await record(planned(m)[0]!, notReached));
    m = ok(await monitoring(mo, id)).json();
    expect(m.lostToFollowUpAt).not.toBeNull();
    expect(planned(m)).toEqual([]);
    expect(await db.selectFrom('audit_event').select('event').where('case_id', '=', id).where('event', '=', 'monitoring.case.lost_to_follow_up').execute()).toHaveLength(1);
  });
});

describe('re-scoring', () => {
  it('scores a visit again under a newer version, one visit or a cohort in the background with its progress, and keeps both scores', async () => {
    const inst = await instrument();
    const version1 = await v1();
    const cases = [await caseInReintegration(), await caseInReintegration()];
    const visitIds: string[] = [];
    for (const c of cases) {
      const visit = planned(ok(await monitoring(mo, c.id)).json())[0]!;
      ok(await record(visit, { method: 'phone', visitedOn: '2026-03-02', outcome: 'reached', instrumentVersionId: version1, answers: ANSWERS }));
      visitIds.push(visit.id);
    }
    // Version 2 weighs the economic dimension double.
    const edited = structuredClone(DEFAULT_DEFINITION);
    edited.dimensions[0]!.weight = 2;
    const existingDraft = inst.versions.find((v) => v.status === 'draft');
    let draftId = existingDraft?.id;
    if (!draftId) draftId = ok(await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, { definition: edited }), 201).json().id;
    const current = await call(pm, 'GET', `/api/monitoring/instrument-versions/${draftId}`);
    const published = ok(await call(pm, 'POST', `/api/monitoring/instrument-versions/${draftId}/publish`, undefined, { 'if-match': current.headers.etag as string })).json();
    const version2 = published.id as string;

    // Not newer: refused.
    expect((await call(mo, 'POST', `/api/monitoring/visits/${visitIds[0]}/scores`, { instrumentVersionId: version1 })).json().error.code).toBe('MONITORING_VERSION_NOT_NEWER');
    const one = ok(await call(mo, 'POST', `/api/monitoring/visits/${visitIds[0]}/scores`, { instrumentVersionId: version2 }), 201).json();
    const scores = one.visits.find((v: { id: string }) => v.id === visitIds[0]).scores;
    const expected2 = ok(await call(mo, 'POST', `/api/monitoring/instrument-versions/${version2}/score`, { answers: ANSWERS })).json();
    const expected1 = ok(await call(mo, 'POST', `/api/monitoring/instrument-versions/${version1}/score`, { answers: ANSWERS })).json();
    expect(scores.map((s: { versionNumber: number; composite: string; rescored: boolean }) => [s.versionNumber, s.composite, s.rescored]))
      .toEqual([[1, expected1.composite, false], [published.number, expected2.composite, true]]);

    // The cohort: every visit answered under version 1, worked by the job; progress done/total.
    expect((await call(mo, 'POST', '/api/monitoring/rescore-jobs', { fromVersionId: version1, toVersionId: version2 })).statusCode).toBe(403);
    const job = ok(await call(pm, 'POST', '/api/monitoring/rescore-jobs', { fromVersionId: version1, toVersionId: version2 }, { 'idempotency-key': 'rescore-1' }), 201).json();
    expect(job).toMatchObject({ status: 'queued', done: 0 });
    expect(job.total).toBeGreaterThanOrEqual(2);
    expect(await runRescoreJobs(db, clock, 1)).toBe(job.id);
    const finished = ok(await call(pm, 'GET', `/api/monitoring/rescore-jobs/${job.id}`)).json();
    expect(finished).toMatchObject({ status: 'done', refused: 0 });
    // The visit already re-scored is not scored twice; the other one now has both.
    expect(finished.done).toBe(job.total - 1);
    const second = ok(await monitoring(mo, cases[1]!.id)).json().visits.find((v: { id: string }) => v.id === visitIds[1]);
    expect(second.scores.map((s: { versionNumber: number }) => s.versionNumber)).toEqual([1, published.number]);
    expect(await runRescoreJobs(db, clock)).toBeNull();
  });
});

describe('worklists, reminders and closing', () => {
  it('closes the case only after its last scheduled visit, with a summary', async () => {
    const { id } = await caseInReintegration();
    await setStage(id, 'monitoring');
    const summary = { summary: 'Business running; no further support needed.' };
    let m = ok(await monitoring(om, id));
    expect(m.json().canClose).toBe(false);
    expect((await call(om, 'POST', `/api/cases/${id}/monitoring/closing`, summary, { 'if-match': m.headers.etag as string })).json().error.code).toBe('MONITORING_VISITS_OPEN');
    expect((await call(mo, 'POST', `/api/cases/${id}/monitoring/closing`, summary, { 'if-match': m.headers.etag as string })).statusCode).toBe(403);
    for (;;) {
      const next = planned(ok(await monitoring(mo, id)).json())[0];
      if (!next) break;
      ok(await record(next, { method: 'office', visitedOn: '2026-03-02', outcome: 'reached' }));
    }
    m = ok(await monitoring(om, id));
    expect(m.json().canClose).toBe(true);
    expect((await call(om, 'POST', `/api/cases/${id}/monitoring/closing`, {}, { 'if-match': m.headers.etag as string })).statusCode).toBe(400);
    const closed = ok(await call(om, 'POST', `/api/cases/${id}/monitoring/closing`, summary, { 'if-match': m.headers.etag as string })).json();
    expect(closed).toMatchObject({ stage: 'closed', closingSummary: summary.summary });
    const move = await db.selectFrom('stage_transition').select(['from_stage', 'to_stage', 'reason']).where('case_id', '=', id).where('to_stage', '=', 'closed').executeTakeFirstOrThrow();
    expect(move).toMatchObject({ from_stage: 'monitoring', to_stage: 'closed', reason: summary.summary });
  });
  it('lists due and overdue visits of the officer and the office, and reminds once per visit and day however often the job runs', async () => {
    const { id } = await caseInReintegration();
    // Move the clock to a week before the first visit (2026-05-20), then past it (signing in again: sessions end when idle).
    clock.advance(Date.parse('2026-05-15T06:00:00Z') - clock.now().getTime());
    const u = team.users;
    let mo = await t.login(u.monitoring_officer.email, u.monitoring_officer.password);
    const cw = await t.login(u.caseworker.email, u.caseworker.password);
    const mine = ok(await call(mo, 'GET', '/api/monitoring/worklist?scope=mine')).json();
    expect(mine.dueThisWeek.map((i: { caseId: string }) => i.caseId)).toContain(id);
    const office = ok(await call(mo, 'GET', '/api/monitoring/worklist?scope=office')).json();
    expect(office.byOfficer.find((o: { officerId: string }) => o.officerId === moId).dueThisWeek).toBeGreaterThan(0);
    expect((await call(cw, 'GET', '/api/monitoring/worklist')).statusCode).toBe(403);

    await sendMonitoringReminders(db, clock);
    await sendMonitoringReminders(db, clock);
    const visitId = mine.dueThisWeek.find((i: { caseId: string }) => i.caseId === id).visitId;
    expect(await db.selectFrom('monitoring_reminder').selectAll().where('visit_id', '=', visitId).execute()).toHaveLength(1);
    const bell = ok(await call(mo, 'GET', '/api/notifications')).json();
    expect(bell.items.filter((i: { kind: string; id: string }) => i.kind === 'monitoring_visit' && i.id === visitId)).toHaveLength(1);

    clock.advance(8 * 86_400_000);
    mo = await t.login(u.monitoring_officer.email, u.monitoring_officer.password);
    const later = ok(await call(mo, 'GET', '/api/monitoring/worklist')).json();
    const overdue = later.overdue.map((i: { plannedOn: string }) => i.plannedOn);
    expect(overdue).toEqual([...overdue].sort());
    expect(later.overdue.map((i: { caseId: string }) => i.caseId)).toContain(id);
    await sendMonitoringReminders(db, clock);
    expect(await db.selectFrom('monitoring_reminder').selectAll().where('visit_id', '=', visitId).execute()).toHaveLength(2);
  });

});
