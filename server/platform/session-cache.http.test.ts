import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../test-support/harness.js';
import { loadConfig } from './config.js';
import { hashToken } from './crypto.js';

// Sessions are resolved once and kept for a moment (`SESSION_CACHE_MS`): every change below must
// still take effect at the very next request, each session having been resolved (and kept) just before.
const { call, officeWith, login, db, clock } = await testApp();
const idleMinutes = loadConfig({}).sessionIdleMinutes;

async function setting() {
  const { users, office, organisationId } = await officeWith(['administrator', 'caseworker']);
  const admin = users.administrator.session;
  const created = await call(users.caseworker.session, 'POST', '/api/cases', householdInput());
  expect(created.statusCode).toBe(201);
  const caseId = created.json().id as string;
  const etagOf = async (userId: string) => (await call(admin, 'GET', `/api/admin/users/${userId}`)).headers.etag as string;
  return { admin, caseworker: users.caseworker, office, organisationId, caseId, etagOf };
}

const opens = async (s: Session, caseId: string) => (await call(s, 'GET', `/api/cases/${caseId}`)).statusCode;
const tokenOf = (s: Session) => s.cookie.replace(/^hw_session=/, '');

describe('a resolved session kept in memory', () => {
  it('loses a permission at the next request when it is taken out of the role', async () => {
    const { admin, office, organisationId, caseId } = await setting();
    const role = (await call(admin, 'POST', '/api/admin/roles', { key: `reader_${Date.now().toString(36)}`, name: 'Reader', permissions: ['case.read'], scope: 'office', requireTotp: false })).json();
    const user = await call(admin, 'POST', '/api/admin/users', {
      name: 'Reader One', email: `reader.${Date.now().toString(36)}@example.org`, password: 'a-long-enough-password', organisationId, officeId: office.id, roleIds: [role.id],
    });
    expect(user.statusCode).toBe(201);
    const reader = await login(user.json().email, 'a-long-enough-password');
    expect(await opens(reader, caseId)).toBe(200);
    expect(await opens(reader, caseId)).toBe(200);
    const narrowed = await call(admin, 'PATCH', `/api/admin/roles/${role.id}`, { permissions: ['statistics.read'] }, { 'if-match': `"${role.id}.${role.version}"` });
    expect(narrowed.statusCode).toBe(200);
    expect(await opens(reader, caseId)).toBe(403);
  });

  it('loses a role at the next request when the role is taken from the user', async () => {
    const { admin, caseworker, caseId, etagOf } = await setting();
    expect(await opens(caseworker.session, caseId)).toBe(200);
    const changed = await call(admin, 'PATCH', `/api/admin/users/${caseworker.id}`, { roleIds: [] }, { 'if-match': await etagOf(caseworker.id) });
    expect(changed.statusCode).toBe(200);
    expect(await opens(caseworker.session, caseId)).toBe(403);
  });

  it('is refused after sign-out', async () => {
    const { caseworker, caseId } = await setting();
    expect(await opens(caseworker.session, caseId)).toBe(200);
    expect((await call(caseworker.session, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect(await opens(caseworker.session, caseId)).toBe(401);
    expect((await call(caseworker.session, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('is refused once the user is disabled, or their password is reset', async () => {
    const { admin, caseworker, caseId, etagOf, office } = await setting();
    expect(await opens(caseworker.session, caseId)).toBe(200);
    expect((await call(admin, 'PATCH', `/api/admin/users/${caseworker.id}`, { active: false }, { 'if-match': await etagOf(caseworker.id) })).statusCode).toBe(200);
    expect(await opens(caseworker.session, caseId)).toBe(401);

    const other = (await officeWith(['caseworker'], { organisationId: office.organisation_id })).users.caseworker;
    expect((await call(other.session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const reset = await call(admin, 'PATCH', `/api/admin/users/${other.id}`, { password: 'another-long-enough-password' }, { 'if-match': await etagOf(other.id) });
    expect(reset.statusCode).toBe(200);
    expect((await call(other.session, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('records the last activity at most once a minute, and still ends an idle session', async () => {
    const { caseworker } = await setting();
    const lastSeen = async () => (await db.selectFrom('user_session').select('last_seen_at').where('token_hash', '=', hashToken(tokenOf(caseworker.session))).executeTakeFirstOrThrow()).last_seen_at.getTime();
    expect((await call(caseworker.session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const first = await lastSeen();
    clock.advance(30_000);
    expect((await call(caseworker.session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(await lastSeen()).toBe(first);
    clock.advance(40_000);
    expect((await call(caseworker.session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(await lastSeen()).toBe(clock.now().getTime());
    clock.advance((idleMinutes + 1) * 60_000);
    expect((await call(caseworker.session, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});
