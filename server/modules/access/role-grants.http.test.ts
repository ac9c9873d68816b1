import { describe, expect, it } from 'vitest';
import { testApp, type Session } from '../../test-support/harness.js';

/**
 * Nobody changes their own roles; a role that reaches case data (or hands out access) is given
 * only once a second administrator approves; the built-in administrator role requires TOTP.
 */
const t = await testApp();
const { call, login, fx, db } = t;

interface Admin {
  id: string;
  email: string;
  password: string;
  session: Session;
}

/** An organisation and office with two administrators and a plain user to give roles to. */
async function setting() {
  const organisationId = (await fx.organisation()).id;
  const office = await fx.office(organisationId);
  const admin = async (): Promise<Admin> => {
    const u = await fx.user({ roles: ['administrator'], organisationId, officeId: null });
    return { ...u, session: await login(u.email, u.password) };
  };
  const first = await admin();
  const second = await admin();
  const staff = await fx.user({ roles: [], organisationId, officeId: office.id });
  const staffSession = await login(staff.email, staff.password);
  const roles = (await call(first.session, 'GET', '/api/admin/roles')).json() as { id: string; key: string; requireTotp: boolean }[];
  const roleId = (key: string) => roles.find((r) => r.key === key)!.id;
  return { organisationId, office, first, second, staff, staffSession, roleId };
}

const etagOf = async (session: Session, userId: string) => (await call(session, 'GET', `/api/admin/users/${userId}`)).headers.etag as string;
const grantRoles = async (session: Session, userId: string, roleIds: string[]) =>
  call(session, 'PATCH', `/api/admin/users/${userId}`, { roleIds }, { 'if-match': await etagOf(session, userId) });
const permissionsOf = async (session: Session) => (await call(session, 'GET', '/api/auth/me')).json().permissions as string[];
const eventsFor = async (entityId: string) =>
  (await db.selectFrom('audit_event').select(['event', 'actor_id', 'details']).where('entity_id', '=', entityId).orderBy('id').execute());

