import { describe, expect, it } from 'vitest';
import { testApp, type Session } from '../../test-support/harness.js';
import { assertProviderUsable } from './index.js';
import type { Actor } from '../../platform/actor.js';

const t = await testApp();

/** An officer of the office as other modules hand it to the check (reading cases, managing providers there). */
const officerOf = (userId: string, officeId: string, organisationId: string) =>
  ({ userId, name: 'Officer', officeId, organisationId, grants: new Map([['case.read', 'office'], ['provider.manage', 'office']]), roles: [] }) as unknown as Actor;
const { call, officeWith, db } = t;

const centre = (overrides: Record<string, unknown> = {}) => ({
  name: 'Baghdad Vocational Training Centre',
  kind: 'training_centre',
  countryCode: 'IQ',
  place: 'Baghdad',
  contactPerson: 'Layla Hassan',
  phone: '+964 770 123 4567',
  email: 'contact@bvtc.example.org',
  services: ['vocational_training', 'on_the_job_training'],
  servicesNote: 'Welding and tailoring courses',
  payment: { method: 'mobile_money', accountName: 'BVTC', institution: 'Zain Cash', accountNumber: '07701234567' },
  ...overrides,
});

async function origin() {
  return officeWith(['reintegration_officer', 'office_manager', 'caseworker', 'monitoring_officer'], { kind: 'origin', country: 'IQ' });
}

async function create(s: Session, body: Record<string, unknown> = centre(), headers: Record<string, string> = {}) {
  const res = await call(s, 'POST', '/api/providers', body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res;
}

const search = async (s: Session, body: Record<string, unknown> = {}) => {
  const res = await call(s, 'POST', '/api/providers/search', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; name: string; payment?: unknown; canManage: boolean }[]; total: number };
};

