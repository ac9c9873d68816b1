import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../../platform/config.js';
import { testApp } from '../../test-support/harness.js';

/**
 * Single sign-on against a real OpenID provider: `oidc-provider` (the certified Node.js
 * implementation) listens on a loopback port inside the test with Homeward registered as a
 * confidential client. The browser is played by plain HTTP requests: Homeward's start redirect, the
 * provider's authorization endpoint, its development login and consent forms (devInteractions),
 * and back to Homeward's callback, which is reached through `app.inject`.
 */
const CALLBACK = 'http://127.0.0.1:9/api/auth/sso/callback';
const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';
/** Homeward's sign-in page, where the provider sends the browser back after the single logout. */
const POST_LOGOUT = 'http://127.0.0.1:9/login';

type Account = { email: string; email_verified: boolean; name: string };
const accounts = new Map<string, Account>();

let server: Server;
let issuer: string;
const oidc: OidcConfig = { issuer: '', clientId: 'homeward', clientSecret: CLIENT_SECRET, redirectUrl: CALLBACK, allowedDomains: [] };

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'homeward', client_secret: CLIENT_SECRET, redirect_uris: [CALLBACK], post_logout_redirect_uris: [POST_LOGOUT],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...accounts.get(id) }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  server.on('request', provider.callback());
  oidc.issuer = issuer;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const t = await testApp({ config: { oidc } });

/** The provider's side of a browser: follows its redirects, keeps its cookies, submits its forms. */
async function throughProvider(authorizationUrl: string, accountId: string, jar = new Map<string, string>()): Promise<URL> {
  let url = authorizationUrl;
  let body: string | undefined;
  for (let step = 0; step < 12; step += 1) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(CALLBACK)) return next;
      url = next.href;
      continue;
    }
    // A development interaction page: the login form, then the consent form.
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !prompt) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt }).toString();
  }
  throw new Error('the provider never sent the browser back');
}

