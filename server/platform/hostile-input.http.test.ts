import { describe, expect, it } from 'vitest';
import { PERMISSION_KEYS } from '../../shared/access.js';
import { householdInput, testApp, type Session } from '../test-support/harness.js';

/**
 * Text PostgreSQL cannot store (NUL) or that is not well-formed Unicode (a lone surrogate) is
 * refused with 400 before any route runs, on every route, instead of failing in the database.
 */
const t = await testApp();
const { users, organisationId, office } = await t.officeWith(['caseworker']);
const caseworker = users.caseworker.session;

// A user holding every permission, so that no route stops at the permission gate.
await t.db
  .insertInto('role')
  .values({ key: 'everything', name: 'Everything', scope: 'all', permissions: [...PERMISSION_KEYS], builtin: false, updated_at: new Date() })
  .execute();
const all = await t.fx.user({ roles: ['everything'], organisationId, officeId: office.id });
const everything: Session = await t.login(all.email, all.password);

const registered = await t.call(caseworker, 'POST', '/api/cases', householdInput());
const caseId = registered.json().id as string;
const personId = registered.json().members[0].person.id as string;
const dummy = '00000000-0000-4000-8000-000000000000';

const NUL = 'Ali\u0000Hassan';
const LONE = 'Ali\ud800Hassan';

const expectTextRefused = (res: { statusCode: number; body: string; json: () => { error: { code: string; details: Record<string, unknown> } } }, path: string, where = 'body') => {
  expect(res.statusCode, res.body).toBe(400);
  const error = res.json().error;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.details.in).toBe(where);
  expect(error.details.issues).toContainEqual(expect.objectContaining({ path, code: 'text_invalid' }));
};

