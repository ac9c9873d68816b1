import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { openSealed } from '../../platform/person-keys.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;
// A week before the first visits of cases that arrived on 2026-02-20 (planned 2026-05-20).
if (clock.now().getTime() < Date.parse('2026-05-15T06:00:00Z')) clock.advance(Date.parse('2026-05-15T06:00:00Z') - clock.now().getTime());

const team = await officeWith(['caseworker', 'office_manager', 'monitoring_officer'], { country: 'BE' });
const elsewhere = await officeWith(['monitoring_officer'], { country: 'FR' });
const cw = team.users.caseworker.session;
const om = team.users.office_manager.session;
const mo = team.users.monitoring_officer.session;
const moId = team.users.monitoring_officer.id;
const otherMo = elsewhere.users.monitoring_officer.session;

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const planEtag = async (id: string) => (await call(cw, 'GET', `/api/cases/${id}/reintegration-plan`)).headers.etag as string;

/** A case walked through its plan: arrived on 2026-02-20, approved; the monitoring officer owns it, so its visits are theirs. */
async function caseInReintegration() {
  const c = ok(await call(cw, 'POST', '/api/cases', householdInput()), 201).json();
  const id = c.id as string;
  const members = c.members.map((m: { person: { id: string } }) => m.person.id) as string[];
  await db.updateTable('return_case').set({ owner_id: moId, stage: 'travel_preparation' }).where('id', '=', id).execute();
  ok(await call(cw, 'POST', `/api/cases/${id}/reintegration-plan/components`, {
    type: 'cash_allowance', description: 'Allowance.', memberIds: members, amountMinor: 500_000_000, currency: 'IQD', startsOn: '2026-03-10', endsOn: '2026-05-10',
  }, { 'if-match': await planEtag(id) }), 201);
  const att = await db.insertInto('case_attachment').values({
    case_id: id, file_name: 'plan.pdf', content_type: 'application/pdf', size_bytes: 4, sha256: 'x', description: null, content: Buffer.from('%PDF'), uploaded_by: team.users.caseworker.id,
  }).returning('id').executeTakeFirstOrThrow();
  ok(await call(cw, 'PUT', `/api/cases/${id}/reintegration-plan/agreement`, { agreedOn: '2026-03-01', attachmentId: att.id, language: 'ar' }, { 'if-match': await planEtag(id) }));
  await db.updateTable('return_case').set({ stage: 'arrived' }).where('id', '=', id).execute();
  await db.insertInto('arrival').values({ case_id: id, arrived_on: '2026-02-20', place: 'Erbil', received_by_user_id: null, received_by_name: 'Reception desk', recorded_by: team.users.caseworker.id, recorded_at: new Date() }).execute();
  ok(await call(om, 'POST', `/api/cases/${id}/reintegration-plan/approval`, { entitlementOverrideReason: 'No eligibility check in this test.' }, { 'if-match': await planEtag(id) }));
  const plan = (await call(cw, 'GET', `/api/cases/${id}/reintegration-plan`)).json();
  return { id, componentKey: plan.approved.components[0].key as string, givenName: c.members[0].person.givenName as string };
}

interface PackVisit { visitId: string; version: number; caseId: string; caseNumber: string; returneeName: string; place: string | null; components: { componentKey: string }[] }
const pack = async (s: Session, scope = 'mine') => ok(await call(s, 'GET', `/api/monitoring/offline-pack?scope=${scope}`)).json() as { visits: PackVisit[]; instrumentVersion: { id: string; definition: unknown } | null; downloadedAt: string };
const upload = (s: Session, visitId: string, body: Record<string, unknown>) => call(s, 'POST', `/api/monitoring/visits/${visitId}/offline-record`, body);
const ANSWERS = { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 2, food: 's1', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's3' };

