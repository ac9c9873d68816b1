import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db, fx, login } = t;

const NOW = '2026-03-02';
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e9a8d60000000049454e44ae426082', 'hex');

// USD 1 = IQD 1310.
const rateUser = (await fx.user({ roles: ['finance_officer'], organisationId: (await fx.organisation()).id, officeId: null })).id;
await db.insertInto('exchange_rate').values({ from_currency: 'USD', to_currency: 'IQD', rate: '1310', effective_from: '2026-01-01', source: 'manual', reason: null, entered_by: rateUser, entered_at: new Date() }).execute();

/** An origin office with a community project in USD (budget 5,000.00), a provider, a partner by name, and a second manager. */
async function setup(threshold?: { amountMinor: number; currency: string }) {
  const office = await officeWith(['reintegration_officer', 'office_manager', 'finance_officer'], { kind: 'origin', country: 'IQ' });
  const u = office.users;
  const other = await fx.user({ roles: ['office_manager'], organisationId: office.organisationId, officeId: office.office.id });
  const manager2 = await login(other.email, other.password);
  const provider = await call(u.reintegration_officer.session, 'POST', '/api/providers', { name: 'Mosul Builders', kind: 'supplier', countryCode: 'IQ', place: 'Mosul', services: [] });
  expect(provider.statusCode, provider.body).toBe(201);
  const project = await call(u.reintegration_officer.session, 'POST', '/api/community-projects', {
    title: 'Community bakery', countryCode: 'IQ', place: 'Mosul', budgetMinor: 500_000, currency: 'USD',
    partners: [{ name: 'Mosul Women’s Association' }, { providerId: provider.json().id }], startsOn: '2026-02-01', endsOn: '2026-09-30',
    beneficiaries: { returneesFemale: 3, returneesMale: 2, returneesOther: 0, communityFemale: 10, communityMale: 8, communityOther: 1 },
  }, { 'idempotency-key': randomUUID() });
  expect(project.statusCode, project.body).toBe(201);
  if (threshold) expect((await call(u.finance_officer.session, 'PUT', `/api/offices/${office.office.id}/disbursement-threshold`, threshold)).statusCode).toBe(200);
  return {
    office, projectId: project.json().id as string, providerId: provider.json().id as string, manager2,
    ro: u.reintegration_officer.session, om: u.office_manager.session, fin: u.finance_officer.session, ids: u,
  };
}

const base = (id: string) => `/api/community-projects/${id}/disbursements`;
const pay = (s: Session, id: string, body: Record<string, unknown>, key: string | null = randomUUID()) => call(s, 'POST', base(id), body, key ? { 'idempotency-key': key } : {});
const act = (s: Session, id: string, d: string, what: string, body?: unknown) => call(s, 'POST', `${base(id)}/${d}/${what}`, body);
const partner = { recipient: 'partner', partnerName: 'Mosul Women’s Association', method: 'bank_transfer', paidOn: NOW };