describe('service provider registry', () => {
  it('registers a provider once per Idempotency-Key, its payment details encrypted at rest and shown masked to managers only', async () => {
    const o = await origin();
    const ro = o.users.reintegration_officer.session;
    const first = await create(ro, centre(), { 'idempotency-key': 'prov-1' });
    const replay = await create(ro, centre(), { 'idempotency-key': 'prov-1' });
    expect(replay.headers['idempotent-replay']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    const view = first.json();
    expect(view).toMatchObject({ status: 'vetted', officeId: o.office.id, services: ['vocational_training', 'on_the_job_training'], payment: { method: 'mobile_money', maskedNumber: '••••4567' }, canManage: true });
    expect(first.headers.etag).toBe(`"${view.id}.1"`);
    expect(first.body).not.toContain('07701234567');

    const row = await db.selectFrom('service_provider').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(row.payment_encrypted).toMatch(/^v1\./);
    expect(row.payment_encrypted).not.toContain('0770');
    const created = await db.selectFrom('audit_event').select(['after', 'details']).where('event', '=', 'provider.created').where('entity_id', '=', view.id).execute();
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created)).not.toContain('0770');
    expect(JSON.stringify(created)).not.toContain('Zain');

    // Staff who read cases read the registry, without the payment details.
    const cw = o.users.caseworker.session;
    const listed = await search(cw);
    expect(listed.items.map((p) => p.id)).toEqual([view.id]);
    expect(listed.items[0]).not.toHaveProperty('payment');
    expect(listed.items[0].canManage).toBe(false);
    const one = await call(cw, 'GET', `/api/providers/${view.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).not.toHaveProperty('payment');
    // ... and may not change it.
    expect((await call(cw, 'POST', '/api/providers', centre())).statusCode).toBe(403);
    expect((await call(cw, 'POST', `/api/providers/${view.id}/payment-details/reveal`)).statusCode).toBe(403);
  });

  it('reveals the payment details on request, audited, and keeps them masked everywhere else', async () => {
    const o = await origin();
    const ro = o.users.reintegration_officer.session;
    const id = (await create(ro)).json().id as string;
    const res = await call(ro, 'POST', `/api/providers/${id}/payment-details/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ id, method: 'mobile_money', accountName: 'BVTC', institution: 'Zain Cash', accountNumber: '07701234567', branch: null });
    const revealed = await db.selectFrom('audit_event').select(['actor_id', 'office_id', 'before', 'after']).where('event', '=', 'provider.payment.revealed').where('entity_id', '=', id).execute();
    expect(revealed).toEqual([{ actor_id: o.users.reintegration_officer.id, office_id: o.office.id, before: null, after: null }]);
    expect(JSON.stringify((await search(o.users.office_manager.session)).items)).not.toContain('07701234567');

    const bare = (await create(ro, centre({ name: 'No account', payment: undefined }))).json();
    expect(bare.payment).toBeNull();
    const none = await call(ro, 'POST', `/api/providers/${bare.id}/payment-details/reveal`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('PROVIDER_NO_PAYMENT_DETAILS');
  });

  it('edits with If-Match: a stale or missing ETag is refused; the audit says that payment details changed, never what they are', async () => {
    const o = await origin();
    const ro = o.users.reintegration_officer.session;
    const created = await create(ro);
    const id = created.json().id as string;
    const etag = created.headers.etag as string;
    expect((await call(ro, 'PUT', `/api/providers/${id}`, centre({ place: 'Mosul' }))).statusCode).toBe(428);
    const edited = await call(ro, 'PUT', `/api/providers/${id}`, centre({ place: 'Mosul', payment: { method: 'bank', accountName: 'BVTC', institution: 'Rafidain Bank', accountNumber: 'IQ98 RAFB 0012 3456 7890 999' } }), { 'if-match': etag });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, place: 'Mosul', payment: { method: 'bank', maskedNumber: '••••0999' } });
    const stale = await call(ro, 'PUT', `/api/providers/${id}`, centre({ place: 'Basra' }), { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    // Without `payment` the stored details stay.
    const kept = await call(ro, 'PUT', `/api/providers/${id}`, centre({ place: 'Basra', payment: undefined }), { 'if-match': edited.headers.etag as string });
    expect(kept.json()).toMatchObject({ place: 'Basra', payment: { method: 'bank', maskedNumber: '••••0999' } });

    const updates = await db.selectFrom('audit_event').select(['before', 'after', 'details']).where('event', '=', 'provider.updated').where('entity_id', '=', id).orderBy('id').execute();
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ before: { place: 'Baghdad', paymentMethod: 'mobile_money' }, after: { place: 'Mosul', paymentMethod: 'bank' }, details: { paymentDetailsChanged: true } });
    expect(updates[1].details).toBeNull();
    expect(JSON.stringify(updates)).not.toMatch(/Rafidain|0999|0770/);
  });

  it('suspends with a reason and reinstates with a reason; a suspended provider is not usable; the status moves are audited', async () => {
    const o = await origin();
    const ro = o.users.reintegration_officer.session;
    const mgr = o.users.office_manager.session;
    const created = await create(ro);
    const id = created.json().id as string;
    const officer = officerOf(o.users.reintegration_officer.id, o.office.id, o.organisationId);
    await expect(assertProviderUsable(db, officer, id)).resolves.toMatchObject({ id, officeId: o.office.id });

    expect((await call(mgr, 'POST', `/api/providers/${id}/suspend`, { reason: '  ' }, { 'if-match': created.headers.etag as string })).statusCode).toBe(400);
    const suspended = await call(mgr, 'POST', `/api/providers/${id}/suspend`, { reason: 'Invoices for courses not held' }, { 'if-match': created.headers.etag as string });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', statusReason: 'Invoices for courses not held', statusChangedByName: expect.any(String), version: 2 });
    const again = await call(mgr, 'POST', `/api/providers/${id}/suspend`, { reason: 'Twice' }, { 'if-match': suspended.headers.etag as string });
    expect(again.json().error.code).toBe('PROVIDER_ALREADY_SUSPENDED');

    await expect(assertProviderUsable(db, officer, id)).rejects.toMatchObject({ code: 'PROVIDER_SUSPENDED', status: 409, details: { providerId: id, reason: 'Invoices for courses not held' } });
    expect((await search(ro, { status: 'suspended' })).items.map((p) => p.id)).toEqual([id]);

    const reinstated = await call(mgr, 'POST', `/api/providers/${id}/reinstate`, { reason: 'Audit cleared the centre' }, { 'if-match': suspended.headers.etag as string });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(reinstated.json()).toMatchObject({ status: 'vetted', statusReason: 'Audit cleared the centre', version: 3 });
    const twice = await call(mgr, 'POST', `/api/providers/${id}/reinstate`, { reason: 'Again' }, { 'if-match': reinstated.headers.etag as string });
    expect(twice.json().error.code).toBe('PROVIDER_NOT_SUSPENDED');
    await expect(assertProviderUsable(db, officer, id)).resolves.toMatchObject({ id });

    const events = await db.selectFrom('audit_event').select(['event', 'before', 'after']).where('entity_id', '=', id).where('event', 'in', ['provider.suspended', 'provider.reinstated']).orderBy('id').execute();
    expect(events).toEqual([
      { event: 'provider.suspended', before: { status: 'vetted', statusReason: null }, after: { status: 'suspended', statusReason: 'Invoices for courses not held' } },
      { event: 'provider.reinstated', before: { status: 'suspended', statusReason: 'Invoices for courses not held' }, after: { status: 'vetted', statusReason: 'Audit cleared the centre' } },
    ]);
  });

  it('keeps each office to its own registry: another office gets 404 and never sees it listed, nor may use it', async () => {
    const iq = await origin();
    const ng = await officeWith(['reintegration_officer'], { kind: 'origin', country: 'NG' });
    const id = (await create(iq.users.reintegration_officer.session)).json().id as string;
    const other = ng.users.reintegration_officer.session;
    expect((await search(other)).items).toEqual([]);
    expect((await call(other, 'GET', `/api/providers/${id}`)).statusCode).toBe(404);
    expect((await call(other, 'POST', `/api/providers/${id}/payment-details/reveal`)).statusCode).toBe(404);
    const current = await call(iq.users.reintegration_officer.session, 'GET', `/api/providers/${id}`);
    expect((await call(other, 'PUT', `/api/providers/${id}`, centre(), { 'if-match': current.headers.etag as string })).statusCode).toBe(404);
    expect((await call(other, 'POST', `/api/providers/${id}/suspend`, { reason: 'x' }, { 'if-match': current.headers.etag as string })).statusCode).toBe(404);
    // Registering in another office's registry is refused.
    const elsewhere = await call(other, 'POST', '/api/providers', centre({ officeId: iq.office.id }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.code).toBe('OFFICE_NOT_FOUND');
    const outsider = officerOf(ng.users.reintegration_officer.id, ng.office.id, ng.organisationId);
    await expect(assertProviderUsable(db, outsider, id)).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND', status: 404 });
    await expect(assertProviderUsable(db, outsider, 'not-a-uuid')).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
    // Someone without case.read or provider.manage reads nothing.
    const admin = (await officeWith(['programme_manager'])).users.programme_manager.session;
    expect((await call(admin, 'POST', '/api/providers/search', {})).statusCode).toBe(403);
  });

  it('searches by name, kind, service and status, sorted and paged', async () => {
    const o = await origin();
    const ro = o.users.reintegration_officer.session;
    await create(ro, centre({ name: 'Zakho Clinic', kind: 'clinic', services: ['medical', 'psychosocial'], payment: null }));
    await create(ro, centre({ name: 'Al-Noor School', kind: 'school', services: ['education'] }));
    await create(ro, centre({ name: 'Basra Builders', kind: 'employer', services: ['job_placement'] }));
    expect((await search(ro, { name: 'noor' })).items.map((p) => p.name)).toEqual(['Al-Noor School']);
    expect((await search(ro, { name: '%' })).items).toEqual([]);
    expect((await search(ro, { kind: 'clinic' })).items.map((p) => p.name)).toEqual(['Zakho Clinic']);
    expect((await search(ro, { service: 'education' })).items.map((p) => p.name)).toEqual(['Al-Noor School']);
    expect((await search(ro, { status: 'vetted' })).total).toBe(3);
    const page = await search(ro, { sort: 'name', order: 'desc', page: 1, pageSize: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.name)).toEqual(['Zakho Clinic', 'Basra Builders']);
    expect((await search(ro, { sort: 'name', page: 2, pageSize: 2 })).items.map((p) => p.name)).toEqual(['Zakho Clinic']);
  });

  it('refuses bad input with a 4xx', async () => {
    const o = await origin();
    const ro = o.users.reintegration_officer.session;
    const bad = async (body: Record<string, unknown>) => {
      const res = await call(ro, 'POST', '/api/providers', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      return res.json().error.code as string;
    };
    expect(await bad(centre({ name: '' }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ kind: 'bank' }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ countryCode: 'iraq' }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ services: ['flights'] }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ services: ['medical', 'medical'] }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ email: 'not an address' }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ payment: { method: 'cash', accountName: 'A', institution: 'B', accountNumber: '1234' } }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ payment: { method: 'bank', accountName: 'A', institution: 'B', accountNumber: '12' } }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ extra: true }))).toBe('VALIDATION_FAILED');
    expect(await bad(centre({ name: 'A\u0000B' }))).toBeTruthy();
    expect((await call(ro, 'GET', '/api/providers/not-a-uuid')).statusCode).toBe(400);
    expect((await call(ro, 'POST', '/api/providers/search', { pageSize: 5000 })).statusCode).toBe(400);
    // A user of no office names the office.
    const { id: orgId } = await t.fx.organisation();
    const u = await t.fx.user({ roles: ['reintegration_officer'], organisationId: orgId, officeId: null });
    const nowhere = await t.login(u.email, u.password);
    const res = await call(nowhere, 'POST', '/api/providers', centre());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PROVIDER_OFFICE_REQUIRED');
  });
});