describe('text that cannot be stored', () => {
  for (const [label, bad] of [['a NUL character', NUL], ['a lone surrogate', LONE]] as const) {
    it(`refuses ${label} with 400 at sign-in, registration, notes, searches and administration`, async () => {
      expectTextRefused(await t.call(null, 'POST', '/api/auth/login', { email: `a${bad}@example.org`, password: 'x' }), 'email');
      expectTextRefused(await t.call(null, 'POST', '/api/auth/login', { email: all.email, password: bad }), 'password');
      const household = householdInput();
      expectTextRefused(
        await t.call(caseworker, 'POST', '/api/cases', { ...household, principal: { ...household.principal, givenName: bad } }),
        'principal.givenName',
      );
      expectTextRefused(
        await t.call(caseworker, 'POST', '/api/cases', { ...household, members: [{ ...household.members[0], person: { ...household.members[0].person, otherNames: [bad] } }] }),
        'members.0.person.otherNames.0',
      );
      expectTextRefused(await t.call(caseworker, 'POST', `/api/cases/${caseId}/notes`, { body: bad, sensitive: false }), 'body');
      expectTextRefused(await t.call(caseworker, 'POST', '/api/cases/search', { q: bad }), 'q');
      expectTextRefused(await t.call(caseworker, 'POST', '/api/cases/duplicates', { givenName: bad, familyName: 'Hassan' }), 'givenName');
      expectTextRefused(await t.call(caseworker, 'POST', '/api/saved-filters', { name: bad, filter: {} }), 'name');
      expectTextRefused(await t.call(caseworker, 'PATCH', `/api/cases/${caseId}/persons/${personId}`, { familyName: bad }, { 'if-match': `"${personId}.1"` }), 'familyName');
      expectTextRefused(await t.call(everything, 'POST', '/api/admin/organisations', { name: bad, kind: 'partner' }), 'name');
      expectTextRefused(await t.call(everything, 'POST', '/api/coi/search', { q: bad }), 'q');
      expectTextRefused(
        await t.call(everything, 'POST', '/api/coi', { country: 'IQ', topic: 'health', title: 'Care', body: bad, language: 'en', source: 'UNHCR', informationDate: '2026-01-01' }),
        'body',
      );
      // Names of fields are text too.
      expectTextRefused(await t.call(caseworker, 'POST', '/api/cases/search', { [`q${bad}`]: 'x' }), `q${bad}`);
    });
  }

  it('refuses such text in query strings', async () => {
    expectTextRefused(await t.call(everything, 'GET', '/api/counselling/appointments?counsellorId=%00'), 'counsellorId', 'querystring');
  });

  it('answers 400, never 500, on every route that takes a JSON body', async () => {
    const writes = t.app.routeCatalogue.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url !== '/api/auth/logout');
    expect(writes.length).toBeGreaterThan(40);
    const fill = (url: string) => url.replace('/api/cases/:id', `/api/cases/${caseId}`).replace(/:[A-Za-z]+/g, dummy);
    const failures: string[] = [];
    for (const route of writes) {
      for (const bad of [NUL, LONE]) {
        const res = await t.call(everything, route.method as 'POST', fill(route.url), { note: bad }, { 'if-match': `"${dummy}.1"` });
        const code = res.headers['content-type']?.toString().includes('json') ? res.json().error?.details?.issues?.[0]?.code : undefined;
        if (res.statusCode !== 400 || code !== 'text_invalid') failures.push(`${route.method} ${route.url}: ${res.statusCode} ${code ?? res.body.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('multipart uploads', () => {
  const multipart = (parts: string[], boundary = '----homeward') =>
    Buffer.concat([...parts.map((p) => Buffer.from(`--${boundary}\r\n${p}\r\n`)), Buffer.from(`--${boundary}--\r\n`)]);
  const send = (payload: Buffer, contentType = 'multipart/form-data; boundary=----homeward') =>
    t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/attachments`, payload, headers: { cookie: caseworker.cookie, 'x-csrf-token': caseworker.csrf, 'content-type': contentType } });
  const filePart = (name = 'note.txt', content = 'Plain text') => `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}`;

  it('refuses a description with a NUL character', async () => {
    const res = await send(multipart([`Content-Disposition: form-data; name="description"\r\n\r\n${NUL}`, filePart()]));
    expectTextRefused(res, 'description');
  });

  it('refuses a file name with a NUL character', async () => {
    const res = await send(multipart([filePart(`a${NUL}.txt`)]));
    expectTextRefused(res, 'file');
  });

  it('refuses fields it does not know instead of dropping them', async () => {
    const res = await send(multipart([`Content-Disposition: form-data; name="comment"\r\n\r\nkeep me`, filePart()]));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.issues).toContainEqual(expect.objectContaining({ path: 'comment' }));
  });

  it('answers 400 to a multipart body without a boundary', async () => {
    const res = await send(multipart([filePart()]), 'multipart/form-data');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('UPLOAD_INVALID');
  });

  it('answers 400 to an upload cut off in the middle', async () => {
    const whole = multipart([`Content-Disposition: form-data; name="description"\r\n\r\nA letter`, filePart('letter.txt', 'x'.repeat(5000))]);
    const res = await send(whole.subarray(0, whole.length - 2500));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('UPLOAD_INVALID');
    const cutInHeaders = await send(Buffer.from('------homeward\r\nContent-Disposition: form-data; name="fi'));
    expect(cutInHeaders.statusCode, cutInHeaders.body).toBe(400);
  });

  it('still accepts a well-formed upload', async () => {
    const res = await send(multipart([`Content-Disposition: form-data; name="description"\r\n\r\nA letter`, filePart()]));
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('If-Match versions', () => {
  it('answers 412, not 500, to a version no record can have on user, role and case updates', async () => {
    const user = (await t.call(everything, 'GET', `/api/admin/users/${all.id}`)).json();
    const roles = (await t.call(everything, 'GET', '/api/admin/roles')).json();
    const role = (roles.items ?? roles).find((r: { key: string }) => r.key === 'everything');
    const updates = [
      { url: `/api/admin/users/${all.id}`, id: all.id, body: { name: user.name } },
      { url: `/api/admin/roles/${role.id}`, id: role.id, body: { name: 'Everything' } },
      { url: `/api/cases/${caseId}`, id: caseId, body: { legalStatus: 'irregular_stay' } },
    ];
    for (const { url, id, body } of updates) {
      for (const version of ['2147483648', '9007199254740993', '9'.repeat(400)]) {
        const res = await t.call(everything, 'PATCH', url, body, { 'if-match': `"${id}.${version}"` });
        expect(res.statusCode, `${url} ${version}: ${res.body}`).toBe(412);
        expect(res.json().error.code).toBe('PRECONDITION_FAILED');
      }
    }
  });
});
