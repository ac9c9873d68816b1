import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, fx, login } = t;

const NOW = '2026-03-02';

/** An office with the people who plan, pay and approve; a second manager; a case in reintegration with an approved plan. */
async function setup(opts: { threshold?: { amountMinor: number; currency: string } } = {}) {
  const office = await officeWith(['caseworker', 'reintegration_officer', 'office_manager', 'finance_officer']);
  const u = office.users;
  const other = await fx.user({ roles: ['office_manager'], organisationId: office.organisationId, officeId: office.office.id });
  const manager2 = { id: other.id, session: await login(other.email, other.password) };
  const reg = await call(u.caseworker.session, 'POST', '/api/cases', householdInput());
  expect(reg.statusCode, reg.body).toBe(201);
  const caseId = reg.json().id as string;
  const principal = reg.json().members[0].person.id as string;
  const project = await db.insertInto('project').values({
    organisation_id: office.organisationId, code: `PAY-${randomUUID().slice(0, 8)}`, name: 'Returns to Iraq', host_countries: ['BE'], return_countries: ['IQ'], starts_on: '2026-01-01', ends_on: '2027-12-31', currency: 'EUR', status: 'active', updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('return_case').set({ stage: 'reintegration', project_id: project.id }).where('id', '=', caseId).execute();
  const line = await db.insertInto('budget_line').values({
    project_id: project.id, code: `BL-${randomUUID().slice(0, 6)}`, name: 'Cash', component_types: ['cash_allowance'], donor: 'EU', amount_minor: 10_000_000, currency: 'EUR',
    created_by: u.finance_officer.id, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  const version = await db.insertInto('reintegration_plan_version').values({
    case_id: caseId, number: 1, status: 'approved', drafted_by: u.reintegration_officer.id, drafted_at: new Date('2026-02-20T10:00:00Z'),
    agreed_on: '2026-02-21', agreement_recorded_by: u.reintegration_officer.id, agreement_recorded_at: new Date('2026-02-21T10:00:00Z'),
    approved_by: u.office_manager.id, approved_at: new Date('2026-02-22T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  const component = (position: number, over: Record<string, unknown>) => db.insertInto('reintegration_component').values({
    version_id: version.id, case_id: caseId, component_key: randomUUID(), position, type: 'cash_allowance', description: 'Allowance', member_ids: [principal],
    amount_minor: 1_000_000_000, currency: 'IQD', starts_on: '2026-03-01', ends_on: '2026-05-01', status: 'planned', ...over,
  }).returning('id').executeTakeFirstOrThrow();
  // 1,000.000 IQD from the EUR budget line; a 2,000.00 EUR business set-up without a budget line.
  const cash = await component(1, { budget_line_id: line.id });
  const business = await component(2, { type: 'business_setup', amount_minor: 200_000, currency: 'EUR' });
  const provider = await db.insertInto('service_provider').values({
    office_id: office.office.id, name: 'Baghdad Supplies', kind: 'supplier', country_code: 'IQ', place: 'Baghdad', created_by: u.reintegration_officer.id, created_at: new Date(), updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  if (opts.threshold) {
    const res = await call(u.finance_officer.session, 'PUT', `/api/offices/${office.office.id}/disbursement-threshold`, opts.threshold);
    expect(res.statusCode, res.body).toBe(200);
  }
  return {
    office, caseId, principal, projectId: project.id, lineId: line.id, cashId: cash.id, businessId: business.id, providerId: provider.id, manager2,
    ro: u.reintegration_officer.session, om: u.office_manager.session, fin: u.finance_officer.session, cw: u.caseworker.session, ids: u,
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

let rateUser: string | null = null;
async function rate(from: string, to: string, value: string, day = '2026-01-01', reason: string | null = null, enteredAt = new Date()) {
  rateUser ??= (await fx.user({ roles: ['finance_officer'], organisationId: (await fx.organisation()).id, officeId: null })).id;
  await db.insertInto('exchange_rate').values({ from_currency: from, to_currency: to, rate: value, effective_from: day, source: 'manual', reason, entered_by: rateUser, entered_at: enteredAt }).execute();
}
// USD 1 = IQD 1310 and EUR 0.9 (so EUR 1 = IQD 1455.555...).
await rate('USD', 'IQD', '1310');
await rate('USD', 'EUR', '0.9');

const payments = (s: Session, caseId: string) => call(s, 'GET', `/api/cases/${caseId}/payments`);
const schedule = (s: Session, caseId: string, componentId: string, tranches: unknown[]) => call(s, 'PUT', `/api/cases/${caseId}/components/${componentId}/tranches`, { tranches });
const pay = (s: Session, caseId: string, body: Record<string, unknown>, key: string | null = randomUUID()) =>
  call(s, 'POST', `/api/cases/${caseId}/disbursements`, body, key ? { 'idempotency-key': key } : {});
const act = (s: Session, caseId: string, disbursementId: string, what: string, body?: unknown) => call(s, 'POST', `/api/cases/${caseId}/disbursements/${disbursementId}/${what}`, body);
async function attach(caseId: string, by: string) {
  const row = await db.insertInto('case_attachment').values({
    case_id: caseId, file_name: 'receipt.pdf', content_type: 'application/pdf', size_bytes: 4, sha256: 'x', description: null, content: Buffer.from('%PDF'), uploaded_by: by,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
/** One released tranche of the whole cash component, ready to pay. */
async function released(s: Setup, amountMinor = 1_000_000_000) {
  const set = await schedule(s.ro, s.caseId, s.cashId, [{ amountMinor, currency: 'IQD', dueOn: '2026-03-01', conditions: [] }]);
  expect(set.statusCode, set.body).toBe(200);
  const trancheId = set.json().components[0].tranches[0].id as string;
  expect((await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${trancheId}/release`)).statusCode).toBe(200);
  return trancheId;
}
const componentStatus = async (s: Setup, componentId: string, status: string) => {
  const etag = (await call(s.ro, 'GET', `/api/cases/${s.caseId}/reintegration-plan`)).headers.etag as string;
  return call(s.ro, 'PUT', `/api/cases/${s.caseId}/reintegration-plan/components/${componentId}/status`, { status }, { 'if-match': etag });
};

describe('tranches', () => {
  it('proposes two tranches (60/40, the second halfway), or ONE when the case is flagged or its place is unsafe for the project', async () => {
    const s = await setup();
    const propose = () => call(s.ro, 'GET', `/api/cases/${s.caseId}/components/${s.cashId}/tranche-proposal`);
    const two = await propose();
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json()).toEqual({
      componentId: s.cashId, unsafeArea: false,
      tranches: [
        { amountMinor: 600_000_000, currency: 'IQD', dueOn: '2026-03-01', conditions: [] },
        { amountMinor: 400_000_000, currency: 'IQD', dueOn: '2026-03-31', conditions: [{ kind: 'receipts_previous_tranche' }] },
      ],
    });
    const biz = (await call(s.ro, 'GET', `/api/cases/${s.caseId}/components/${s.businessId}/tranche-proposal`)).json();
    expect(biz.tranches[0]).toMatchObject({ amountMinor: 120_000, currency: 'EUR', conditions: [{ kind: 'business_plan_approved' }] });

    // The case flag: set with a reason (audited), then cleared.
    expect((await call(s.ro, 'PUT', `/api/cases/${s.caseId}/unsafe-area`, { unsafe: true })).statusCode).toBe(400);
    expect((await call(s.fin, 'PUT', `/api/cases/${s.caseId}/unsafe-area`, { unsafe: true, reason: 'Armed clashes' })).statusCode).toBe(403);
    const flagged = await call(s.ro, 'PUT', `/api/cases/${s.caseId}/unsafe-area`, { unsafe: true, reason: 'Armed clashes in the district' });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect(flagged.json().unsafeArea).toMatchObject({ unsafe: true, flag: { reason: 'Armed clashes in the district', setBy: { id: s.ids.reintegration_officer.id } } });
    const one = (await propose()).json();
    expect(one).toMatchObject({ unsafeArea: true, tranches: [{ amountMinor: 1_000_000_000, dueOn: '2026-03-01' }] });
    expect(one.tranches).toHaveLength(1);
    expect((await call(s.ro, 'PUT', `/api/cases/${s.caseId}/unsafe-area`, { unsafe: false })).json().unsafeArea).toMatchObject({ unsafe: false, flag: null });
    expect((await propose()).json().tranches).toHaveLength(2);
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', s.caseId).where('event', 'like', 'case.unsafe_area.%').orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['case.unsafe_area.set', 'case.unsafe_area.cleared']);

    // A place of the project: the case arrived in Tal Afar, IQ.
    await db.insertInto('arrival').values({ case_id: s.caseId, arrived_on: '2026-02-25', place: 'Tal Afar', received_by_name: 'Reception', recorded_by: s.ids.reintegration_officer.id, recorded_at: new Date() }).execute();
    const pm = (await officeWith(['programme_manager'], { organisationId: s.office.organisationId })).users.programme_manager.session;
    const place = { country: 'IQ', place: 'tal afar', reason: 'No monitoring visits possible' };
    expect((await call(s.ro, 'POST', `/api/projects/${s.projectId}/unsafe-locations`, place)).statusCode).toBe(403);
    const added = await call(pm, 'POST', `/api/projects/${s.projectId}/unsafe-locations`, place);
    expect(added.statusCode, added.body).toBe(201);
    expect((await call(pm, 'POST', `/api/projects/${s.projectId}/unsafe-locations`, { ...place, place: 'TAL AFAR' })).json().error.code).toBe('UNSAFE_LOCATION_EXISTS');
    expect((await call(pm, 'POST', `/api/projects/${randomUUID()}/unsafe-locations`, place)).json().error.code).toBe('PAYMENT_PROJECT_NOT_FOUND');
    expect((await propose()).json()).toMatchObject({ unsafeArea: true, tranches: [{ amountMinor: 1_000_000_000 }] });
    expect((await payments(s.ro, s.caseId)).json().unsafeArea).toMatchObject({ unsafe: true, flag: null, locations: [{ id: added.json().id, place: 'tal afar' }] });
    const removed = await call(pm, 'DELETE', `/api/projects/${s.projectId}/unsafe-locations/${added.json().id}`);
    expect(removed.json()).toEqual({ items: [] });
    expect((await propose()).json().tranches).toHaveLength(2);
  });

  it('are set in the component’s currency, never above its amount; released only when every condition is met; receipts of the previous tranche first', async () => {
    const s = await setup();
    const tranche = (amountMinor: number, dueOn: string, conditions: unknown[] = []) => ({ amountMinor, currency: 'IQD', dueOn, conditions });
    expect((await schedule(s.ro, s.caseId, s.cashId, [tranche(700_000_000, '2026-03-01'), tranche(400_000_000, '2026-04-01')])).json().error)
      .toMatchObject({ code: 'TRANCHES_EXCEED_COMPONENT', details: { plannedMinor: 1_000_000_000, scheduledMinor: 1_100_000_000 } });
    expect((await schedule(s.ro, s.caseId, s.cashId, [{ ...tranche(1000, '2026-03-01'), currency: 'EUR' }])).json().error.code).toBe('TRANCHE_CURRENCY_MISMATCH');
    expect((await schedule(s.ro, s.caseId, s.cashId, [tranche(1000, '2026-03-01', [{ kind: 'other' }])])).statusCode).toBe(400);
    expect((await schedule(s.ro, s.caseId, randomUUID(), [tranche(1000, '2026-03-01')])).json().error.code).toBe('PAYMENT_COMPONENT_NOT_FOUND');
    expect((await schedule(s.fin, s.caseId, s.cashId, [tranche(1000, '2026-03-01')])).statusCode).toBe(403);
    expect(await db.selectFrom('payment_tranche').select('id').where('case_id', '=', s.caseId).execute()).toEqual([]);

    const set = await schedule(s.ro, s.caseId, s.cashId, [
      tranche(600_000_000, '2026-03-01', [{ kind: 'training_attended' }, { kind: 'other', text: 'Bank account opened' }]),
      tranche(400_000_000, '2026-04-01', [{ kind: 'receipts_previous_tranche' }]),
    ]);
    expect(set.statusCode, set.body).toBe(200);
    const cash = set.json().components.find((c: { id: string }) => c.id === s.cashId);
    expect(cash.scheduledMinor).toBe(1_000_000_000);
    const [first, second] = cash.tranches;
    expect(first.conditions).toMatchObject([{ kind: 'training_attended', trainingId: null, met: false }, { kind: 'other', text: 'Bank account opened', met: false }]);

    // Not paid before release; not released before its conditions are met.
    const early = await pay(s.fin, s.caseId, { trancheId: first.id, recipient: 'returnee', method: 'cash', amountMinor: 100_000_000, currency: 'IQD', paidOn: NOW });
    expect(early.json().error.code).toBe('TRANCHE_NOT_RELEASED');
    const refused = await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/release`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'TRANCHE_CONDITIONS_UNMET' });
    expect(refused.json().error.details.conditions).toHaveLength(2);
    for (const c of first.conditions) {
      const met = await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/conditions/${c.id}/met`, { note: 'Seen by the officer' });
      expect(met.statusCode, met.body).toBe(200);
    }
    const view = (await payments(s.ro, s.caseId)).json().components[0].tranches[0];
    expect(view.conditions[0]).toMatchObject({ met: true, metBy: { id: s.ids.reintegration_officer.id }, note: 'Seen by the officer' });
    expect(view.conditions[0].metAt).toBe('2026-03-02T09:00:00.000Z');
    const release = await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/release`);
    expect(release.statusCode).toBe(200);
    expect(release.json().components[0].tranches[0]).toMatchObject({ released: true, releasedBy: { id: s.ids.reintegration_officer.id } });
    expect((await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/release`)).json().error.code).toBe('TRANCHE_ALREADY_RELEASED');

    // Paid; the second tranche's condition waits for the receipt of that payment.
    const paid = await pay(s.fin, s.caseId, { trancheId: first.id, recipient: 'returnee', method: 'cash', amountMinor: 600_000_000, currency: 'IQD', paidOn: NOW });
    expect(paid.statusCode, paid.body).toBe(201);
    expect((await pay(s.fin, s.caseId, { trancheId: first.id, recipient: 'returnee', method: 'cash', amountMinor: 1, currency: 'IQD', paidOn: NOW })).json().error.code).toBe('TRANCHE_OVERPAID');
    const condition = second.conditions[0].id as string;
    const blocked = await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${second.id}/conditions/${condition}/met`, {});
    expect(blocked.json().error.code).toBe('TRANCHE_PREVIOUS_RECEIPTS_MISSING');
    expect((await act(s.fin, s.caseId, paid.json().id, 'receipts', { attachmentId: await attach(s.caseId, s.ids.finance_officer.id) })).statusCode).toBe(200);
    expect((await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${second.id}/conditions/${condition}/met`, {})).statusCode).toBe(200);
    expect((await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${second.id}/release`)).statusCode).toBe(200);

    // Re-setting the schedule keeps the released tranches and refuses going past the amount.
    expect((await schedule(s.ro, s.caseId, s.cashId, [tranche(1, '2026-05-01')])).json().error.code).toBe('TRANCHES_EXCEED_COMPONENT');
  });
});

describe('training attended', () => {
  it('is met by hand only once a member of the case completed the training it names, and is met by itself when the completion is set', async () => {
    const s = await setup();
    const created = await call(s.ro, 'POST', '/api/group-trainings', { title: 'Business development (basic)', kind: 'business_basic', providerId: s.providerId }, { 'idempotency-key': randomUUID() });
    expect(created.statusCode, created.body).toBe(201);
    const trainingId = created.json().id as string;
    const other = (await call(s.ro, 'POST', '/api/group-trainings', { title: 'Bookkeeping', kind: 'business_basic', providerId: s.providerId }, { 'idempotency-key': randomUUID() })).json().id as string;
    for (const day of ['2026-02-23', '2026-02-24']) {
      expect((await call(s.ro, 'POST', `/api/group-trainings/${trainingId}/sessions`, { heldOn: day, startsAt: '09:00', durationMinutes: 120, place: 'Hall' })).statusCode).toBe(201);
    }
    const sessions = (await call(s.ro, 'GET', `/api/group-trainings/${trainingId}`)).json().sessions as { id: string }[];
    expect((await call(s.ro, 'POST', `/api/group-trainings/${trainingId}/participants`, { caseId: s.caseId, personId: s.principal })).statusCode).toBe(201);
    expect((await call(s.ro, 'PUT', `/api/group-trainings/${trainingId}/sessions/${sessions[0]!.id}/attendance`, { attendance: [{ personId: s.principal, present: true }] })).statusCode).toBe(200);

    const set = await schedule(s.ro, s.caseId, s.cashId, [
      { amountMinor: 500_000_000, currency: 'IQD', dueOn: '2026-03-01', conditions: [{ kind: 'training_attended', trainingId }, { kind: 'training_attended', trainingId: other }] },
      { amountMinor: 500_000_000, currency: 'IQD', dueOn: '2026-04-01', conditions: [{ kind: 'training_attended', trainingId }] },
    ]);
    expect(set.statusCode, set.body).toBe(200);
    const [first, second] = set.json().components[0].tranches;
    const [named, unrelated] = first.conditions;

    // Refused by hand with the figures: one person of the case enrolled, one of two sessions attended, no completion.
    const refused = await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/conditions/${named.id}/met`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'TRANCHE_TRAINING_NOT_COMPLETED', details: { trainingId, enrolled: 1, attended: 1, totalSessions: 2 } });
    expect((await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/conditions/${unrelated.id}/met`, {})).json().error)
      .toMatchObject({ code: 'TRANCHE_TRAINING_NOT_COMPLETED', details: { enrolled: 0, attended: 0, totalSessions: 0 } });
    // "Not completed" meets nothing.
    expect((await call(s.ro, 'PUT', `/api/group-trainings/${trainingId}/participants/${s.principal}/completion`, { completion: 'not_completed' })).statusCode).toBe(200);
    expect((await payments(s.ro, s.caseId)).json().components[0].tranches[0].conditions[0].met).toBe(false);

    // Setting the completion meets the open conditions naming that training, with who and when, audited.
    const done = await call(s.om, 'PUT', `/api/group-trainings/${trainingId}/participants/${s.principal}/completion`, { completion: 'completed' });
    expect(done.statusCode, done.body).toBe(200);
    const tranches = (await payments(s.ro, s.caseId)).json().components[0].tranches;
    expect(tranches[0].conditions[0]).toMatchObject({ met: true, metBy: { id: s.ids.office_manager.id }, metAt: '2026-03-02T09:00:00.000Z', note: 'Training completed' });
    expect(tranches[0].conditions[1]).toMatchObject({ met: false });
    expect(tranches[1].conditions[0]).toMatchObject({ met: true, metBy: { id: s.ids.office_manager.id } });
    const audited = await db.selectFrom('audit_event').select(['event', 'after']).where('case_id', '=', s.caseId).where('event', '=', 'payment.tranche.condition_met').orderBy('id').execute();
    expect(audited).toHaveLength(2);
    expect(audited[0]!.after).toMatchObject({ kind: 'training_attended', trainingId, personId: s.principal, automatic: true });
    expect(second.id).toBe(tranches[1].id);
  });
});

describe('disbursements', () => {
  it('store the rate of the payment day, its source and the converted amounts, never recomputed; reach the budget line’s ledger; need an Idempotency-Key', async () => {
    const s = await setup();
    const trancheId = await released(s);
    const body = { trancheId, recipient: 'provider', providerId: s.providerId, method: 'bank_transfer', amountMinor: 10_000, currency: 'USD', paidOn: '2026-03-01', reference: 'TX-1' };
    const missingKey = await pay(s.fin, s.caseId, body, null);
    expect(missingKey.statusCode).toBe(400);
    expect(missingKey.json().error.code).toBe('DISBURSEMENT_KEY_REQUIRED');
    expect((await pay(s.fin, s.caseId, { ...body, paidOn: '2026-03-03' })).json().error.code).toBe('DISBURSEMENT_DATE_IN_FUTURE');
    expect((await pay(s.fin, s.caseId, { ...body, providerId: undefined })).statusCode).toBe(400);
    expect((await pay(s.cw, s.caseId, body)).statusCode).toBe(403);

    const res = await pay(s.fin, s.caseId, body);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    // 100.00 USD = 131,000.000 IQD (component), 90.00 EUR (project and budget line).
    expect(d).toMatchObject({
      status: 'paid', amountMinor: 10_000, currency: 'USD', needsApproval: false,
      inComponentCurrency: { currency: 'IQD', amountMinor: 131_000_000, rate: '1310', source: 'direct: manual' },
      inProjectCurrency: { currency: 'EUR', amountMinor: 9_000, rate: '0.9', source: 'direct: manual' },
      inBudgetLineCurrency: { budgetLineId: s.lineId, currency: 'EUR', amountMinor: 9_000, rate: '0.9' },
    });
    const ledger = await db.selectFrom('budget_entry').select(['kind', 'amount_minor', 'currency', 'case_id']).where('budget_line_id', '=', s.lineId).execute();
    expect(ledger).toEqual([{ kind: 'disbursement', amount_minor: 9_000, currency: 'EUR', case_id: s.caseId }]);
    // The entry names the component first: releasing the plan's commitment counts what was paid by it.
    const { component_key } = await db.selectFrom('reintegration_component').select('component_key').where('budget_line_id', '=', s.lineId).executeTakeFirstOrThrow();
    const entry = await db.selectFrom('budget_entry').select('reference').where('budget_line_id', '=', s.lineId).executeTakeFirstOrThrow();
    expect(entry.reference).toBe(`${component_key} disbursement ${d.id}`);

    // A correction of that day's rate is entered later: the payment keeps what it used.
    await rate('USD', 'EUR', '0.95', '2026-03-01', 'Corrected');
    const after = (await payments(s.fin, s.caseId)).json().components[0].tranches[0].disbursements[0];
    expect(after.inProjectCurrency).toEqual({ currency: 'EUR', amountMinor: 9_000, rate: '0.9', source: 'direct: manual' });
    expect(after.inComponentCurrency.amountMinor).toBe(131_000_000);
    // Money rows are never changed.
    await expect(sql`UPDATE disbursement SET amount_minor = 1 WHERE id = ${d.id}`.execute(db)).rejects.toThrow(/never changed/);

    // A suspended provider receives no payment.
    await db.updateTable('service_provider').set({ status: 'suspended', status_reason: 'Fraud inquiry' }).where('id', '=', s.providerId).execute();
    expect((await pay(s.fin, s.caseId, { ...body, amountMinor: 100 })).json().error.code).toBe('PROVIDER_SUSPENDED');
    // A returnee is a member of the household.
    expect((await pay(s.fin, s.caseId, { ...body, recipient: 'returnee', providerId: undefined, personId: randomUUID() })).json().error.code).toBe('DISBURSEMENT_RECIPIENT_INVALID');
  });

  it('are recorded exactly once: 20 identical parallel POSTs make one payment; the key is unique in the database', async () => {
    const s = await setup();
    const trancheId = await released(s);
    const body = { trancheId, recipient: 'returnee', method: 'mobile_money', amountMinor: 50_000_000, currency: 'IQD', paidOn: NOW };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(s.fin, s.caseId, body, key)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    for (const a of answers) expect(a.json()).toEqual(answers[0]!.json());
    expect(answers.filter((a) => a.headers['idempotent-replay'] === 'true')).toHaveLength(19);
    const rows = await db.selectFrom('disbursement').select(['id', 'request_key', 'person_id']).where('case_id', '=', s.caseId).execute();
    expect(rows).toEqual([{ id: answers[0]!.json().id, request_key: key, person_id: s.principal }]);
    expect(await db.selectFrom('budget_entry').select('id').where('budget_line_id', '=', s.lineId).execute()).toHaveLength(1);

    // Another person sending the same key (the platform's keys are per user): the database keeps one payment.
    const again = await Promise.all([pay(s.ro, s.caseId, body, key), pay(s.ro, s.caseId, body, key)]);
    expect(again.map((a) => a.statusCode)).toEqual([409, 409]);
    expect(again[0]!.json().error.code).toBe('DISBURSEMENT_KEY_REUSED');
    expect(await db.selectFrom('disbursement').select('id').where('case_id', '=', s.caseId).execute()).toHaveLength(1);
    await expect(db.insertInto('disbursement').values({
      request_key: key, case_id: s.caseId, tranche_id: trancheId, recipient: 'returnee', person_id: s.principal, method: 'cash', amount_minor: 1, currency: 'IQD', paid_on: NOW,
      reference: null, note: null, provider_id: null, component_currency: 'IQD', component_amount_minor: 1, component_rate: '1', component_rate_source: 'same',
      project_currency: null, project_amount_minor: null, project_rate: null, project_rate_source: null, budget_line_id: null, budget_currency: null, budget_amount_minor: null,
      budget_rate: null, budget_rate_source: null, threshold_minor: null, threshold_currency: null, needs_approval: false, recorded_by: s.ids.finance_officer.id, recorded_at: new Date(),
    }).execute()).rejects.toThrow(/request_key/);
  });

  it('above the office’s threshold wait for a second person’s approval (never the recorder), or are rejected with a reason', async () => {
    const s = await setup({ threshold: { amountMinor: 5_000, currency: 'EUR' } });
    const threshold = await call(s.om, 'GET', `/api/offices/${s.office.office.id}/disbursement-threshold`);
    expect(threshold.json()).toMatchObject({ amountMinor: 5_000, currency: 'EUR', setBy: { id: s.ids.finance_officer.id } });
    expect((await call(s.om, 'PUT', `/api/offices/${s.office.office.id}/disbursement-threshold`, { amountMinor: 1, currency: 'EUR' })).statusCode).toBe(403);
    expect((await call(s.fin, 'PUT', `/api/offices/${s.office.office.id}/disbursement-threshold`, { amountMinor: 1.5, currency: 'EUR' })).statusCode).toBe(400);
    const trancheId = await released(s);
    // 50.00 EUR in IQD: 72,777.778 IQD at the rate through USD. 65,000.000 IQD = 44.66 EUR (below).
    const below = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 65_000_000, currency: 'IQD', paidOn: NOW });
    expect(below.json()).toMatchObject({ status: 'paid', needsApproval: false, threshold: { amountMinor: 5_000, currency: 'EUR' } });
    const above = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 80_000_000, currency: 'IQD', paidOn: NOW });
    expect(above.statusCode, above.body).toBe(201);
    expect(above.json()).toMatchObject({ status: 'awaiting_approval', needsApproval: true, decision: null });
    const id = above.json().id as string;
    expect(await db.selectFrom('budget_entry').select('amount_minor').where('budget_line_id', '=', s.lineId).execute()).toHaveLength(1);
    expect((await act(s.om, s.caseId, id, 'receipts', { attachmentId: await attach(s.caseId, s.ids.office_manager.id) })).statusCode).toBe(403);
    expect((await act(s.fin, s.caseId, id, 'receipts', { attachmentId: await attach(s.caseId, s.ids.office_manager.id) })).json().error.code).toBe('DISBURSEMENT_NOT_PAID');

    // The queue shows it to approvers.
    const queue = await call(s.om, 'GET', `/api/disbursements/queue?kind=awaiting_approval&officeId=${s.office.office.id}`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toMatchObject({ total: 1, items: [{ kind: 'awaiting_approval', caseId: s.caseId, disbursementId: id, amountMinor: 80_000_000, currency: 'IQD' }] });

    // The recorder cannot approve; a second person does, and then it is paid and in the ledger.
    const self = await pay(s.fin, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 90_000_000, currency: 'IQD', paidOn: NOW });
    expect((await act(s.fin, s.caseId, self.json().id, 'approve')).json().error.code).toBe('DISBURSEMENT_SELF_APPROVAL');
    expect((await act(s.ro, s.caseId, id, 'approve')).statusCode).toBe(403);
    const approved = await act(s.om, s.caseId, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'paid', decision: { decision: 'approved', decidedBy: { id: s.ids.office_manager.id } } });
    expect((await act(s.manager2.session, s.caseId, id, 'approve')).json().error.code).toBe('DISBURSEMENT_NOT_AWAITING');
    // The database refuses a decision by the recorder, or one naming another recorder than the payment's.
    const selfRow = { disbursement_id: self.json().id, decision: 'approved' as const, reason: null, decided_at: new Date() };
    await expect(db.insertInto('disbursement_decision').values({ ...selfRow, recorded_by: s.ids.finance_officer.id, decided_by: s.ids.finance_officer.id }).execute()).rejects.toThrow(/check/);
    await expect(db.insertInto('disbursement_decision').values({ ...selfRow, recorded_by: s.ids.office_manager.id, decided_by: s.ids.finance_officer.id }).execute()).rejects.toThrow(/foreign key/);
    expect((await db.selectFrom('budget_entry').select('amount_minor').where('budget_line_id', '=', s.lineId).execute())).toHaveLength(2);

    // Rejection needs a reason and never counts as paid.
    expect((await act(s.manager2.session, s.caseId, self.json().id, 'reject', {})).statusCode).toBe(400);
    const rejected = await act(s.manager2.session, s.caseId, self.json().id, 'reject', { reason: 'Wrong recipient' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decision: { decision: 'rejected', reason: 'Wrong recipient', decidedBy: { id: s.manager2.id } } });
    const tranche = (await payments(s.ro, s.caseId)).json().components[0].tranches[0];
    expect(tranche.paidMinor).toBe(145_000_000);
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', s.caseId).where('event', 'like', 'disbursement.%').orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['disbursement.recorded', 'disbursement.recorded', 'disbursement.recorded', 'disbursement.approved', 'disbursement.rejected']);
  });

  it('need a receipt or a waiver before their component is delivered; a mistaken one is reversed, never edited', async () => {
    const s = await setup();
    const trancheId = await released(s);
    const first = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'voucher', amountMinor: 400_000_000, currency: 'IQD', paidOn: NOW });
    const second = await pay(s.ro, s.caseId, { trancheId, recipient: 'provider', providerId: s.providerId, method: 'in_kind', amountMinor: 600_000_000, currency: 'IQD', paidOn: NOW });
    expect(second.statusCode, second.body).toBe(201);
    const missing = await call(s.fin, 'GET', '/api/disbursements/queue?kind=missing_receipts');
    expect(missing.json().items.filter((i: { caseId: string }) => i.caseId === s.caseId)).toHaveLength(2);

    const refused = await componentStatus(s, s.cashId, 'delivered');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'COMPONENT_RECEIPTS_MISSING', details: { missing: 2 } });

    const otherCase = (await call(s.cw, 'POST', '/api/cases', householdInput())).json().id as string;
    expect((await act(s.ro, s.caseId, first.json().id, 'receipts', { attachmentId: await attach(otherCase, s.ids.caseworker.id) })).json().error.code).toBe('DISBURSEMENT_RECEIPT_NOT_FOUND');
    const receipt = await attach(s.caseId, s.ids.reintegration_officer.id);
    const withReceipt = await act(s.ro, s.caseId, first.json().id, 'receipts', { attachmentId: receipt });
    expect(withReceipt.json()).toMatchObject({ receiptDone: true, receipts: [{ attachmentId: receipt, waiverReason: null }] });
    expect((await act(s.ro, s.caseId, second.json().id, 'waive', { reason: 'Goods handed over in a market' })).statusCode).toBe(403);
    // The second was a mistake: reversed with a reason (and in the ledger); then the component may be delivered.
    expect((await act(s.ro, s.caseId, second.json().id, 'reverse', { reason: 'Paid twice' })).statusCode).toBe(403);
    expect((await act(s.om, s.caseId, second.json().id, 'reverse', {})).statusCode).toBe(400);
    const reversed = await act(s.om, s.caseId, second.json().id, 'reverse', { reason: 'Recorded against the wrong case' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json()).toMatchObject({ status: 'reversed', reversal: { reason: 'Recorded against the wrong case', reversedBy: { id: s.ids.office_manager.id } } });
    expect((await act(s.om, s.caseId, second.json().id, 'reverse', { reason: 'Again' })).json().error.code).toBe('DISBURSEMENT_ALREADY_REVERSED');
    const ledger = await db.selectFrom('budget_entry').select(['kind', 'amount_minor']).where('budget_line_id', '=', s.lineId).orderBy('entered_at').orderBy('kind').execute();
    expect(ledger.map((e) => e.kind).sort()).toEqual(['disbursement', 'disbursement', 'reversal']);
    const secondRow = await db.selectFrom('disbursement').select(['amount_minor', 'budget_amount_minor']).where('id', '=', second.json().id).executeTakeFirstOrThrow();
    expect(ledger.find((e) => e.kind === 'reversal')!.amount_minor).toBe(secondRow.budget_amount_minor);
    expect(secondRow.amount_minor).toBe(600_000_000);
    await expect(sql`DELETE FROM disbursement_reversal WHERE disbursement_id = ${second.json().id}`.execute(db)).rejects.toThrow(/never changed/);

    // A waiver by a supervisor also settles a payment.
    const third = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 100_000_000, currency: 'IQD', paidOn: NOW });
    expect((await componentStatus(s, s.cashId, 'delivered')).json().error.code).toBe('COMPONENT_RECEIPTS_MISSING');
    expect((await act(s.om, s.caseId, third.json().id, 'waive', { reason: 'Cash handed over in a camp; no receipt possible' })).json())
      .toMatchObject({ receiptDone: true, receipts: [{ attachmentId: null, waiverReason: 'Cash handed over in a camp; no receipt possible' }] });
    const delivered = await componentStatus(s, s.cashId, 'delivered');
    expect(delivered.statusCode, delivered.body).toBe(200);
    // A delivered component takes no more payments or tranches.
    expect((await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 1, currency: 'IQD', paidOn: NOW })).json().error.code).toBe('PAYMENT_COMPONENT_CLOSED');
    expect((await schedule(s.ro, s.caseId, s.cashId, [{ amountMinor: 1, currency: 'IQD', dueOn: NOW, conditions: [] }])).json().error.code).toBe('PAYMENT_COMPONENT_CLOSED');
  });
});

