import { randomUUID } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../app.js';
import type { Clock } from '../platform/actor.js';
import { loadConfig, type Config } from '../platform/config.js';
import { FieldCipher, newSecretKey } from '../platform/crypto.js';
import { createDb, type Db } from '../platform/db.js';
import { APP_ROLE } from '../platform/migrate.js';
import { ensureBuiltinRoles, hashPassword, newTotpSecret, totpCodeAt } from '../modules/access/index.js';

/** A clock tests can move: sessions, lockouts and TOTP depend on time. */
export class TestClock implements Clock {
  constructor(private t = new Date('2026-03-02T09:00:00Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

const withDatabase = (url: string, database: string, user?: string, password?: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = encodeURIComponent(password ?? '');
  }
  return u.toString();
};

/**
 * A fresh database for one test file, cloned from the migrated template, and a connection to it
 * as the application role (never the owner). Dropped after the file.
 */
export async function testDatabase(): Promise<{ db: Db; ownerUrl: string; appUrl: string; name: string }> {
  const { ownerUrl, template, appPassword } = inject('pg');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  // A test database is thrown away after its file: its commits need not wait for the disk (the
  // crash tests, `*.process.test.ts`, run Homeward on a database of their own with the defaults).
  await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  await admin.end();
  const appUrl = withDatabase(ownerUrl, name, APP_ROLE, appPassword);
  const db = createDb(appUrl, 5);
  afterAll(async () => {
    await db.destroy();
    const a = new pg.Client({ connectionString: ownerUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await a.end();
  });
  return { db, ownerUrl: withDatabase(ownerUrl, name), appUrl, name };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/**
 * Builders for the records tests need: each test makes its own organisation, office and users.
 * A user given a role that requires TOTP is enrolled (unless `totp: false`); the secret is kept in
 * `totpSecrets` by email so that the harness's sign-in can answer with a code.
 */
export function fixtures(db: Db, cipher?: FieldCipher, totpSecrets = new Map<string, string>()) {
  return {
    async organisation(kind: 'implementing' | 'partner' = 'implementing') {
      return db.insertInto('organisation').values({ name: `Org ${unique()}`, kind }).returning(['id', 'name']).executeTakeFirstOrThrow();
    },
    async office(organisationId: string, opts: { kind?: 'host' | 'transit' | 'origin'; country?: string } = {}) {
      const country = opts.country ?? 'BE';
      const prefix = `${country}-${unique().toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-8)}`;
      return db
        .insertInto('office')
        .values({ organisation_id: organisationId, name: `Office ${prefix}`, country_code: country, kind: opts.kind ?? 'host', case_prefix: prefix })
        .returning(['id', 'name', 'case_prefix', 'country_code', 'organisation_id'])
        .executeTakeFirstOrThrow();
    },
    async user(opts: { roles: string[]; organisationId: string; officeId: string | null; password?: string; totp?: boolean }) {
      const roles = await ensureBuiltinRoles(db);
      const password = opts.password ?? `pw-${randomBytes(8).toString('hex')}`;
      const email = `u${unique()}@example.org`;
      const roleIds = opts.roles.map((key) => roles.get(key)).filter((id): id is string => Boolean(id));
      const needsTotp = roleIds.length
        ? Boolean(await db.selectFrom('role').select('id').where('id', 'in', roleIds).where('require_totp', '=', true).executeTakeFirst())
        : false;
      const totpSecret = (opts.totp ?? needsTotp) && cipher ? newTotpSecret() : null;
      const user = await db
        .insertInto('app_user')
        .values({
          email, name: `User ${unique()}`, organisation_id: opts.organisationId, office_id: opts.officeId, password_hash: await hashPassword(password),
          totp_secret: totpSecret ? cipher!.encrypt(totpSecret) : null, totp_enabled: Boolean(totpSecret), totp_last_step: null, updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (totpSecret) totpSecrets.set(email, totpSecret);
      for (const key of opts.roles) {
        const roleId = roles.get(key);
        if (!roleId) throw new Error(`No role ${key}`);
        await db.insertInto('user_role').values({ user_id: user.id, role_id: roleId }).execute();
      }
      return { id: user.id, email, password };
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

/**
 * The application on a fresh database, with helpers to sign in and call it as a user; `config`
 * overrides settings (HTTPS, proxy), `logger` captures the log.
 */
export async function testApp(opts: { config?: Partial<Config>; logger?: AppDeps['logger'] } = {}) {
  const { db, ownerUrl } = await testDatabase();
  const clock = new TestClock();
  const config = { ...loadConfig({}), webDist: '/nonexistent', attachmentMaxBytes: 1024 * 1024, loginRatePerMinute: 100_000, ...opts.config };
  const cipher = new FieldCipher(newSecretKey());
  const app: FastifyInstance = await buildApp({ db, clock, config, cipher, logger: opts.logger });
  afterAll(() => app.close());
  const totpSecrets = new Map<string, string>();
  const fx = fixtures(db, cipher, totpSecrets);

  /** Signs in; for a user the fixtures enrolled in TOTP, with a fresh code (the replay guard is cleared first). */
  async function login(email: string, password: string, totpCode?: string): Promise<Session> {
    const secret = totpSecrets.get(email);
    if (secret && !totpCode) {
      await db.updateTable('app_user').set({ totp_last_step: null }).where('email', '=', email).execute();
      totpCode = totpCodeAt(secret, clock.now());
    }
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...(totpCode ? { totpCode } : {}) } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'hw_session');
    return { cookie: `hw_session=${cookie!.value}`, csrf: res.json().csrfToken };
  }

  /** An office with a user of each given role in it, signed in. */
  async function officeWith(roles: string[], opts: { kind?: 'host' | 'transit' | 'origin'; country?: string; organisationId?: string } = {}) {
    const organisationId = opts.organisationId ?? (await fx.organisation()).id;
    const office = await fx.office(organisationId, opts);
    const users: Record<string, { id: string; email: string; password: string; session: Session }> = {};
    for (const role of roles) {
      const u = await fx.user({ roles: [role], organisationId, officeId: office.id });
      users[role] = { ...u, session: await login(u.email, u.password) };
    }
    return { office, organisationId, users };
  }

  function call(session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return app.inject({
      method,
      url,
      payload: payload as never,
      headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...headers },
    });
  }

  let programme: Session | null = null;
  /**
   * Takes a case through eligibility as its users would: a project covering it with rules every
   * case passes (travel only), assigned by `caseworker`, checked, and confirmed by `confirmer`.
   * `criteria` replaces the empty criteria when a test needs some.
   */
  async function makeEligible(caseId: string, caseworker: Session, confirmer: Session, criteria: Record<string, unknown> = {}) {
    programme ??= (await officeWith(['programme_manager'])).users.programme_manager.session;
    const c = await db.selectFrom('return_case as c').innerJoin('office as o', 'o.id', 'c.office_id').select(['o.country_code', 'c.country_of_return']).where('c.id', '=', caseId).executeTakeFirstOrThrow();
    const expectOk = (res: LightMyRequestResponse, what: string) => {
      if (res.statusCode >= 300) throw new Error(`${what} failed ${res.statusCode} ${res.body}`);
      return res;
    };
    const project = expectOk(await call(programme, 'POST', '/api/projects', {
      code: `T-${randomUUID().slice(0, 8)}`, name: 'Returns', donors: [], hostCountries: [c.country_code], returnCountries: [c.country_of_return],
      startsOn: '2020-01-01', endsOn: '2035-12-31', budgetMinor: null, currency: 'EUR', status: 'active',
    }), 'project').json();
    const draft = expectOk(await call(programme, 'POST', `/api/projects/${project.id}/rules`, {
      rules: { criteria, entitlements: { currency: 'EUR', components: [{ component: 'travel', perPersonMinor: 0, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] }] } },
    }), 'rules');
    expectOk(await call(programme, 'POST', `/api/eligibility-rules/${draft.json().id}/publish`, undefined, { 'if-match': draft.headers.etag as string }), 'publish');
    const current = await call(caseworker, 'GET', `/api/cases/${caseId}`);
    expectOk(await call(caseworker, 'PUT', `/api/cases/${caseId}/project`, { projectId: project.id }, { 'if-match': current.headers.etag as string }), 'assign');
    const check = expectOk(await call(caseworker, 'POST', `/api/cases/${caseId}/eligibility/checks`), 'check').json();
    expectOk(await call(confirmer, 'POST', `/api/cases/${caseId}/eligibility/checks/${check.check?.id ?? check.id}/confirm`, { finalOutcome: 'eligible' }), 'confirm');
  }

  return { app, db, ownerUrl, clock, cipher, fx, login, officeWith, call, makeEligible };
}

/** A minimal valid household for registration tests. */
export function householdInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'voluntary_return',
    legalStatus: 'asylum_rejected',
    countryOfReturn: 'IQ',
    principal: { givenName: 'Mohammed', familyName: 'Al-Hassan', sex: 'male', birthDate: '1988-04-12', nationality: 'IQ', originalScriptName: 'محمد الحسن', documents: [{ type: 'passport', number: 'A1234567', issuingCountry: 'IQ' }] },
    members: [{ relationship: 'spouse', person: { givenName: 'Fatima', familyName: 'Al-Hassan', sex: 'female', birthDate: '1990-01-01', nationality: 'IQ' } }],
    ...overrides,
  };
}

/** A multipart upload as a browser sends it: an optional description and one file. */
export function multipartUpload(file: { name: string; content: Buffer }, description?: string) {
  const boundary = '----homeward';
  const payload = Buffer.concat([
    ...(description === undefined ? [] : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n`)]),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}
