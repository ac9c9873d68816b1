import { describe, expect, it } from 'vitest';
import { testApp, type Session } from '../../test-support/harness.js';
import { purgeExpired } from '../../platform/jobs.js';

const t = await testApp();

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** Signs in from a given browser and address (the harness's login sends neither). */
async function loginFrom(email: string, password: string, userAgent: string, ip: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers: { 'user-agent': userAgent }, remoteAddress: ip });
  expect(res.statusCode).toBe(200);
  return { cookie: `hw_session=${res.cookies.find((c) => c.name === 'hw_session')!.value}`, csrf: res.json().csrfToken };
}

async function sessionsAudited(userId: string) {
  return t.db.selectFrom('audit_event').select(['actor_id', 'details']).where('event', '=', 'session.ended').where('entity_id', '=', userId).orderBy('id').execute();
}

describe("a user's own sessions", () => {
  it('lists them with the device, the address and which one is this', async () => {
    const org = await t.fx.organisation();
    const u = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const laptop = await loginFrom(u.email, u.password, FIREFOX, '192.0.2.10');
    await loginFrom(u.email, u.password, SAFARI, '198.51.100.7');
    const res = await t.call(laptop, 'GET', '/api/auth/sessions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { browser: string | null; system: string | null; ipAddress: string; current: boolean; method: string }[];
    expect(items).toHaveLength(2);
    expect(items.find((s) => s.current)).toMatchObject({ browser: 'Firefox', system: 'Windows', ipAddress: '192.0.2.10', method: 'password' });
    expect(items.find((s) => !s.current)).toMatchObject({ browser: 'Safari', system: 'iPhone', ipAddress: '198.51.100.7' });
    // The token and its hash never leave the server.
    expect(res.body).not.toContain(laptop.cookie.split('=')[1]);
    expect(Object.keys(items[0]).sort()).toEqual(['amr', 'browser', 'createdAt', 'current', 'expiresAt', 'id', 'ipAddress', 'lastSeenAt', 'method', 'system']);
  });

  it('ends another of them: its cookie is refused from then on, and the end is audited', async () => {
    const org = await t.fx.organisation();
    const u = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const laptop = await loginFrom(u.email, u.password, FIREFOX, '192.0.2.10');
    const phone = await loginFrom(u.email, u.password, SAFARI, '198.51.100.7');
    expect((await t.call(phone, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const other = (await t.call(laptop, 'GET', '/api/auth/sessions')).json().items.find((s: { current: boolean }) => !s.current);
    const ended = await t.call(laptop, 'DELETE', `/api/auth/sessions/${other.id}`);
    expect(ended.statusCode).toBe(200);
    expect((await t.call(phone, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.call(laptop, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await t.call(laptop, 'GET', '/api/auth/sessions')).json().items).toHaveLength(1);
    expect(await sessionsAudited(u.id)).toEqual([{ actor_id: u.id, details: { sessionId: other.id, by: 'self' } }]);
    // Ended once: a second end is a 404.
    expect((await t.call(laptop, 'DELETE', `/api/auth/sessions/${other.id}`)).json().error.code).toBe('SESSION_NOT_FOUND');
  });

  it('needs the CSRF token to end one, and cannot reach another user’s session through the own route', async () => {
    const org = await t.fx.organisation();
    const a = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const b = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const sa = await loginFrom(a.email, a.password, FIREFOX, '192.0.2.10');
    const sb = await loginFrom(b.email, b.password, SAFARI, '198.51.100.7');
    const bSession = (await t.call(sb, 'GET', '/api/auth/sessions')).json().items[0];
    const noCsrf = await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${bSession.id}`, headers: { cookie: sa.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.call(sa, 'DELETE', `/api/auth/sessions/${bSession.id}`)).statusCode).toBe(404);
    expect((await t.call(sb, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('signs out when the one ended is this session', async () => {
    const org = await t.fx.organisation();
    const u = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const s = await loginFrom(u.email, u.password, FIREFOX, '192.0.2.10');
    const mine = (await t.call(s, 'GET', '/api/auth/sessions')).json().items[0];
    const res = await t.call(s, 'DELETE', `/api/auth/sessions/${mine.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'hw_session')?.value).toBe('');
    expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe("an administrator and a user's sessions", () => {
  it('needs user.manage: others cannot list or end another user’s sessions', async () => {
    const { users, organisationId } = await t.officeWith(['caseworker', 'administrator']);
    const target = await t.fx.user({ roles: ['caseworker'], organisationId, officeId: null, totp: false });
    const ts = await loginFrom(target.email, target.password, SAFARI, '198.51.100.7');
    const id = (await t.call(ts, 'GET', '/api/auth/sessions')).json().items[0].id;
    expect((await t.call(users.caseworker.session, 'GET', `/api/admin/users/${target.id}/sessions`)).statusCode).toBe(403);
    expect((await t.call(users.caseworker.session, 'DELETE', `/api/admin/users/${target.id}/sessions/${id}`)).statusCode).toBe(403);
    expect((await t.call(ts, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('lets an administrator list and end them; the user is signed out there and the end is audited', async () => {
    const { users, organisationId } = await t.officeWith(['administrator']);
    const admin = users.administrator;
    const target = await t.fx.user({ roles: ['caseworker'], organisationId, officeId: null, totp: false });
    const ts = await loginFrom(target.email, target.password, SAFARI, '198.51.100.7');
    const list = await t.call(admin.session, 'GET', `/api/admin/users/${target.id}/sessions`);
    expect(list.statusCode).toBe(200);
    const [only] = list.json().items;
    expect(only).toMatchObject({ browser: 'Safari', system: 'iPhone', ipAddress: '198.51.100.7', current: false });
    const res = await t.call(admin.session, 'DELETE', `/api/admin/users/${target.id}/sessions/${only.id}`);
    expect(res.statusCode).toBe(200);
    expect((await t.call(ts, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await sessionsAudited(target.id)).toEqual([{ actor_id: admin.id, details: { sessionId: only.id, by: 'administrator' } }]);
    // A session id under the wrong user is not found.
    const other = await t.fx.user({ roles: ['caseworker'], organisationId, officeId: null, totp: false });
    const os = await loginFrom(other.email, other.password, FIREFOX, '192.0.2.10');
    const otherId = (await t.call(os, 'GET', '/api/auth/sessions')).json().items[0].id;
    expect((await t.call(admin.session, 'DELETE', `/api/admin/users/${target.id}/sessions/${otherId}`)).statusCode).toBe(404);
  });
});

describe('the single sign-on ID token of a session', () => {
  /** A sealed stand-in for the provider's token (the column holds what the cipher made; its content does not matter here). */
  const SEALED = 'v1.sealed-id-token-stand-in';
  const tokenOf = (sessionId: string) => t.db.selectFrom('user_session').select('oidc_id_token').where('id', '=', sessionId).executeTakeFirstOrThrow();
  async function ssoSession(email: string, password: string, userAgent = SAFARI) {
    const s = await loginFrom(email, password, userAgent, '198.51.100.7');
    const items = (await t.call(s, 'GET', '/api/auth/sessions')).json().items as { id: string; current: boolean }[];
    const id = items.find((i) => i.current)!.id;
    await t.db.updateTable('user_session').set({ oidc_id_token: SEALED }).where('id', '=', id).execute();
    return { session: s, id };
  }

  it('goes as an administrator or the user from another device ends the session; another session keeps its own', async () => {
    const { users, organisationId } = await t.officeWith(['administrator']);
    const target = await t.fx.user({ roles: ['caseworker'], organisationId, officeId: null, totp: false });
    const phone = await ssoSession(target.email, target.password, SAFARI);
    const laptop = await ssoSession(target.email, target.password, FIREFOX);
    const tablet = await ssoSession(target.email, target.password, FIREFOX);
    expect((await t.call(users.administrator.session, 'DELETE', `/api/admin/users/${target.id}/sessions/${phone.id}`)).statusCode).toBe(200);
    expect(await tokenOf(phone.id)).toEqual({ oidc_id_token: null });
    expect(await tokenOf(laptop.id)).toEqual({ oidc_id_token: SEALED });
    expect((await t.call(laptop.session, 'DELETE', `/api/auth/sessions/${tablet.id}`)).statusCode).toBe(200);
    expect(await tokenOf(tablet.id)).toEqual({ oidc_id_token: null });
    expect(await tokenOf(laptop.id)).toEqual({ oidc_id_token: SEALED });
  });

  it('goes from every session of a user who is disabled', async () => {
    const { users, organisationId } = await t.officeWith(['administrator']);
    const target = await t.fx.user({ roles: ['caseworker'], organisationId, officeId: null, totp: false });
    const phone = await ssoSession(target.email, target.password);
    const user = (await t.call(users.administrator.session, 'GET', `/api/admin/users/${target.id}`)).json();
    const res = await t.call(users.administrator.session, 'PATCH', `/api/admin/users/${target.id}`, { active: false }, { 'if-match': `"${target.id}.${user.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(await tokenOf(phone.id)).toEqual({ oidc_id_token: null });
  });

  it('is emptied by the hourly purge once the session expired or idled out; an open session keeps it', async () => {
    const org = await t.fx.organisation();
    const a = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const b = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const c = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null, totp: false });
    const idle = await ssoSession(a.email, a.password);
    const expired = await ssoSession(b.email, b.password);
    const open = await ssoSession(c.email, c.password);
    const now = t.clock.now().getTime();
    await t.db.updateTable('user_session').set({ last_seen_at: new Date(now - 31 * 60_000) }).where('id', '=', idle.id).execute();
    await t.db.updateTable('user_session').set({ expires_at: new Date(now - 60_000) }).where('id', '=', expired.id).execute();
    expect((await purgeExpired(t.db, t.clock, { sessionIdleMinutes: 30 })).idTokensCleared).toBeGreaterThanOrEqual(2);
    expect(await tokenOf(idle.id)).toEqual({ oidc_id_token: null });
    expect(await tokenOf(expired.id)).toEqual({ oidc_id_token: null });
    expect(await tokenOf(open.id)).toEqual({ oidc_id_token: SEALED });
    expect((await t.call(open.session, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
});
