import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { testApp } from '../../test-support/harness.js';
import { totpCodeAt } from './totp.js';

const t = await testApp();
// A second database with no users at all, for the first-administrator flow.
const empty = await testApp();
const { call, login, officeWith, fx, clock, db } = t;

describe('sign-in', () => {
  it('signs in, answers /me with permissions and a CSRF token, and signs out', async () => {
    const { users } = await officeWith(['caseworker']);
    const me = await call(users.caseworker.session, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions).toContain('case.create');
    expect(me.json().permissions).not.toContain('user.manage');
    expect(me.json().csrfToken).toBe(users.caseworker.session.csrf);
    expect((await call(users.caseworker.session, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    const after = await call(users.caseworker.session, 'GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { users } = await officeWith(['caseworker']);
    const wrong = await call(null, 'POST', '/api/auth/login', { email: users.caseworker.email, password: 'not-the-password' });
    const unknown = await call(null, 'POST', '/api/auth/login', { email: 'nobody@example.org', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks an email after five failures, known or not, and lets it in again after the lock', async () => {
    const { users } = await officeWith(['caseworker']);
    for (const email of [users.caseworker.email, 'ghost@example.org']) {
      for (let i = 0; i < 5; i++) await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' });
      const locked = await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' });
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.code).toBe('AUTH_LOCKED');
    }
    const stillLocked = await call(null, 'POST', '/api/auth/login', { email: users.caseworker.email, password: users.caseworker.password });
    expect(stillLocked.statusCode).toBe(423);
    // The administrators' list says whose sign-in is locked, and until when.
    const admin = (await officeWith(['administrator'])).users.administrator.session;
    const listed = (await call(admin, 'GET', '/api/admin/users')).json() as { id: string; lockedUntil?: string | null }[];
    expect(listed.find((u) => u.id === users.caseworker.id)?.lockedUntil).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
    clock.advance(16 * 60_000);
    expect(((await call(admin, 'GET', '/api/admin/users')).json() as { id: string; lockedUntil?: string | null }[]).find((u) => u.id === users.caseworker.id)?.lockedUntil).toBeNull();
    await expect(login(users.caseworker.email, users.caseworker.password)).resolves.toBeTruthy();
  });

  it('starts counting afresh when a lock has expired: one more wrong password does not lock again', async () => {
    const { users } = await officeWith(['caseworker']);
    for (const email of [users.caseworker.email, 'ghost-after-lock@example.org']) {
      for (let i = 0; i < 5; i++) await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' });
      expect((await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' })).statusCode).toBe(423);
      clock.advance(16 * 60_000);
      const wrongOnce = await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' });
      expect(wrongOnce.statusCode).toBe(401);
      expect(wrongOnce.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
      // Four failures in all since the lock ended: still not locked.
      for (let i = 0; i < 3; i++) await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' });
      expect((await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' })).statusCode).toBe(401);
      // The fifth locks again.
      expect((await call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' })).statusCode).toBe(423);
    }
    clock.advance(16 * 60_000);
    await expect(login(users.caseworker.email, users.caseworker.password)).resolves.toBeTruthy();
  });

  it('ends a session after the idle timeout and audits sign-ins and failures', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = await login(users.caseworker.email, users.caseworker.password);
    clock.advance(29 * 60_000);
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const events = await db.selectFrom('audit_event').select('event').where('actor_id', '=', users.caseworker.id).execute();
    expect(events.map((e) => e.event)).toContain('auth.login.succeeded');
  });

  it('refuses writes without the CSRF token', async () => {
    const { users } = await officeWith(['caseworker']);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { cookie: users.caseworker.session.cookie }, payload: { preferredLanguage: 'fr' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('rejects unknown fields with a clear error and never leaks a stack trace', async () => {
    const res = await call(null, 'POST', '/api/auth/login', { email: 'a@b.org', password: 'x', admin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('TOTP', () => {
  it('can be enabled by a user and is then required at sign-in, without replay', async () => {
    const { users } = await officeWith(['counsellor']);
    const u = users.counsellor;
    const setup = await call(u.session, 'POST', '/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const secret = setup.json().secret as string;
    expect(setup.json().otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect((await call(u.session, 'POST', '/api/auth/totp/enable', { code: '000000' })).statusCode).toBe(400);
    expect((await call(u.session, 'POST', '/api/auth/totp/enable', { code: totpCodeAt(secret, clock.now()) })).statusCode).toBe(200);

    const noCode = await call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    clock.advance(30_000);
    const code = totpCodeAt(secret, clock.now());
    expect((await call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password, totpCode: code })).statusCode).toBe(200);
    const replay = await call(null, 'POST', '/api/auth/login', { email: u.email, password: u.password, totpCode: code });
    expect(replay.json().error.code).toBe('AUTH_TOTP_INVALID');
  });

  it('when a role requires it, a user without TOTP can only enrol', async () => {
    const { users } = await officeWith(['office_manager']);
    await db.updateTable('role').set({ require_totp: true }).where('key', '=', 'office_manager').execute();
    try {
      const s = await login(users.office_manager.email, users.office_manager.password);
      expect((await call(s, 'GET', '/api/auth/me')).json().totpEnrolmentRequired).toBe(true);
      const blocked = await call(s, 'POST', '/api/cases/search', {});
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('AUTH_TOTP_ENROLMENT_REQUIRED');
      expect((await call(s, 'POST', '/api/auth/totp/setup')).statusCode).toBe(200);
    } finally {
      await db.updateTable('role').set({ require_totp: false }).where('key', '=', 'office_manager').execute();
    }
  });
});

describe('user and role administration', () => {
  it('lets an administrator create a user, and disabling the user ends their sessions at once', async () => {
    const { users, office, organisationId } = await officeWith(['administrator', 'caseworker']);
    const roles = (await call(users.administrator.session, 'GET', '/api/admin/roles')).json() as { id: string; key: string }[];
    const created = await call(users.administrator.session, 'POST', '/api/admin/users', {
      name: 'Amina Diallo', email: 'amina.diallo@example.org', password: 'a-long-enough-password', organisationId, officeId: office.id,
      roleIds: [roles.find((r) => r.key === 'caseworker')!.id],
    });
    expect(created.statusCode).toBe(201);
    const s = await login('amina.diallo@example.org', 'a-long-enough-password');
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);

    const id = created.json().id as string;
    const noIfMatch = await call(users.administrator.session, 'PATCH', `/api/admin/users/${id}`, { active: false });
    expect(noIfMatch.statusCode).toBe(428);
    const stale = await call(users.administrator.session, 'PATCH', `/api/admin/users/${id}`, { active: false }, { 'if-match': `"${id}.99"` });
    expect(stale.statusCode).toBe(412);
    const disabled = await call(users.administrator.session, 'PATCH', `/api/admin/users/${id}`, { active: false }, { 'if-match': created.headers.etag as string });
    expect(disabled.statusCode).toBe(200);
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/auth/login', { email: 'amina.diallo@example.org', password: 'a-long-enough-password' })).statusCode).toBe(401);

    const audit = await call(users.administrator.session, 'POST', '/api/admin/audit/search', { entityId: id });
    expect(audit.json().items.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['user.created', 'user.updated']));
    expect((await call(users.caseworker.session, 'GET', '/api/admin/users')).statusCode).toBe(403);
  });

  it('refuses a duplicate email and a weak password', async () => {
    const { users, organisationId } = await officeWith(['administrator', 'caseworker']);
    const dup = await call(users.administrator.session, 'POST', '/api/admin/users', { name: 'X', email: users.caseworker.email, password: 'a-long-enough-password', organisationId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USER_EMAIL_TAKEN');
    const weak = await call(users.administrator.session, 'POST', '/api/admin/users', { name: 'X', email: 'x@example.org', password: 'short', organisationId });
    expect(weak.statusCode).toBe(400);
  });
});

describe('first administrator', () => {
  it('is created once through the one-time set-up token', async () => {
    const fresh = await testAppWithoutUsers();
    expect(fresh).toBe(true);
  });
});

/** The set-up flow needs a database with no users at all: a fresh one. */
async function testAppWithoutUsers() {
  const other = empty;
  const { issueSetupToken } = await import('./index.js');
  const token = await issueSetupToken(other.db, other.clock);
  expect(token).toBeTruthy();
  const bad = await other.call(null, 'POST', '/api/setup', { token: 'wrong-token-123', name: 'Admin', email: 'admin@example.org', password: 'a-long-enough-password' });
  expect(bad.json().error.code).toBe('SETUP_TOKEN_INVALID');
  const ok = await other.call(null, 'POST', '/api/setup', { token, organisationName: 'Return Service', name: 'Admin', email: 'admin@example.org', password: 'a-long-enough-password' });
  expect(ok.statusCode).toBe(201);
  const again = await other.call(null, 'POST', '/api/setup', { token, name: 'Admin 2', email: 'admin2@example.org', password: 'a-long-enough-password' });
  expect(again.statusCode).toBe(400);
  const s = await other.login('admin@example.org', 'a-long-enough-password');
  return (await other.call(s, 'GET', '/api/auth/me')).json().permissions.includes('user.manage') as boolean;
}

describe('audit trail', () => {
  it('is append-only for the application role', async () => {
    await db.insertInto('audit_event').values({ event: 'auth.logout', actor_id: null, office_id: null, entity_type: null, entity_id: null, case_id: null, ip: null, before: null, after: null, details: null }).execute();
    await expect(sql`UPDATE audit_event SET event = 'x'`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM audit_event`.execute(db)).rejects.toThrow(/permission denied/);
  });

  it('refuses changes even from the owner role', async () => {
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE audit_event SET event = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it('runs the application as a role that is not a superuser', async () => {
    const r = await sql<{ rolsuper: boolean }>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`.execute(db);
    expect(r.rows[0].rolsuper).toBe(false);
  });
});

void fx;