describe('changing one’s own roles', () => {
  it('is refused to an administrator, with a clear code, and the attempt is audited', async () => {
    const { first } = await setting();
    // The hostile path: a role with every permission over every case, given to oneself.
    const catalogue = (await call(first.session, 'GET', '/api/admin/permissions')).json() as { permissions: { key: string }[] };
    const everything = await call(first.session, 'POST', '/api/admin/roles', {
      key: `everything_${Date.now().toString(36)}`, name: 'Everything', permissions: catalogue.permissions.map((p) => p.key), scope: 'all', requireTotp: true,
    });
    expect(everything.statusCode).toBe(201);
    const me = (await call(first.session, 'GET', `/api/admin/users/${first.id}`)).json() as { roles: { id: string }[] };
    const res = await grantRoles(first.session, first.id, [...me.roles.map((r) => r.id), everything.json().id]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ROLE_SELF_GRANT');
    expect(await permissionsOf(first.session)).not.toContain('case.read');
    expect((await db.selectFrom('user_role').select('role_id').where('user_id', '=', first.id).execute()).map((r) => r.role_id)).not.toContain(everything.json().id);
    const refused = (await eventsFor(first.id)).find((e) => e.event === 'role.grant.self_refused');
    expect(refused?.actor_id).toBe(first.id);
  });

  it('is refused even for a role that reaches no case data, and for dropping a role', async () => {
    const { first, roleId } = await setting();
    const me = (await call(first.session, 'GET', `/api/admin/users/${first.id}`)).json() as { roles: { id: string }[] };
    const adding = await grantRoles(first.session, first.id, [...me.roles.map((r) => r.id), roleId('me_officer')]);
    expect(adding.statusCode).toBe(403);
    expect(adding.json().error.code).toBe('ROLE_SELF_GRANT');
    const dropping = await grantRoles(first.session, first.id, []);
    expect(dropping.statusCode).toBe(403);
    expect(dropping.json().error.code).toBe('ROLE_SELF_GRANT');
    // Saving one's own account without touching the roles still works.
    const rename = await call(first.session, 'PATCH', `/api/admin/users/${first.id}`, { name: 'Renamed Admin', roleIds: me.roles.map((r) => r.id) }, { 'if-match': await etagOf(first.session, first.id) });
    expect(rename.statusCode).toBe(200);
  });
});

describe('granting a role that reaches case data', () => {
  it('waits as a request until a second administrator approves it', async () => {
    const { first, second, staff, staffSession, roleId } = await setting();
    const res = await grantRoles(first.session, staff.id, [roleId('caseworker')]);
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([]);
    expect(res.json().pendingRoles).toEqual([expect.objectContaining({ id: roleId('caseworker'), key: 'caseworker' })]);
    expect(await permissionsOf(staffSession)).not.toContain('case.read');
    expect((await call(staffSession, 'POST', '/api/cases/search', {})).statusCode).toBe(403);

    const pending = (await call(second.session, 'GET', '/api/admin/role-grants')).json().items as { id: string; userId: string; roleKey: string; requestedBy: { id: string }; status: string; canDecide: boolean }[];
    const request = pending.find((p) => p.userId === staff.id)!;
    expect(request).toMatchObject({ roleKey: 'caseworker', status: 'pending', canDecide: true, requestedBy: { id: first.id } });
    const fromRequester = (await call(first.session, 'GET', '/api/admin/role-grants')).json().items.find((p: { id: string }) => p.id === request.id);
    expect(fromRequester.canDecide).toBe(false);

    const approved = await call(second.session, 'POST', `/api/admin/role-grants/${request.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: second.id } });
    expect(await permissionsOf(staffSession)).toContain('case.read');
    const user = (await call(first.session, 'GET', `/api/admin/users/${staff.id}`)).json();
    expect(user.roles.map((r: { key: string }) => r.key)).toEqual(['caseworker']);
    expect(user.pendingRoles).toEqual([]);

    const again = await call(second.session, 'POST', `/api/admin/role-grants/${request.id}/approve`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ROLE_GRANT_NOT_PENDING');

    const events = await db.selectFrom('audit_event').select(['event', 'actor_id']).where('entity_id', '=', request.id).orderBy('id').execute();
    expect(events).toEqual([
      { event: 'role.grant.requested', actor_id: first.id },
      { event: 'role.grant.approved', actor_id: second.id },
    ]);
  });

  it('cannot be approved or rejected by the requester, nor by the administrator it is for', async () => {
    const { first, second, roleId } = await setting();
    const res = await grantRoles(first.session, second.id, [roleId('administrator'), roleId('office_manager')]);
    expect(res.statusCode).toBe(200);
    const request = (await call(first.session, 'GET', '/api/admin/role-grants')).json().items.find((p: { userId: string }) => p.userId === second.id);
    expect(request.roleKey).toBe('office_manager');
    for (const who of [first, second]) {
      for (const action of ['approve', 'reject']) {
        const refused = await call(who.session, 'POST', `/api/admin/role-grants/${request.id}/${action}`, {});
        expect(refused.statusCode, `${action}`).toBe(403);
        expect(refused.json().error.code).toBe('ROLE_GRANT_SELF_APPROVAL');
      }
    }
    expect(await permissionsOf(second.session)).not.toContain('case.read');
  });

  it('is not given when another administrator rejects it', async () => {
    const { first, second, staff, staffSession, roleId } = await setting();
    await grantRoles(first.session, staff.id, [roleId('counsellor')]);
    const request = (await call(second.session, 'GET', '/api/admin/role-grants')).json().items.find((p: { userId: string }) => p.userId === staff.id);
    const rejected = await call(second.session, 'POST', `/api/admin/role-grants/${request.id}/reject`, { reason: 'Not in this office' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: 'Not in this office' });
    expect(await permissionsOf(staffSession)).not.toContain('case.read');
    expect((await call(second.session, 'POST', `/api/admin/role-grants/${request.id}/approve`, {})).statusCode).toBe(409);
    expect((await eventsFor(request.id)).map((e) => e.event)).toEqual(['role.grant.requested', 'role.grant.rejected']);
  });

  it('also waits when the role is given to a new user at creation', async () => {
    const { first, organisationId, office, roleId } = await setting();
    const created = await call(first.session, 'POST', '/api/admin/users', {
      name: 'Lina Haddad', email: `lina.${Date.now().toString(36)}@example.org`, password: 'a-long-enough-password', organisationId, officeId: office.id,
      roleIds: [roleId('caseworker'), roleId('finance_officer')],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().roles.map((r: { key: string }) => r.key)).toEqual(['finance_officer']);
    expect(created.json().pendingRoles.map((r: { key: string }) => r.key)).toEqual(['caseworker']);
  });

  it('asks once: the same role requested twice for the same user is one request', async () => {
    const { first, staff, roleId } = await setting();
    await grantRoles(first.session, staff.id, [roleId('caseworker')]);
    await grantRoles(first.session, staff.id, [roleId('caseworker')]);
    const rows = await db.selectFrom('role_grant_request').select('id').where('user_id', '=', staff.id).where('status', '=', 'pending').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('granting a role that reaches no case data', () => {
  it('takes effect at once', async () => {
    const { first, staff, staffSession, roleId } = await setting();
    // The finance officer's rights reach no case data (the M&E officer's reach returnees' monitoring scores).
    const res = await grantRoles(first.session, staff.id, [roleId('finance_officer')]);
    expect(res.statusCode).toBe(200);
    expect(res.json().roles.map((r: { key: string }) => r.key)).toEqual(['finance_officer']);
    expect(res.json().pendingRoles).toEqual([]);
    expect(await permissionsOf(staffSession)).toContain('statistics.read');
    expect((await eventsFor(staff.id)).map((e) => e.event)).toContain('user.updated');
  });
});

describe('editing a role that users hold', () => {
  it('refuses new case-data permissions or a wider scope, and allows them on a role nobody holds', async () => {
    const { first, second, staff, roleId } = await setting();
    const key = `stats_${Date.now().toString(36)}`;
    const role = (await call(first.session, 'POST', '/api/admin/roles', { key, name: 'Statistics', permissions: ['statistics.read'], scope: 'office', requireTotp: false })).json();
    await grantRoles(first.session, staff.id, [role.id]);
    const widen = await call(first.session, 'PATCH', `/api/admin/roles/${role.id}`, { permissions: ['statistics.read', 'case.read'] }, { 'if-match': `"${role.id}.${role.version}"` });
    expect(widen.statusCode).toBe(409);
    expect(widen.json().error.code).toBe('ROLE_HELD_WIDENING');
    // A role that already reaches case data may not widen its scope while held either.
    const reader = (await call(first.session, 'POST', '/api/admin/roles', { key: `reader_${Date.now().toString(36)}`, name: 'Reader', permissions: ['case.read'], scope: 'own', requireTotp: false })).json();
    const unheld = await call(first.session, 'PATCH', `/api/admin/roles/${reader.id}`, { scope: 'office' }, { 'if-match': `"${reader.id}.${reader.version}"` });
    expect(unheld.statusCode).toBe(200);
    await grantRoles(first.session, staff.id, [role.id, reader.id]);
    // Requested but not yet approved already counts as held.
    const whilePending = await call(first.session, 'PATCH', `/api/admin/roles/${reader.id}`, { scope: 'all' }, { 'if-match': unheld.headers.etag as string });
    expect(whilePending.statusCode).toBe(409);
    const request = (await call(second.session, 'GET', '/api/admin/role-grants')).json().items.find((p: { userId: string }) => p.userId === staff.id);
    expect((await call(second.session, 'POST', `/api/admin/role-grants/${request.id}/approve`, {})).statusCode).toBe(200);
    const wider = await call(first.session, 'PATCH', `/api/admin/roles/${reader.id}`, { scope: 'all' }, { 'if-match': unheld.headers.etag as string });
    expect(wider.statusCode).toBe(409);
    expect(wider.json().error.code).toBe('ROLE_HELD_WIDENING');
    // Narrowing is always allowed.
    const narrower = await call(first.session, 'PATCH', `/api/admin/roles/${reader.id}`, { scope: 'own' }, { 'if-match': unheld.headers.etag as string });
    expect(narrower.statusCode).toBe(200);
    void roleId;
  });
});

describe('the built-in administrator role', () => {
  it('requires TOTP: an administrator without it may only enrol', async () => {
    const { first, organisationId } = await setting();
    const roles = (await call(first.session, 'GET', '/api/admin/roles')).json() as { key: string; requireTotp: boolean; id: string; version: number }[];
    const adminRole = roles.find((r) => r.key === 'administrator')!;
    expect(adminRole.requireTotp).toBe(true);
    const fresh = await fx.user({ roles: ['administrator'], organisationId, officeId: null, totp: false });
    const s = await login(fresh.email, fresh.password);
    expect((await call(s, 'GET', '/api/auth/me')).json().totpEnrolmentRequired).toBe(true);
    const blocked = await call(s, 'GET', '/api/admin/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('AUTH_TOTP_ENROLMENT_REQUIRED');
    // And the requirement cannot be switched off for a role that hands out access.
    const off = await call(first.session, 'PATCH', `/api/admin/roles/${adminRole.id}`, { requireTotp: false }, { 'if-match': `"${adminRole.id}.${adminRole.version}"` });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.code).toBe('ROLE_TOTP_REQUIRED');
  });
});

describe('a sole administrator', () => {
  it('gives roles at once until a second administrator exists; from then on grants wait for approval', async () => {
    const solo = await testApp();
    const organisationId = (await solo.fx.organisation()).id;
    const office = await solo.fx.office(organisationId);
    const admin = await solo.fx.user({ roles: ['administrator'], organisationId, officeId: null });
    const s = await solo.login(admin.email, admin.password);
    const roles = (await solo.call(s, 'GET', '/api/admin/roles')).json() as { id: string; key: string }[];
    const rid = (key: string) => roles.find((r) => r.key === key)!.id;
    const create = (email: string, roleIds: string[]) =>
      solo.call(s, 'POST', '/api/admin/users', { name: email, email: `${email}@example.org`, password: 'a-long-enough-password', organisationId, officeId: office.id, roleIds });
    const caseworker = await create('first.caseworker', [rid('caseworker')]);
    expect(caseworker.json().roles.map((r: { key: string }) => r.key)).toEqual(['caseworker']);
    const secondAdmin = await create('second.admin', [rid('administrator')]);
    expect(secondAdmin.json().roles.map((r: { key: string }) => r.key)).toEqual(['administrator']);
    const bootstrap = await solo.db.selectFrom('audit_event').select('details').where('event', '=', 'user.created').where('entity_id', '=', secondAdmin.json().id).executeTakeFirstOrThrow();
    expect(bootstrap.details).toMatchObject({ soleAdministrator: true });
    const later = await create('second.caseworker', [rid('caseworker')]);
    expect(later.json().roles).toEqual([]);
    expect(later.json().pendingRoles.map((r: { key: string }) => r.key)).toEqual(['caseworker']);
  });
});