describe('community project disbursements', () => {
  it('store the rate of the payment day into the project’s currency, exactly once per key, never past the budget', async () => {
    const s = await setup();
    expect((await pay(s.ro, s.projectId, { ...partner, amountMinor: 100, currency: 'USD' }, null)).json().error.code).toBe('DISBURSEMENT_KEY_REQUIRED');
    expect((await pay(s.ro, s.projectId, { ...partner, partnerName: 'Someone else', amountMinor: 100, currency: 'USD' })).json().error)
      .toMatchObject({ code: 'DISBURSEMENT_PARTNER_UNKNOWN', details: { field: 'partnerName' } });
    expect((await pay(s.ro, s.projectId, { ...partner, recipient: 'returnee', amountMinor: 100, currency: 'USD' })).statusCode).toBe(400);
    expect((await pay(s.ro, s.projectId, { ...partner, amountMinor: 100, currency: 'USD', paidOn: '2026-03-03' })).json().error.code).toBe('DISBURSEMENT_DATE_IN_FUTURE');

    // 1,310,000.000 IQD = 1,000.00 USD at the stored rate.
    const key = randomUUID();
    const body = { ...partner, amountMinor: 1_310_000_000, currency: 'IQD', reference: 'TX-7' };
    const first = await pay(s.ro, s.projectId, body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      communityProjectId: s.projectId, recipient: 'partner', partnerName: 'Mosul Women’s Association', status: 'paid', needsApproval: false,
      inProjectCurrency: { currency: 'USD', amountMinor: 100_000, rate: expect.stringMatching(/^0\.000763358778625954/), source: 'inverse: manual' },
    });
    const again = await pay(s.ro, s.projectId, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    // Another person with the same key: the unique column keeps one payment.
    expect((await pay(s.fin, s.projectId, body, key)).json().error.code).toBe('DISBURSEMENT_KEY_REUSED');

    // Twenty identical parallel requests make one payment.
    const parallelKey = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => pay(s.fin, s.projectId, { recipient: 'provider', providerId: s.providerId, method: 'cash', amountMinor: 50_000, currency: 'USD', paidOn: NOW }, parallelKey)));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const rows = await db.selectFrom('disbursement').select('id').where('community_project_id', '=', s.projectId).execute();
    expect(rows).toHaveLength(2);

    // 5,000.00 budget, 1,500.00 paid: 3,500.01 is refused with what remains.
    expect((await pay(s.ro, s.projectId, { ...partner, amountMinor: 350_001, currency: 'USD' })).json().error)
      .toMatchObject({ code: 'COMMUNITY_BUDGET_EXCEEDED', details: { remainingMinor: 350_000, currency: 'USD' } });
    const list = await call(s.om, 'GET', base(s.projectId));
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ currency: 'USD', budgetMinor: 500_000, paidMinor: 150_000, awaitingMinor: 0 });
    expect(list.json().items).toHaveLength(2);

    // The database holds exactly one owner per payment.
    const d = await db.selectFrom('disbursement').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
    await expect(db.insertInto('disbursement').values({ ...d, id: randomUUID(), request_key: randomUUID(), community_project_id: null }).execute()).rejects.toThrow(/disbursement_one_owner/);

    // Another office neither reads nor pays it; a cancelled project takes no more payments.
    const b = await officeWith(['reintegration_officer'], { kind: 'origin', country: 'IQ' });
    expect((await call(b.users.reintegration_officer.session, 'GET', base(s.projectId))).statusCode).toBe(404);
    expect((await pay(b.users.reintegration_officer.session, s.projectId, { ...partner, amountMinor: 100, currency: 'USD' })).statusCode).toBe(404);
    const project = (await call(s.ro, 'GET', `/api/community-projects/${s.projectId}`));
    const cancel = await call(s.ro, 'POST', `/api/community-projects/${s.projectId}/status`, { status: 'cancelled', reason: 'Site lost' }, { 'if-match': project.headers.etag as string });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await pay(s.ro, s.projectId, { ...partner, amountMinor: 100, currency: 'USD' })).json().error.code).toBe('COMMUNITY_PROJECT_CLOSED');
  });

  it('above the office’s threshold wait for a second person, who approves or rejects; receipts, waivers and reversals are new entries', async () => {
    const s = await setup({ amountMinor: 100_000, currency: 'USD' });
    const big = await pay(s.ro, s.projectId, { recipient: 'provider', providerId: s.providerId, method: 'bank_transfer', amountMinor: 120_000, currency: 'USD', paidOn: NOW });
    expect(big.json()).toMatchObject({ status: 'awaiting_approval', needsApproval: true, threshold: { amountMinor: 100_000, currency: 'USD' }, providerName: 'Mosul Builders' });
    const id = big.json().id as string;
    expect((await call(s.ro, 'GET', base(s.projectId))).json()).toMatchObject({ paidMinor: 0, awaitingMinor: 120_000 });
    expect((await act(s.ro, s.projectId, id, 'approve')).statusCode).toBe(403);
    expect((await act(s.om, s.projectId, id, 'receipts')).statusCode).toBe(403);
    const approved = await act(s.om, s.projectId, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'paid', decision: { decision: 'approved', decidedBy: { id: s.ids.office_manager.id } } });
    expect((await act(s.manager2, s.projectId, id, 'approve')).json().error.code).toBe('DISBURSEMENT_NOT_AWAITING');

    // Recorded by the finance officer, who cannot decide on it; rejected by another with the reason.
    const second = await pay(s.fin, s.projectId, { ...partner, amountMinor: 150_000, currency: 'USD' });
    expect((await act(s.fin, s.projectId, second.json().id, 'approve')).json().error.code).toBe('DISBURSEMENT_SELF_APPROVAL');
    expect((await act(s.om, s.projectId, second.json().id, 'reject', {})).statusCode).toBe(400);
    expect((await act(s.om, s.projectId, second.json().id, 'reject', { reason: 'Quote not attached' })).json()).toMatchObject({ status: 'rejected', decision: { reason: 'Quote not attached' } });
    expect((await act(s.om, s.projectId, second.json().id, 'waive', { reason: 'x' })).json().error.code).toBe('DISBURSEMENT_NOT_PAID');

    // A receipt file (type from its bytes), or a waiver with the reason.
    const { payload, contentType } = multipartUpload({ name: 'receipt.pdf', content: png });
    const receipt = await t.app.inject({ method: 'POST', url: `${base(s.projectId)}/${id}/receipts`, payload, headers: { cookie: s.ro.cookie, 'x-csrf-token': s.ro.csrf, 'content-type': contentType } });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json()).toMatchObject({ receiptDone: true, receipts: [{ fileName: 'receipt.pdf', contentType: 'image/png', waiverReason: null }] });
    const small = await pay(s.ro, s.projectId, { ...partner, method: 'cash', amountMinor: 10_000, currency: 'USD' });
    expect((await act(s.ro, s.projectId, small.json().id, 'waive', { reason: 'x' })).statusCode).toBe(403);
    expect((await act(s.om, s.projectId, small.json().id, 'waive', { reason: 'Paid at the market, no receipt given' })).json()).toMatchObject({ receiptDone: true, receipts: [{ waiverReason: 'Paid at the market, no receipt given' }] });

    // A mistaken payment is reversed once, with the reason, and no longer counts.
    expect((await act(s.om, s.projectId, small.json().id, 'reverse', {})).statusCode).toBe(400);
    const reversed = await act(s.om, s.projectId, small.json().id, 'reverse', { reason: 'Paid twice' });
    expect(reversed.json()).toMatchObject({ status: 'reversed', reversal: { reason: 'Paid twice', reversedBy: { id: s.ids.office_manager.id } } });
    expect((await act(s.om, s.projectId, small.json().id, 'reverse', { reason: 'again' })).json().error.code).toBe('DISBURSEMENT_ALREADY_REVERSED');
    expect((await call(s.om, 'GET', base(s.projectId))).json()).toMatchObject({ paidMinor: 120_000, awaitingMinor: 0 });

    const events = await db.selectFrom('audit_event').select('event').where('entity_type', '=', 'disbursement')
      .where('entity_id', 'in', [id, second.json().id, small.json().id]).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual([
      'disbursement.recorded', 'disbursement.approved', 'disbursement.recorded', 'disbursement.rejected', 'disbursement.receipt_added',
      'disbursement.recorded', 'disbursement.receipt_waived', 'disbursement.reversed',
    ]);
    // Append-only, as every payment.
    await expect(db.updateTable('disbursement').set({ note: 'edited' }).where('id', '=', id).execute()).rejects.toThrow();
  });

  it('wait in the disbursement queue of the project’s office, for approval and then for their receipt', async () => {
    const s = await setup({ amountMinor: 100_000, currency: 'USD' });
    const elsewhere = await officeWith(['office_manager'], { kind: 'origin', country: 'IQ' });
    const big = await pay(s.ro, s.projectId, { recipient: 'provider', providerId: s.providerId, method: 'bank_transfer', amountMinor: 120_000, currency: 'USD', paidOn: NOW });
    const id = big.json().id as string;
    const queue = async (who: Session, kind: string) => {
      const r = await call(who, 'GET', `/api/disbursements/queue?kind=${kind}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { total: number; items: { disbursementId: string; caseId: string | null; communityProject: { id: string; title: string } | null; amountMinor: number; currency: string }[] };
    };
    const awaiting = await queue(s.om, 'awaiting_approval');
    expect(awaiting.items.filter((x) => x.disbursementId === id)).toEqual([
      expect.objectContaining({ caseId: null, communityProject: { id: s.projectId, title: 'Community bakery' }, amountMinor: 120_000, currency: 'USD' }),
    ]);
    expect(awaiting.total).toBe(awaiting.items.length);
    // Another office's manager does not see it.
    expect((await queue(elsewhere.users.office_manager.session, 'awaiting_approval')).items.some((x) => x.disbursementId === id)).toBe(false);
    expect((await queue(s.om, 'missing_receipts')).items.some((x) => x.disbursementId === id)).toBe(false);
    expect((await act(s.om, s.projectId, id, 'approve')).statusCode).toBe(200);
    expect((await queue(s.om, 'awaiting_approval')).items.some((x) => x.disbursementId === id)).toBe(false);
    expect((await queue(s.fin, 'missing_receipts')).items.some((x) => x.disbursementId === id)).toBe(true);
    expect((await act(s.om, s.projectId, id, 'waive', { reason: 'Receipt lost in the flood' })).statusCode).toBe(200);
    expect((await queue(s.fin, 'missing_receipts')).items.some((x) => x.disbursementId === id)).toBe(false);
  });
});
