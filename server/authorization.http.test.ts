import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../shared/access.js';
import { householdInput, testApp } from './test-support/harness.js';

/**
 * Every /api route, for every built-in role: a role without the route's permission is refused
 * (403) before anything else happens; a role with it is never refused for lack of permission.
 * Routes are taken from the running app, so a new route is covered the day it is added.
 */
const t = await testApp();
const everyRole = BUILTIN_ROLES.map((r) => r.key);
const { users, office } = await t.officeWith(everyRole);
const owner = users.caseworker;
const created = await t.call(owner.session, 'POST', '/api/cases', householdInput());
const caseId = created.json().id as string;
const personId = created.json().members[0].person.id as string;
const dummy = '00000000-0000-4000-8000-000000000000';

const fill = (url: string) =>
  url.replace('/api/cases/:id', `/api/cases/${caseId}`).replace('/persons/:childId', `/persons/${personId}`).replace(/:childId|:id/g, dummy);

const routes = t.app.routeCatalogue.filter((r) => !r.public && r.url !== '/api/auth/logout');

describe('authorization matrix', () => {
  it('knows the routes', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(office.id).toBeTruthy();
  });

  for (const role of BUILTIN_ROLES) {
    it(`${role.key}: each route is allowed exactly when the role grants its permission`, async () => {
      const session = users[role.key].session;
      const failures: string[] = [];
      for (const route of routes) {
        const needed = route.permission === 'signed-in' || route.permission === undefined ? [] : [route.permission].flat();
        const granted = needed.length === 0 || needed.some((p) => role.permissions.includes(p));
        const res = await t.call(session, route.method as 'GET', fill(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        const body = res.headers['content-type']?.toString().includes('json') ? res.json() : {};
        const refused = res.statusCode === 403 && body.error?.code === 'FORBIDDEN';
        if (res.statusCode === 401) failures.push(`${route.method} ${route.url}: 401`);
        else if (granted && refused) failures.push(`${route.method} ${route.url}: refused though granted`);
        else if (!granted && !refused) failures.push(`${route.method} ${route.url}: ${res.statusCode} though not granted`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('refuses every route without a session', async () => {
    for (const route of routes) {
      const res = await t.call(null, route.method as 'GET', fill(route.url), route.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