describe('the cost of a case', () => {
  it('sums paid, non-reversed disbursements and travel payments per currency and in the project’s currency', async () => {
    const s = await setup({ threshold: { amountMinor: 100_000_000, currency: 'EUR' } });
    const empty = await call(s.fin, 'GET', `/api/cases/${s.caseId}/cost`);
    expect(empty.json()).toEqual({ caseId: s.caseId, projectCurrency: 'EUR', byCurrency: [], projectTotalMinor: 0 });
    const trancheId = await released(s);
    // 20.00 USD (18.00 EUR) paid; 10.00 USD paid then reversed; 50.00 USD rejected after waiting for approval: not counted.
    // Paid on 28 February, before the USD→EUR correction of 1 March that an earlier test entered: the rate of that day applies.
    const paid = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 2_000, currency: 'USD', paidOn: '2026-02-28' });
    expect(paid.statusCode, paid.body).toBe(201);
    const reversed = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 1_000, currency: 'USD', paidOn: NOW });
    await act(s.om, s.caseId, reversed.json().id, 'reverse', { reason: 'Mistake' });
    await call(s.fin, 'PUT', `/api/offices/${s.office.office.id}/disbursement-threshold`, { amountMinor: 1_000, currency: 'EUR' });
    const waiting = await pay(s.ro, s.caseId, { trancheId, recipient: 'returnee', method: 'cash', amountMinor: 5_000, currency: 'USD', paidOn: NOW });
    expect(waiting.json().status).toBe('awaiting_approval');
    // Travel payments: 100.00 EUR pocket money, 300.00 EUR installation grant, and 50.00 GBP (no rate stored).
    const booking = await db.insertInto('travel_booking').values({ case_id: s.caseId, travel_date: '2026-02-20', created_by: s.ids.caseworker.id }).returning('id').executeTakeFirstOrThrow();
    const travel = (kind: 'pocket_money' | 'installation_grant', amount_minor: number, currency: string) => ({ booking_id: booking.id, person_id: null, kind, amount_minor, currency, receipt_attachment_id: null, paid_by: s.ids.caseworker.id, paid_at: new Date('2026-02-20T08:00:00Z'), created_at: new Date() });
    await db.insertInto('travel_payment').values([travel('pocket_money', 10_000, 'EUR'), travel('installation_grant', 30_000, 'EUR')]).execute();
    const cost = await call(s.cw, 'GET', `/api/cases/${s.caseId}/cost`);
    expect(cost.statusCode, cost.body).toBe(200);
    expect(cost.json()).toEqual({
      caseId: s.caseId, projectCurrency: 'EUR',
      byCurrency: [
        { currency: 'EUR', amountMinor: 40_000, items: 2, projectAmountMinor: 40_000 },
        { currency: 'USD', amountMinor: 2_000, items: 1, projectAmountMinor: 1_800 },
      ],
      projectTotalMinor: 41_800,
    });
    await db.insertInto('travel_payment').values(travel('pocket_money', 5_000, 'GBP')).execute();
    const partial = (await call(s.cw, 'GET', `/api/cases/${s.caseId}/cost`)).json();
    expect(partial.byCurrency[0]).toEqual({ currency: 'EUR', amountMinor: 40_000, items: 2, projectAmountMinor: 40_000 });
    expect(partial.byCurrency.find((c: { currency: string }) => c.currency === 'GBP')).toEqual({ currency: 'GBP', amountMinor: 5_000, items: 1, projectAmountMinor: null });
    expect(partial.projectTotalMinor).toBeNull();
    // Out of scope: 404.
    const stranger = (await officeWith(['caseworker'])).users.caseworker.session;
    expect((await call(stranger, 'GET', `/api/cases/${s.caseId}/cost`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', `/api/cases/${s.caseId}/payments`)).statusCode).toBe(404);
  });
});