describe('the offline pack', () => {
  it('gives the officer’s planned visits with what recording them needs, audited per case, and nothing to an officer of another office', async () => {
    const { id, componentKey } = await caseInReintegration();
    const p = await pack(mo);
    const mine = p.visits.filter((v) => v.caseId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ place: 'Erbil', components: [{ componentKey, type: 'cash_allowance' }], version: 1 });
    expect(mine[0]!.returneeName.length).toBeGreaterThan(0);
    expect(p.instrumentVersion).not.toBeNull();
    const version = await db.selectFrom('monitoring_instrument_version as v').innerJoin('monitoring_instrument as i', 'i.id', 'v.instrument_id').select('v.id')
      .where('i.key', '=', DEFAULT_INSTRUMENT_KEY).where('v.status', '=', 'published').orderBy('v.number', 'desc').executeTakeFirstOrThrow();
    expect(p.instrumentVersion!.id).toBe(version.id);
    // Nothing of the case beyond what recording needs.
    expect(JSON.stringify(mine[0])).not.toMatch(/legalStatus|notes|dateOfBirth/);
    const audited = await db.selectFrom('audit_event').select(['details', 'actor_id']).where('case_id', '=', id).where('event', '=', 'monitoring.offline_pack.downloaded').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_id).toBe(moId);

    // The office's pack holds it too; another office's officer gets nothing of this office, whatever the scope.
    expect((await pack(mo, 'office')).visits.some((v) => v.caseId === id)).toBe(true);
    expect((await pack(otherMo, 'mine')).visits).toEqual([]);
    expect((await pack(otherMo, 'office')).visits.filter((v) => v.caseId === id)).toEqual([]);
    // Without the permission: refused.
    expect((await call(cw, 'GET', '/api/monitoring/offline-pack')).statusCode).toBe(403);
  });
});