/** Signs in by SSO as the provider's account; answers Homeward's last redirect and the session cookie. */
async function ssoSignIn(accountId: string, opts: { state?: (state: string) => string; jar?: Map<string, string> } = {}) {
  const start = await t.app.inject({ method: 'GET', url: '/api/auth/sso/start', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' } });
  expect(start.statusCode).toBe(302);
  const state = start.cookies.find((c) => c.name === 'hw_sso')!.value;
  const location = String(start.headers.location);
  expect(location.startsWith(`${issuer}/`)).toBe(true);
  const auth = new URL(location);
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('nonce')).toBeTruthy();
  expect(auth.searchParams.get('state')).toBe(state);
  const callback = await throughProvider(location, accountId, opts.jar);
  const cookieState = opts.state ? opts.state(state) : state;
  const res = await t.app.inject({
    method: 'GET', url: `/api/auth/sso/callback${callback.search}`,
    headers: { cookie: `hw_sso=${cookieState}`, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' },
  });
  expect(res.statusCode).toBe(302);
  const session = res.cookies.find((c) => c.name === 'hw_session')?.value;
  return { location: String(res.headers.location), cookie: session ? `hw_session=${session}` : null, callback };
}

async function lastAuditOf(event: string) {
  return t.db.selectFrom('audit_event').select(['event', 'actor_id', 'details']).where('event', '=', event).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the sign-in page it is configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(res.json()).toEqual({ oidc: true });
  });

  it('signs a user in by their verified e-mail, as a password sign-in would', async () => {
    const org = await t.fx.organisation();
    const office = await t.fx.office(org.id);
    const user = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: office.id });
    accounts.set('alice', { email: user.email.toUpperCase(), email_verified: true, name: 'Alice' });
    const { location, cookie } = await ssoSignIn('alice');
    expect(location).toBe('/');
    expect(cookie).toBeTruthy();
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
    expect(me.json().permissions).toContain('case.read');
    const row = await t.db.selectFrom('user_session').select(['auth_method', 'user_agent']).where('user_id', '=', user.id).where('auth_method', '=', 'oidc').executeTakeFirstOrThrow();
    expect(row.user_agent).toContain('Firefox');
    const audited = await lastAuditOf('auth.sso.succeeded');
    expect(audited?.actor_id).toBe(user.id);
  });

  it('refuses an e-mail no Homeward user has, unless provisioning is on', async () => {
    accounts.set('stranger', { email: 'stranger@example.org', email_verified: true, name: 'Sam Stranger' });
    const refused = await ssoSignIn('stranger');
    expect(refused.location).toBe('/login?sso=SSO_USER_UNKNOWN');
    expect(refused.cookie).toBeNull();
    expect(await t.db.selectFrom('app_user').select('id').where('email', '=', 'stranger@example.org').executeTakeFirst()).toBeUndefined();
    expect((await lastAuditOf('auth.sso.refused'))?.details).toEqual({ reason: 'SSO_USER_UNKNOWN' });

    const org = await t.fx.organisation();
    oidc.provisionOrganisationId = org.id;
    try {
      const provisioned = await ssoSignIn('stranger');
      expect(provisioned.location).toBe('/');
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: provisioned.cookie! } });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ name: 'Sam Stranger', email: 'stranger@example.org', organisationId: org.id, officeId: null });
      // No role: the new user sees nothing until an administrator gives them one.
      expect(me.json().permissions).toEqual([]);
      expect(me.json().roles).toEqual([]);
      const cases = await t.app.inject({ method: 'POST', url: '/api/cases/search', headers: { cookie: provisioned.cookie!, 'x-csrf-token': me.json().csrfToken }, payload: {} });
      expect(cases.statusCode).toBe(403);
      expect((await lastAuditOf('user.provisioned'))?.actor_id).toBe(me.json().user.id);
    } finally {
      delete oidc.provisionOrganisationId;
    }
  });

  it('refuses a callback whose state is not the one this browser started with, and a state used twice', async () => {
    const org = await t.fx.organisation();
    const user = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null });
    accounts.set('bob', { email: user.email, email_verified: true, name: 'Bob' });
    const forged = await ssoSignIn('bob', { state: () => 'forged-state' });
    expect(forged.location).toBe('/login?sso=SSO_STATE_INVALID');
    expect(forged.cookie).toBeNull();

    const ok = await ssoSignIn('bob');
    expect(ok.location).toBe('/');
    const replay = await t.app.inject({
      method: 'GET', url: `/api/auth/sso/callback${ok.callback.search}`,
      headers: { cookie: `hw_sso=${ok.callback.searchParams.get('state')}` },
    });
    expect(replay.headers.location).toBe('/login?sso=SSO_STATE_INVALID');
    expect(replay.cookies.find((c) => c.name === 'hw_session')).toBeUndefined();
  });

  it('refuses a disabled user and an e-mail the provider did not verify', async () => {
    const org = await t.fx.organisation();
    const user = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null });
    await t.db.updateTable('app_user').set({ active: false }).where('id', '=', user.id).execute();
    accounts.set('carol', { email: user.email, email_verified: true, name: 'Carol' });
    const disabled = await ssoSignIn('carol');
    expect(disabled.location).toBe('/login?sso=SSO_USER_DISABLED');
    expect(disabled.cookie).toBeNull();
    expect((await lastAuditOf('auth.sso.refused'))).toMatchObject({ actor_id: user.id, details: { reason: 'SSO_USER_DISABLED' } });

    const other = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null });
    accounts.set('dave', { email: other.email, email_verified: false, name: 'Dave' });
    const unverified = await ssoSignIn('dave');
    expect(unverified.location).toBe('/login?sso=SSO_EMAIL_UNVERIFIED');
    expect(unverified.cookie).toBeNull();
  });

  it('keeps to the allowed e-mail domains when some are set', async () => {
    const org = await t.fx.organisation();
    const user = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: null });
    accounts.set('erin', { email: user.email, email_verified: true, name: 'Erin' });
    oidc.allowedDomains = ['homeward.example'];
    try {
      expect((await ssoSignIn('erin')).location).toBe('/login?sso=SSO_DOMAIN_NOT_ALLOWED');
    } finally {
      oidc.allowedDomains = [];
    }
  });

  it('signs out at the provider too: the logout answers the provider\'s end-session URL with the ID token as hint, and the provider ends its session', async () => {
    const org = await t.fx.organisation();
    const user = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: (await t.fx.office(org.id)).id });
    accounts.set('carol', { email: user.email, email_verified: true, name: 'Carol' });
    const jar = new Map<string, string>();
    const { cookie } = await ssoSignIn('carol', { jar });
    const row = await t.db.selectFrom('user_session').select(['id', 'oidc_id_token']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    // Kept encrypted with the session, never in clear.
    expect(row.oidc_id_token).toMatch(/^v1\./);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie! } });
    // While the provider's session lasts, it signs the browser in again without asking.
    const silent = async () => {
      const start = await t.app.inject({ method: 'GET', url: '/api/auth/sso/start' });
      const auth = new URL(String(start.headers.location));
      auth.searchParams.set('prompt', 'none');
      return throughProvider(auth.href, 'carol', jar);
    };
    expect((await silent()).searchParams.get('code')).toBeTruthy();

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookie!, 'x-csrf-token': me.json().csrfToken } });
    expect(out.statusCode, out.body).toBe(200);
    const logoutUrl = new URL(out.json().providerLogoutUrl);
    const metadata = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json() as { end_session_endpoint: string };
    expect(`${logoutUrl.origin}${logoutUrl.pathname}`).toBe(metadata.end_session_endpoint);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(POST_LOGOUT);
    const hint = logoutUrl.searchParams.get('id_token_hint')!;
    const payload = JSON.parse(Buffer.from(hint.split('.')[1]!, 'base64url').toString()) as { sub: string; aud: string };
    expect(payload).toMatchObject({ sub: 'carol', aud: 'homeward' });
    // Nothing else of the user travels in the URL.
    expect([...logoutUrl.searchParams.keys()].sort()).toEqual(['client_id', 'id_token_hint', 'post_logout_redirect_uri']);
    // Homeward's session is over, and the token left its row; the audit entry does not hold it.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie! } })).statusCode).toBe(401);
    expect(await t.db.selectFrom('user_session').select(['oidc_id_token']).where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({ oidc_id_token: null });
    const audited = await lastAuditOf('auth.logout');
    expect(audited).toMatchObject({ actor_id: user.id, details: { providerLogout: true } });
    expect(JSON.stringify(audited)).not.toContain(hint);

    // The browser at the provider: its confirmation form, then back to Homeward's sign-in page.
    const page = await fetch(logoutUrl, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const html = await page.text();
    expect(page.status, html.slice(0, 300)).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const confirmed = await fetch(new URL(action, logoutUrl), {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.headers.get('location')).toBe(POST_LOGOUT);
    for (const c of confirmed.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    // The provider's session ended: it no longer signs the browser in without asking.
    expect((await silent()).searchParams.get('error')).toBe('login_required');
  });

  it('answers no provider URL after a password sign-in', async () => {
    const org = await t.fx.organisation();
    const user = await t.fx.user({ roles: ['caseworker'], organisationId: org.id, officeId: (await t.fx.office(org.id)).id });
    const s = await t.login(user.email, user.password);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
  });
});
