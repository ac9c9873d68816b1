import { describe, expect, it } from 'vitest';
import { testApp } from '../test-support/harness.js';
import { demoCaseLoaded, finishDemoLoad, startDemoLoad } from './demo-load.js';

const t = await testApp();

describe('GET /api/demo-data', () => {
  it('tells a signed-in user how far the demo cases got, and nobody else', async () => {
    const anonymous = await t.call(null, 'GET', '/api/demo-data');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');

    const { users } = await t.officeWith(['caseworker']);
    const s = users.caseworker.session;
    const none = await t.call(s, 'GET', '/api/demo-data');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ state: 'none', casesDone: 0, casesTotal: 0 });

    await startDemoLoad(t.db, t.clock, 332);
    await demoCaseLoaded(t.db);
    expect((await t.call(s, 'GET', '/api/demo-data')).json()).toEqual({ state: 'loading', casesDone: 1, casesTotal: 332 });
    await finishDemoLoad(t.db, t.clock);
    expect((await t.call(s, 'GET', '/api/demo-data')).json()).toEqual({ state: 'loaded', casesDone: 1, casesTotal: 332 });
  });
});
