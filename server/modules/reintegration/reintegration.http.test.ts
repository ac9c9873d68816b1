import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, fx, login } = t;

/** A host office (BE) and the origin office in Iraq of the same organisation, with a second manager there. */
async function offices() {
  const host = await officeWith(['caseworker', 'office_manager']);
  const origin = await officeWith(['reintegration_officer', 'office_manager'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
  const second = await fx.user({ roles: ['office_manager'], organisationId: host.organisationId, officeId: origin.office.id });
  return { host, origin, manager2: await login(second.email, second.password) };
}

const household = (over: Record<string, unknown> = {}) => householdInput({
  members: [
    { relationship: 'spouse', person: { givenName: 'Fatima', familyName: 'Al-Hassan', sex: 'female', birthDate: '1990-01-01', nationality: 'IQ' } },
    { relationship: 'child', person: { givenName: 'Ali', familyName: 'Al-Hassan', sex: 'male', birthDate: '2015-05-05', nationality: 'IQ' } },
  ],
  ...over,
});

async function register(s: Session, body: Record<string, unknown> = household()) {
  const res = await call(s, 'POST', '/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  const c = res.json();
  return { id: c.id as string, members: c.members.map((m: { person: { id: string } }) => m.person.id) as string[] };
}
const setStage = (id: string, stage: string) => db.updateTable('return_case').set({ stage, stage_changed_at: new Date('2026-03-01T10:00:00Z') }).where('id', '=', id).execute();
const plan = (s: Session, id: string) => call(s, 'GET', `/api/cases/${id}/reintegration-plan`);
const etag = async (s: Session, id: string) => (await plan(s, id)).headers.etag as string;
const stageOf = async (id: string) => (await db.selectFrom('return_case').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;

const cash = (memberIds: string[], over: Record<string, unknown> = {}) => ({
  type: 'cash_allowance', description: 'Reintegration allowance in two tranches.', memberIds, amountMinor: 500_000_000, currency: 'IQD', startsOn: '2026-03-10', endsOn: '2026-05-10', ...over,
});
async function add(s: Session, id: string, component: Record<string, unknown>) {
  return call(s, 'POST', `/api/cases/${id}/reintegration-plan/components`, component, { 'if-match': await etag(s, id) });
}
async function attach(caseId: string, by: string) {
  const row = await db.insertInto('case_attachment').values({
    case_id: caseId, file_name: 'signed-plan.pdf', content_type: 'application/pdf', size_bytes: 4, sha256: 'x', description: null, content: Buffer.from('%PDF'), uploaded_by: by,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
async function agree(s: Session, id: string, attachmentId: string, over: Record<string, unknown> = {}) {
  return call(s, 'PUT', `/api/cases/${id}/reintegration-plan/agreement`, { agreedOn: '2026-03-01', attachmentId, language: 'ar', ...over }, { 'if-match': await etag(s, id) });
}
/** These cases have no confirmed entitlement: the approving office manager overrides with a reason (see plan-money.http.test.ts). */
async function approve(s: Session, id: string, body: Record<string, unknown> = { entitlementOverrideReason: 'No eligibility check in this test.' }) {
  return call(s, 'POST', `/api/cases/${id}/reintegration-plan/approval`, body, { 'if-match': await etag(s, id) });
}
async function deliver(s: Session, id: string, componentId: string, body: Record<string, unknown>) {
  return call(s, 'PUT', `/api/cases/${id}/reintegration-plan/components/${componentId}/status`, body, { 'if-match': await etag(s, id) });
}

describe('the reintegration plan', () => {
  it('is drafted by the host office before departure, travels in the handover package, then belongs to the origin office; approval by a second person starts reintegration, delivery of every component monitoring', async () => {
    const { host, origin, manager2 } = await offices();
    const cw = host.users.caseworker.session;
    const ro = origin.users.reintegration_officer.session;
    const om = origin.users.office_manager.session;
    const { id, members } = await register(cw);
    await setStage(id, 'travel_preparation');

    // No plan yet.
    const empty = await plan(cw, id);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ approved: null, draft: null, versions: [], editable: true });

    // The host office drafts with the returnee before departure; the origin office cannot see the case yet.
    const first = await add(cw, id, cash(members));
    expect(first.statusCode).toBe(201);
    expect(first.json().draft).toMatchObject({ number: 1, status: 'draft', totals: [{ currency: 'IQD', amountMinor: 500_000_000 }] });
    expect(first.json().draft.components[0]).toMatchObject({ type: 'cash_allowance', status: 'planned', members: [{ id: members[0] }, { id: members[1] }, { id: members[2] }] });
    expect((await plan(ro, id)).statusCode).toBe(404);

    // Bad input: 4xx, nothing stored.
    const before = (await plan(cw, id)).json().draft.components.length;
    expect((await add(cw, id, cash(members, { endsOn: '2026-03-01' }))).json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await add(cw, id, cash(members, { currency: 'XXX' }))).statusCode).toBe(400);
    expect((await add(cw, id, cash(members, { amountMinor: 1.5 }))).statusCode).toBe(400);
    expect((await add(cw, id, cash(['00000000-0000-4000-8000-000000000000']))).json().error.code).toBe('PLAN_MEMBER_NOT_IN_CASE');
    expect((await add(cw, id, cash([members[0]!], { type: 'education' }))).json().error.code).toBe('PLAN_EDUCATION_NEEDS_CHILD');
    expect((await add(cw, id, cash([members[0]!], { type: 'job_placement' }))).json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'employer' }] } });
    const otherCase = await register(cw);
    const foreign = await attach(otherCase.id, host.users.caseworker.id);
    expect((await add(cw, id, cash([members[0]!], { type: 'business_setup', businessPlanAttachmentId: foreign }))).json().error.code).toBe('PLAN_BUSINESS_PLAN_NOT_FOUND');
    expect((await call(cw, 'POST', `/api/cases/${id}/reintegration-plan/components`, cash(members))).statusCode).toBe(428);
    expect((await plan(cw, id)).json().draft.components).toHaveLength(before);

    // The handover package shows the plan: components (no descriptions), amounts in their currency, status.
    const sent = await call(cw, 'POST', `/api/cases/${id}/handovers`, { toOfficeId: origin.office.id, purpose: 'reintegration', consent: { asylumHistory: false, counsellingNotes: false, healthInformation: false, consentedOn: '2026-02-28' } });
    expect(sent.statusCode).toBe(201);
    const pkg = await call(ro, 'GET', `/api/handovers/${sent.json().id}/package`);
    expect(pkg.json().reintegrationPlan).toEqual({
      exists: true, number: 1, status: 'draft', agreed: false,
      components: [{ type: 'cash_allowance', amountMinor: 500_000_000, currency: 'IQD', startsOn: '2026-03-10', endsOn: '2026-05-10', status: 'planned', provider: null, budgetLine: null }],
      totals: [{ currency: 'IQD', amountMinor: 500_000_000 }],
    });
    expect(pkg.body).not.toContain('two tranches');
    expect((await call(ro, 'POST', `/api/handovers/${sent.json().id}/accept`, {}, { 'if-match': `"${sent.json().id}.1"` })).statusCode).toBe(200);

    // After acceptance the origin office owns the plan; the host office still reads it.
    const refused = await add(cw, id, cash(members));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('PLAN_NOT_OWNER');
    expect((await plan(cw, id)).json().editable).toBe(false);
    expect((await plan(ro, id)).json().editable).toBe(true);
    const child = members[2]!;
    const edu = await add(ro, id, { type: 'education', description: 'School fees and books.', memberIds: [child], amountMinor: 12_000, currency: 'EUR', startsOn: '2026-03-15', endsOn: '2026-12-15' });
    expect(edu.statusCode).toBe(201);
    expect(edu.json().draft.totals).toEqual([{ currency: 'IQD', amountMinor: 500_000_000 }, { currency: 'EUR', amountMinor: 12_000 }]);

    // Approval needs the returnee's arrival, the agreement, and a second person.
    const early = await approve(om, id);
    expect(early.json().error.code).toBe('PLAN_APPROVAL_STAGE_INVALID');
    await setStage(id, 'arrived');
    expect((await approve(om, id)).json().error.code).toBe('PLAN_AGREEMENT_REQUIRED');
    expect((await call(ro, 'POST', `/api/cases/${id}/reintegration-plan/approval`, undefined, { 'if-match': await etag(ro, id) })).statusCode).toBe(403);
    const signed = await attach(id, origin.users.reintegration_officer.id);
    expect((await agree(ro, id, foreign)).json().error.code).toBe('PLAN_AGREEMENT_ATTACHMENT_NOT_FOUND');
    expect((await agree(ro, id, signed, { agreedOn: '2026-03-03' })).json().error.code).toBe('PLAN_AGREEMENT_DATE_IN_FUTURE');
    expect((await agree(ro, id, signed, { language: 'not a tag!' })).statusCode).toBe(400);
    const agreed = await agree(ro, id, signed);
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json().draft.agreement).toMatchObject({ agreedOn: '2026-03-01', language: 'ar', attachment: { id: signed, fileName: 'signed-plan.pdf' } });
    // A change after the agreement needs it again.
    const eduId = edu.json().draft.components[1].id as string;
    const changed = await call(ro, 'PUT', `/api/cases/${id}/reintegration-plan/components/${eduId}`, { type: 'education', description: 'School fees, books and uniform.', memberIds: [child], amountMinor: 15_000, currency: 'EUR', startsOn: '2026-03-15', endsOn: '2026-12-15' }, { 'if-match': await etag(ro, id) });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().draft.agreement).toBeNull();
    await agree(ro, id, signed);

    const approved = await approve(om, id);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ stage: 'reintegration', draft: null, approved: { number: 1, status: 'approved', approvedBy: { id: origin.users.office_manager.id } } });
    expect(await stageOf(id)).toBe('reintegration');
    const move = await db.selectFrom('stage_transition').select(['from_stage', 'actor_id']).where('case_id', '=', id).where('to_stage', '=', 'reintegration').executeTakeFirstOrThrow();
    expect(move).toEqual({ from_stage: 'arrived', actor_id: origin.users.office_manager.id });

    // Delivery: audited, no new version; the last component delivered moves the case to monitoring.
    const [cashId, eduKeyId] = (approved.json().approved.components as { id: string }[]).map((x) => x.id) as [string, string];
    expect((await deliver(ro, id, cashId, { status: 'cancelled' })).json().error.code).toBe('PLAN_CANCEL_REASON_REQUIRED');
    expect((await deliver(ro, id, cashId, { status: 'planned' })).statusCode).toBe(400);
    expect((await deliver(cw, id, cashId, { status: 'delivered' })).json().error.code).toBe('PLAN_NOT_OWNER');
    const inProgress = await deliver(ro, id, cashId, { status: 'in_progress' });
    expect(inProgress.json().approved.components[0].status).toBe('in_progress');
    expect((await deliver(ro, id, cashId, { status: 'delivered' })).json().stage).toBe('reintegration');
    expect((await deliver(ro, id, cashId, { status: 'in_progress' })).json().error.code).toBe('PLAN_COMPONENT_STATUS_INVALID');

    // A change of the approved plan: a draft copied from it, keeping each component's identity and delivery status.
    const change = await call(ro, 'POST', `/api/cases/${id}/reintegration-plan/change`, undefined, { 'if-match': await etag(ro, id) });
    expect(change.statusCode).toBe(201);
    const draft = change.json().draft;
    expect(draft).toMatchObject({ number: 2, status: 'draft', agreement: null });
    expect(draft.components.map((x: { key: string; status: string }) => [x.key, x.status])).toEqual(approved.json().approved.components.map((x: { key: string }, i: number) => [x.key, i === 0 ? 'delivered' : 'planned']));
    expect((await call(ro, 'POST', `/api/cases/${id}/reintegration-plan/change`, undefined, { 'if-match': await etag(ro, id) })).json().error.code).toBe('PLAN_DRAFT_EXISTS');
    const delivered = draft.components[0].id as string;
    expect((await call(ro, 'DELETE', `/api/cases/${id}/reintegration-plan/components/${delivered}`, undefined, { 'if-match': await etag(ro, id) })).json().error.code).toBe('PLAN_COMPONENT_NOT_PLANNED');
    await add(ro, id, { type: 'psychosocial', description: 'Ten sessions with a counsellor.', memberIds: [members[0]], amountMinor: 0, currency: 'EUR', startsOn: '2026-03-20', endsOn: '2026-06-20' });
    // Meanwhile the education component is delivered on the approved version: the case moves to monitoring.
    const done = await deliver(ro, id, eduKeyId, { status: 'delivered' });
    expect(done.json().stage).toBe('monitoring');
    expect(done.json().approved.number).toBe(1);
    await agree(ro, id, signed);
    const v2 = await approve(manager2, id);
    expect(v2.statusCode).toBe(200);
    const body = v2.json();
    expect(body.approved.number).toBe(2);
    expect(body.approved.components.map((x: { status: string }) => x.status)).toEqual(['delivered', 'delivered', 'planned']);
    expect(body.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[2, 'approved'], [1, 'superseded']]);
    expect(body.versions[1].approvedBy.id).toBe(origin.users.office_manager.id);
    expect(body.versions[0].agreement.recordedBy.id).toBe(origin.users.reintegration_officer.id);

    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', id).where('event', 'like', 'reintegration.%').execute();
    const names = events.map((e) => e.event);
    for (const e of ['reintegration.plan.drafted', 'reintegration.component.added', 'reintegration.component.updated', 'reintegration.plan.agreed', 'reintegration.plan.approved', 'reintegration.component.status_changed']) expect(names).toContain(e);
    expect(names.filter((e) => e === 'reintegration.plan.approved')).toHaveLength(2);
  });

  it('is never approved by the author of the version, and a post-arrival case enters reintegration only once admitted', async () => {
    const { origin, manager2 } = await offices();
    const om = origin.users.office_manager.session;
    const { id, members } = await register(om, household({ kind: 'post_arrival', legalStatus: 'other' }));
    expect((await add(om, id, cash(members))).statusCode).toBe(201);
    await agree(om, id, await attach(id, origin.users.office_manager.id));
    const self = await approve(om, id);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('PLAN_SELF_APPROVAL');
    const notAdmitted = await approve(manager2, id);
    expect(notAdmitted.statusCode).toBe(409);
    expect(notAdmitted.json().error.code).toBe('ADMISSION_DATE_REQUIRED');
    expect(await stageOf(id)).toBe('arrived');
    expect((await plan(om, id)).json().approved).toBeNull();
    const c = await call(om, 'GET', `/api/cases/${id}`);
    expect(c.json().availableActions).not.toContain('reintegration');
    expect((await call(om, 'PUT', `/api/cases/${id}/admission-date`, { admissionDate: '2026-03-01' }, { 'if-match': c.headers.etag as string })).statusCode).toBe(200);
    expect((await call(om, 'GET', `/api/cases/${id}`)).json().availableActions).toContain('reintegration');
    const ok = await approve(manager2, id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('reintegration');
  });

  it('is read within the case’s scope only, and an empty draft cannot be agreed', async () => {
    const { host, origin } = await offices();
    const other = await officeWith(['caseworker', 'office_manager']);
    const { id, members } = await register(host.users.caseworker.session);
    await setStage(id, 'approved');
    expect((await plan(other.users.caseworker.session, id)).statusCode).toBe(404);
    expect((await call(other.users.caseworker.session, 'POST', `/api/cases/${id}/reintegration-plan/components`, cash(members), { 'if-match': `"${id}.1"` })).statusCode).toBe(404);
    expect((await plan(origin.users.office_manager.session, id)).statusCode).toBe(404);
    // A case not yet approved for return has no plan.
    const { id: early, members: m2 } = await register(host.users.caseworker.session);
    expect((await add(host.users.caseworker.session, early, cash(m2))).json().error.code).toBe('PLAN_STAGE_INVALID');
    expect((await agree(host.users.caseworker.session, id, await attach(id, host.users.caseworker.id))).json().error.code).toBe('PLAN_NO_DRAFT');
  });
});