describe('offline records', () => {
  it('are applied exactly once however often the upload is retried: one recording, one audit entry, the stored answer replayed', async () => {
    const { id, componentKey } = await caseInReintegration();
    const v = (await pack(mo)).visits.find((x) => x.caseId === id)!;
    const instrumentVersionId = (await pack(mo)).instrumentVersion!.id;
    const body = {
      clientId: randomUUID(), baseVersion: v.version,
      record: { method: 'on_site', visitedOn: '2026-05-14', outcome: 'reached', componentUse: [{ componentKey, use: 'in_use' }], nextSteps: 'Call in June.', instrumentVersionId, answers: ANSWERS },
    };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(ok(await upload(mo, v.visitId, body)).json());
    expect(answers[0]).toMatchObject({ clientId: body.clientId, visitId: v.visitId, caseId: id, status: 'applied', visitVersion: v.version + 1, replayed: false });
    for (const a of answers.slice(1)) expect(a).toEqual({ ...answers[0], replayed: true });
    // Concurrent retries as well.
    const concurrent = await Promise.all([1, 2, 3].map(() => upload(mo, v.visitId, body)));
    for (const r of concurrent) expect(ok(r).json()).toMatchObject({ replayed: true, visitVersion: v.version + 1 });

    const recorded = await db.selectFrom('audit_event').select(['details']).where('entity_id', '=', v.visitId).where('event', '=', 'monitoring.visit.recorded').execute();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.details).toEqual({ offlineClientId: body.clientId, offlineBaseVersion: v.version });
    expect(await db.selectFrom('monitoring_visit_score').select('id').where('visit_id', '=', v.visitId).execute()).toHaveLength(1);
    const m = ok(await call(mo, 'GET', `/api/cases/${id}/monitoring`)).json();
    expect(m.visits.find((x: { id: string }) => x.id === v.visitId)).toMatchObject({ status: 'recorded', method: 'on_site', nextSteps: 'Call in June.', answers: ANSWERS });
    // The same id for another visit or by another user: refused, nothing applied.
    const other = (await pack(mo)).visits.find((x) => x.caseId !== id);
    if (other) expect((await upload(mo, other.visitId, { ...body, baseVersion: other.version })).json().error.code).toBe('MONITORING_OFFLINE_ID_REUSED');
    // Invalid records are refused as online ones are.
    expect((await upload(mo, v.visitId, { ...body, clientId: 'not-a-uuid' })).statusCode).toBe(400);
  });

  it('answer a conflict with both values when the visit was recorded online after the download; nothing is lost, and the merged record is applied', async () => {
    const { id, componentKey } = await caseInReintegration();
    const v = (await pack(mo)).visits.find((x) => x.caseId === id)!;
    // Recorded online, by the office, after the download.
    ok(await call(mo, 'PUT', `/api/monitoring/visits/${v.visitId}`, { method: 'phone', visitedOn: '2026-05-13', outcome: 'reached', nextSteps: 'Online next steps.', sensitiveNotes: 'Online notes.' }, { 'if-match': `"${v.visitId}.${v.version}"` }));
    const offline = { method: 'on_site', visitedOn: '2026-05-14', outcome: 'reached', componentUse: [{ componentKey, use: 'sold' }], nextSteps: 'Offline next steps.' };
    const clientId = randomUUID();
    const refused = await upload(mo, v.visitId, { clientId, baseVersion: v.version, record: offline });
    expect(refused.statusCode, refused.body).toBe(409);
    const error = refused.json().error;
    expect(error.code).toBe('MONITORING_OFFLINE_CONFLICT');
    expect(error.details).toMatchObject({
      visitId: v.visitId, currentVersion: v.version + 1,
      server: { status: 'recorded', method: 'phone', visitedOn: '2026-05-13', nextSteps: 'Online next steps.', sensitiveNotes: 'Online notes.' },
      offline,
    });
    // Nothing applied, nothing kept of the upload: the online record stands.
    expect(await db.selectFrom('monitoring_offline_upload').select('client_id').where('client_id', '=', clientId).execute()).toHaveLength(0);
    const stored = await db.selectFrom('monitoring_visit').selectAll().where('id', '=', v.visitId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ method: 'phone', next_steps: 'Online next steps.', version: v.version + 1 });
    // A retry of the same upload gets the same conflict.
    expect((await upload(mo, v.visitId, { clientId, baseVersion: v.version, record: offline })).statusCode).toBe(409);

    // The officer merged field by field: the offline method and use, the server's date and notes.
    const merged = { method: 'on_site', visitedOn: '2026-05-13', outcome: 'reached', componentUse: [{ componentKey, use: 'sold' }], nextSteps: 'Offline next steps.', sensitiveNotes: 'Online notes.' };
    const applied = ok(await upload(mo, v.visitId, { clientId, baseVersion: v.version + 1, merged: true, record: merged })).json();
    expect(applied).toMatchObject({ status: 'applied', visitVersion: v.version + 2, replayed: false });
    const after = await db.selectFrom('monitoring_visit').selectAll().where('id', '=', v.visitId).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ method: 'on_site', visited_on: '2026-05-13', next_steps: 'Offline next steps.', status: 'recorded' });
    // The sensitive notes are stored sealed for the returnee (migration 0066).
    expect(after.sensitive_notes).toMatch(/^p1\./);
    expect(await openSealed(db, after.sensitive_notes)).toBe('Online notes.');
    const amended = await db.selectFrom('audit_event').select(['before', 'after']).where('entity_id', '=', v.visitId).where('event', '=', 'monitoring.visit.amended').execute();
    expect(amended).toHaveLength(1);
    expect(amended[0]!.before).toMatchObject({ method: 'phone', visitedOn: '2026-05-13' });
    // Without `merged`, a recorded visit is never overwritten, even at its current version.
    expect((await upload(mo, v.visitId, { clientId: randomUUID(), baseVersion: v.version + 2, record: offline })).json().error.code).toBe('MONITORING_OFFLINE_CONFLICT');
    // Not retried as a new record: the planned visits of the case are as they were.
    expect(await db.selectFrom('monitoring_visit').select('id').where('case_id', '=', id).where('status', '=', 'recorded').execute()).toHaveLength(1);
  });

  it('are refused for a visit out of the officer’s reach (404), and a cancelled visit is named as such', async () => {
    const { id } = await caseInReintegration();
    const v = (await pack(mo)).visits.find((x) => x.caseId === id)!;
    const body = { clientId: randomUUID(), baseVersion: v.version, record: { method: 'on_site', visitedOn: '2026-05-14', outcome: 'refused' } };
    expect((await upload(otherMo, v.visitId, body)).statusCode).toBe(404);
    expect(await db.selectFrom('monitoring_offline_upload').select('client_id').where('client_id', '=', body.clientId).execute()).toHaveLength(0);
    await db.updateTable('monitoring_visit').set({ status: 'cancelled' }).where('id', '=', v.visitId).execute();
    expect((await upload(mo, v.visitId, body)).json().error.code).toBe('MONITORING_OFFLINE_VISIT_CANCELLED');
  });
});