describe('the disbursement queue', () => {
  it('lists due tranches not fully paid in the actor’s scope, in pages', async () => {
    const s = await setup();
    const set = await schedule(s.ro, s.caseId, s.cashId, [
      { amountMinor: 600_000_000, currency: 'IQD', dueOn: '2026-03-01', conditions: [] },
      { amountMinor: 400_000_000, currency: 'IQD', dueOn: '2026-04-01', conditions: [] },
    ]);
    const [first] = set.json().components[0].tranches;
    const due = async (session: Session) => (await call(session, 'GET', `/api/disbursements/queue?kind=due&officeId=${s.office.office.id}&pageSize=1`)).json();
    // Due by today though not released yet; the second is not due yet.
    expect(await due(s.fin)).toMatchObject({ total: 1, page: 1, pageSize: 1, items: [{ trancheId: first.id, released: false, amountMinor: 600_000_000, dueOn: '2026-03-01', componentType: 'cash_allowance' }] });
    await call(s.ro, 'POST', `/api/cases/${s.caseId}/tranches/${first.id}/release`);
    await pay(s.ro, s.caseId, { trancheId: first.id, recipient: 'returnee', method: 'cash', amountMinor: 200_000_000, currency: 'IQD', paidOn: NOW });
    expect((await due(s.ro)).items[0]).toMatchObject({ released: true, amountMinor: 400_000_000 });
    await pay(s.ro, s.caseId, { trancheId: first.id, recipient: 'returnee', method: 'cash', amountMinor: 400_000_000, currency: 'IQD', paidOn: NOW });
    expect((await due(s.ro)).total).toBe(0);
    // Another office's officer does not see it.
    const elsewhere = (await officeWith(['reintegration_officer'])).users.reintegration_officer.session;
    expect((await call(elsewhere, 'GET', '/api/disbursements/queue?kind=missing_receipts')).json().items.filter((i: { caseId: string }) => i.caseId === s.caseId)).toEqual([]);
    expect((await call(s.cw, 'GET', '/api/disbursements/queue?kind=due')).statusCode).toBe(403);
    expect((await call(s.ro, 'GET', '/api/disbursements/queue?kind=everything')).statusCode).toBe(400);
  });
});
