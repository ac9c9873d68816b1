import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { planForHandover } from './plan-for-handover.js';

const t = await testApp();
const { call, officeWith, db } = t;

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};

/**
 * A host office in Belgium whose caseworker drafts and whose office manager approves; a project in
 * EUR whose rules grant 500.00 EUR of reintegration cash and 1,000.00 EUR in kind per person; a
 * cash line in EUR and an in-kind line in USD; 1 EUR = 1.1 USD; a provider of the office.
 */
let rateEntered = false;
async function setting() {
  const host = await officeWith(['caseworker', 'office_manager']);
  const staff = await officeWith(['programme_manager', 'finance_officer']);
  const pm = staff.users.programme_manager.session;
  const fin = staff.users.finance_officer.session;
  const cw = host.users.caseworker.session;
  const om = host.users.office_manager.session;
  const country = (await db.selectFrom('office').select('country_code').where('id', '=', host.office.id).executeTakeFirstOrThrow()).country_code;
  const project = async () => ok(await call(pm, 'POST', '/api/projects', {
    code: `PM-${randomUUID().slice(0, 8)}`, name: 'Returns to Iraq', donors: [{ name: 'European Union AMIF', sharePercent: 100 }], hostCountries: [country], returnCountries: ['IQ'],
    startsOn: '2020-01-01', endsOn: '2035-12-31', budgetMinor: null, currency: 'EUR', status: 'active',
  }), 201).json().id as string;
  const projectId = await project();
  const otherProjectId = await project();
  const amount = (component: string, perPersonMinor: number) => ({ component, perPersonMinor, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] });
  const draft = ok(await call(pm, 'POST', `/api/projects/${projectId}/rules`, {
    rules: { criteria: {}, entitlements: { currency: 'EUR', components: [amount('travel', 0), amount('reintegration_cash', 50_000), amount('reintegration_in_kind', 100_000)] } },
  }), 201);
  ok(await call(pm, 'POST', `/api/eligibility-rules/${draft.json().id}/publish`, undefined, { 'if-match': draft.headers.etag as string }));
  const line = async (project: string, body: Record<string, unknown>) => ok(await call(pm, 'POST', `/api/projects/${project}/budget-lines`, {
    donor: 'European Union AMIF', ...body,
  }), 201).json().id as string;
  const cashLine = await line(projectId, { code: 'CASH', name: 'Cash on arrival', componentTypes: ['cash_allowance'], amountMinor: 300_000, currency: 'EUR' });
  const kindLine = await line(projectId, { code: 'KIND', name: 'Training and business', componentTypes: ['vocational_training', 'business_setup'], amountMinor: 200_000, currency: 'USD' });
  const foreignLine = await line(otherProjectId, { code: 'CASH', name: 'Cash elsewhere', componentTypes: ['cash_allowance'], amountMinor: 300_000, currency: 'EUR' });
  if (!rateEntered) ok(await call(fin, 'POST', '/api/exchange-rates', { fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.1', effectiveFrom: '2020-01-01' }), 201);
  rateEntered = true;
  const provider = async (name: string) => ok(await call(om, 'POST', '/api/providers', {
    kind: 'training_centre', name, countryCode: 'IQ', place: 'Erbil', services: ['vocational_training'],
  }), 201);
  const trainer = (await provider('Erbil Vocational Centre')).json().id as string;
  const suspendedRes = await provider('Closed Workshop');
  ok(await call(om, 'POST', `/api/providers/${suspendedRes.json().id}/suspend`, { reason: 'Courses not held' }, { 'if-match': suspendedRes.headers.etag as string }));
  return { host, cw, om, fin, pm, projectId, cashLine, kindLine, foreignLine, trainer, suspended: suspendedRes.json().id as string };
}

type Setting = Awaited<ReturnType<typeof setting>>;

/** A case of two people of the project, eligible and confirmed, arrived. */
async function arrivedCase(s: Setting, { eligible = true } = {}) {
  const res = ok(await call(s.cw, 'POST', '/api/cases', householdInput()), 201);
  const id = res.json().id as string;
  const members = res.json().members.map((m: { person: { id: string } }) => m.person.id) as string[];
  if (eligible) {
    const c = await call(s.cw, 'GET', `/api/cases/${id}`);
    ok(await call(s.cw, 'PUT', `/api/cases/${id}/project`, { projectId: s.projectId }, { 'if-match': c.headers.etag as string }));
    const check = ok(await call(s.cw, 'POST', `/api/cases/${id}/eligibility/checks`), 201).json();
    ok(await call(s.om, 'POST', `/api/cases/${id}/eligibility/checks/${check.check?.id ?? check.id}/confirm`, { finalOutcome: 'eligible' }));
  } else {
    await db.updateTable('return_case').set({ project_id: s.projectId }).where('id', '=', id).execute();
  }
  await db.updateTable('return_case').set({ stage: 'arrived', stage_changed_at: new Date('2026-03-01T10:00:00Z') }).where('id', '=', id).execute();
  return { id, members };
}

const plan = (s: Session, id: string) => call(s, 'GET', `/api/cases/${id}/reintegration-plan`);
const etag = async (s: Session, id: string) => (await plan(s, id)).headers.etag as string;
const component = (memberIds: string[], over: Record<string, unknown>) => ({
  type: 'cash_allowance', description: 'Allowance', memberIds, amountMinor: 100_000, currency: 'EUR', startsOn: '2026-03-10', endsOn: '2026-05-10', ...over,
});
const add = async (s: Session, id: string, body: Record<string, unknown>) =>
  call(s, 'POST', `/api/cases/${id}/reintegration-plan/components`, body, { 'if-match': await etag(s, id) });
const update = async (s: Session, id: string, componentId: string, body: Record<string, unknown>) =>
  call(s, 'PUT', `/api/cases/${id}/reintegration-plan/components/${componentId}`, body, { 'if-match': await etag(s, id) });
async function agree(s: Setting, id: string) {
  const owner = (await db.selectFrom('return_case').select('owner_id').where('id', '=', id).executeTakeFirstOrThrow()).owner_id;
  const file = await db.insertInto('case_attachment').values({
    case_id: id, file_name: 'signed-plan.pdf', content_type: 'application/pdf', size_bytes: 4, sha256: 'x', description: null, content: Buffer.from('%PDF'), uploaded_by: owner,
  }).returning('id').executeTakeFirstOrThrow();
  ok(await call(s.cw, 'PUT', `/api/cases/${id}/reintegration-plan/agreement`, { agreedOn: '2026-03-01', attachmentId: file.id, language: 'ar' }, { 'if-match': await etag(s.cw, id) }));
}
const approve = async (s: Session, id: string, body: Record<string, unknown> = {}) =>
  call(s, 'POST', `/api/cases/${id}/reintegration-plan/approval`, body, { 'if-match': await etag(s, id) });
const entries = (caseId: string) => db.selectFrom('budget_entry').select(['budget_line_id', 'kind', 'amount_minor', 'currency', 'reference', 'override_reason'])
  .where('case_id', '=', caseId).orderBy('entered_at').orderBy('id').execute();
const lineSums = async (s: Session, lineId: string) => {
  const res = await db.selectFrom('budget_entry').select(['kind', 'amount_minor']).where('budget_line_id', '=', lineId).execute();
  const sum = (k: string) => res.filter((r) => r.kind === k).reduce((a, r) => a + Number(r.amount_minor), 0);
  return { committed: sum('commitment') - sum('release'), disbursed: sum('disbursement') - sum('reversal') };
};

describe('the money of the reintegration plan', () => {
  it('gives a component a usable provider of the registry and a budget line of the case’s project for its type; the overview and the handover plan name them', async () => {
    const s = await setting();
    const { id, members } = await arrivedCase(s);
    const suspended = await add(s.cw, id, component(members, { type: 'vocational_training', providerId: s.suspended }));
    expect(suspended.statusCode).toBe(409);
    expect(suspended.json().error).toMatchObject({ code: 'PROVIDER_SUSPENDED', details: { providerId: s.suspended, reason: 'Courses not held' } });
    const unknownProvider = await add(s.cw, id, component(members, { providerId: randomUUID() }));
    expect(unknownProvider.json().error.code).toBe('PROVIDER_NOT_FOUND');
    const foreign = await add(s.cw, id, component(members, { budgetLineId: s.foreignLine }));
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json().error).toMatchObject({ code: 'PLAN_BUDGET_LINE_OTHER_PROJECT', details: { field: 'budgetLineId' } });
    const wrongType = await add(s.cw, id, component(members, { budgetLineId: s.kindLine }));
    expect(wrongType.statusCode).toBe(409);
    expect(wrongType.json().error).toMatchObject({ code: 'PLAN_BUDGET_LINE_TYPE_MISMATCH', details: { type: 'cash_allowance', componentTypes: ['vocational_training', 'business_setup'] } });
    const missing = await add(s.cw, id, component(members, { budgetLineId: randomUUID() }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('PLAN_BUDGET_LINE_NOT_FOUND');
    expect((await plan(s.cw, id)).json().draft).toBeNull();

    const added = ok(await add(s.cw, id, component(members, { type: 'vocational_training', providerId: s.trainer, budgetLineId: s.kindLine })), 201);
    expect(added.json().draft.components[0]).toMatchObject({
      provider: { id: s.trainer, name: 'Erbil Vocational Centre' }, budgetLine: { id: s.kindLine, code: 'KIND', name: 'Training and business', currency: 'USD' }, committed: null,
    });
    const handover = await planForHandover(db, id);
    expect(handover?.components[0]).toMatchObject({ provider: 'Erbil Vocational Centre', budgetLine: { code: 'KIND', name: 'Training and business' } });
    const audit = await db.selectFrom('audit_event').select('after').where('event', '=', 'reintegration.component.added').where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ providerId: s.trainer, budgetLineId: s.kindLine });

    // The planner reads the project's lines for the picker; a caseworker of another office does not.
    const lines = ok(await call(s.cw, 'GET', `/api/cases/${id}/reintegration-plan/budget-lines`)).json().lines;
    expect(lines.map((l: { code: string }) => l.code)).toEqual(['CASH', 'KIND']);
    const stranger = await officeWith(['caseworker']);
    expect((await call(stranger.users.caseworker.session, 'GET', `/api/cases/${id}/reintegration-plan/budget-lines`)).statusCode).toBe(404);
  });

  it('refuses an approval over the entitlement with the figures unless overridden with a reason; commits in each line’s currency, then only the difference, and releases on cancellation', async () => {
    const s = await setting();
    const { id, members } = await arrivedCase(s);
    // Entitled (two people): cash 1,000.00 EUR, in kind 2,000.00 EUR. Planned cash 1,500.00 EUR.
    ok(await add(s.cw, id, component(members, { amountMinor: 150_000, budgetLineId: s.cashLine })), 201);
    ok(await add(s.cw, id, component(members, { type: 'vocational_training', amountMinor: 100_000, providerId: s.trainer, budgetLineId: s.kindLine })), 201);
    ok(await add(s.cw, id, component(members, { type: 'psychosocial', amountMinor: 10_000 })), 201);
    await agree(s, id);
    const check = (await plan(s.om, id)).json().check;
    expect(check).toMatchObject({
      entitlement: 'confirmed', currency: 'EUR', withinEntitlement: false,
      components: [
        { component: 'reintegration_cash', entitledMinor: 100_000, plannedMinor: 150_000, over: true },
        { component: 'reintegration_in_kind', entitledMinor: 200_000, plannedMinor: 110_000, over: false },
      ],
      household: { entitledMinor: 300_000, plannedMinor: 260_000, over: false },
      noBudgetLine: [{ type: 'psychosocial' }],
    });

    const refused = await approve(s.om, id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_OVER_ENTITLEMENT', details: { currency: 'EUR', over: [{ component: 'reintegration_cash', entitledMinor: 100_000, plannedMinor: 150_000 }] } });
    expect(await entries(id)).toEqual([]);
    expect((await plan(s.om, id)).json().approved).toBeNull();

    const approved = ok(await approve(s.om, id, { entitlementOverrideReason: '  Family of a child with a disability: agreed with the donor  ' }));
    expect(approved.json().approved.entitlementOverride).toMatchObject({ reason: 'Family of a child with a disability: agreed with the donor', by: { id: s.host.users.office_manager.id } });
    const event = await db.selectFrom('audit_event').select(['after', 'details']).where('event', '=', 'reintegration.plan.approved').where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(event.after).toMatchObject({ entitlementOverridden: true, entitlementOverrideReason: 'Family of a child with a disability: agreed with the donor' });
    expect(event.details).toMatchObject({ entitlement: 'confirmed', withinEntitlement: false, over: ['reintegration_cash'] });
    // Committed in each line's currency: 1,000.00 EUR at 1.1 = 1,100.00 USD; the rate kept with it.
    const keys = Object.fromEntries(approved.json().approved.components.map((x: { type: string; key: string }) => [x.type, x.key]));
    expect(await entries(id)).toEqual(expect.arrayContaining([
      expect.objectContaining({ budget_line_id: s.cashLine, kind: 'commitment', amount_minor: 150_000, currency: 'EUR', reference: keys.cash_allowance }),
      expect.objectContaining({ budget_line_id: s.kindLine, kind: 'commitment', amount_minor: 110_000, currency: 'USD', reference: keys.vocational_training }),
    ]));
    expect(await entries(id)).toHaveLength(2);
    const kept = await db.selectFrom('reintegration_commitment').select(['rate', 'component_amount_minor', 'component_currency', 'amount_minor']).where('budget_line_id', '=', s.kindLine).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ rate: '1.1', component_amount_minor: 100_000, component_currency: 'EUR', amount_minor: 110_000 });
    expect(approved.json().approved.components.find((x: { type: string }) => x.type === 'vocational_training').committed).toEqual({ amountMinor: 110_000, currency: 'USD' });

    // A change: cash down to 1,000.00 EUR, training up to 1,500.00 EUR; only the differences move.
    ok(await call(s.cw, 'POST', `/api/cases/${id}/reintegration-plan/change`, undefined, { 'if-match': await etag(s.cw, id) }), 201);
    const draft = (await plan(s.cw, id)).json().draft;
    const cashId = draft.components.find((x: { type: string }) => x.type === 'cash_allowance').id;
    const trainingId = draft.components.find((x: { type: string }) => x.type === 'vocational_training').id;
    ok(await update(s.cw, id, cashId, component(members, { amountMinor: 100_000, budgetLineId: s.cashLine })));
    ok(await update(s.cw, id, trainingId, component(members, { type: 'vocational_training', amountMinor: 150_000, providerId: s.trainer, budgetLineId: s.kindLine })));
    // The budget picture counts the draft (1,500.00 EUR = 1,650.00 USD planned) beside what the approved version committed.
    const picture = ok(await call(s.pm, 'GET', `/api/projects/${s.projectId}/budget`)).json();
    expect(picture.lines.find((l: { id: string }) => l.id === s.kindLine)).toMatchObject({ plannedMinor: 165_000, committedMinor: 110_000, remainingMinor: 90_000, plannedUnconverted: 0 });
    expect(picture.lines.find((l: { id: string }) => l.id === s.cashLine)).toMatchObject({ plannedMinor: 100_000, committedMinor: 150_000 });
    expect(picture.donors).toEqual([
      { donor: 'European Union AMIF', currency: 'EUR', amountMinor: 300_000, plannedMinor: 100_000, committedMinor: 150_000, disbursedMinor: 0, remainingMinor: 150_000 },
      { donor: 'European Union AMIF', currency: 'USD', amountMinor: 200_000, plannedMinor: 165_000, committedMinor: 110_000, disbursedMinor: 0, remainingMinor: 90_000 },
    ]);
    await agree(s, id);
    ok(await approve(s.om, id));
    const after = await entries(id);
    expect(after).toHaveLength(4);
    expect(after).toEqual(expect.arrayContaining([
      expect.objectContaining({ budget_line_id: s.cashLine, kind: 'release', amount_minor: 50_000, currency: 'EUR' }),
      expect.objectContaining({ budget_line_id: s.kindLine, kind: 'commitment', amount_minor: 55_000, currency: 'USD' }),
    ]));
    expect(await lineSums(s.cw, s.cashLine)).toEqual({ committed: 100_000, disbursed: 0 });
    expect(await lineSums(s.cw, s.kindLine)).toEqual({ committed: 165_000, disbursed: 0 });

    // Cancelling the training releases what its line holds for it.
    const current = (await plan(s.cw, id)).json().approved;
    const training = current.components.find((x: { type: string }) => x.type === 'vocational_training').id;
    ok(await call(s.cw, 'PUT', `/api/cases/${id}/reintegration-plan/components/${training}/status`, { status: 'cancelled', reason: 'Course closed' }, { 'if-match': await etag(s.cw, id) }));
    expect(await lineSums(s.cw, s.kindLine)).toEqual({ committed: 0, disbursed: 0 });
    expect((await entries(id)).filter((e) => e.kind === 'release' && e.budget_line_id === s.kindLine)).toEqual([expect.objectContaining({ amount_minor: 165_000, currency: 'USD' })]);

    // Past what remains on the line (1,850.00 EUR = 2,035.00 USD of 2,000.00 USD): the finance refusal reaches the approver.
    ok(await call(s.cw, 'POST', `/api/cases/${id}/reintegration-plan/change`, undefined, { 'if-match': await etag(s.cw, id) }), 201);
    ok(await add(s.cw, id, component(members, { type: 'vocational_training', amountMinor: 185_000, budgetLineId: s.kindLine })), 201);
    await agree(s, id);
    const over = await approve(s.om, id);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'BUDGET_OVERCOMMITTED', details: { remainingMinor: 200_000, amountMinor: 203_500, currency: 'USD' } });
    const forbidden = await approve(s.om, id, { budgetOverrideReason: 'Donor agreed' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('BUDGET_OVERRIDE_FORBIDDEN');
    expect(await entries(id)).toHaveLength(5);
    expect((await plan(s.om, id)).json().draft).not.toBeNull();
  });

  it('says when there is no confirmed entitlement; approval then needs the override and its reason', async () => {
    const s = await setting();
    const { id, members } = await arrivedCase(s, { eligible: false });
    ok(await add(s.cw, id, component(members, { budgetLineId: s.cashLine })), 201);
    await agree(s, id);
    expect((await plan(s.om, id)).json().check).toMatchObject({ entitlement: 'none', withinEntitlement: false, components: [], household: null });
    const refused = await approve(s.om, id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PLAN_NO_ENTITLEMENT');
    const blank = await approve(s.om, id, { entitlementOverrideReason: '   ' });
    expect(blank.json().error.code).toBe('PLAN_NO_ENTITLEMENT');
    ok(await approve(s.om, id, { entitlementOverrideReason: 'Eligibility confirmed on paper before the system' }));
    const version = await db.selectFrom('reintegration_plan_version').select(['entitlement_override_reason', 'entitlement_overridden_by']).where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(version).toEqual({ entitlement_override_reason: 'Eligibility confirmed on paper before the system', entitlement_overridden_by: s.host.users.office_manager.id });
    expect(await lineSums(s.om, s.cashLine)).toEqual({ committed: 100_000, disbursed: 0 });
  });
});
