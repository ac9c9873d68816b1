import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp } from '../test-support/harness.js';

/**
 * A database error's message and detail quote the values of the row (`Failing row contains
 * (...)`, `Key (name)=(...)`): the server log must carry what went wrong and where, never those values.
 */
const lines: string[] = [];
const t = await testApp({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
const { users } = await t.officeWith(['caseworker']);
const caseworker = users.caseworker;

describe('the server log after a database error', () => {
  it('names the error and the route but never the values sent', async () => {
    const secret = `Zaynab Khalil ${Date.now()}`;
    const created = await t.call(caseworker.session, 'POST', '/api/cases', householdInput());
    const caseId = created.json().id as string;
    // A constraint the application does not know of refuses the row: PostgreSQL's message and
    // detail quote the row's values ("Failing row contains (...)").
    const admin = new pg.Client({ connectionString: t.ownerUrl });
    await admin.connect();
    try {
      await admin.query(`ALTER TABLE case_note ADD CONSTRAINT case_note_test_refusal CHECK (body NOT LIKE 'Zaynab%')`);
      const res = await t.call(caseworker.session, 'POST', `/api/cases/${caseId}/notes`, { body: secret });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain(secret);
    } finally {
      await admin.query('ALTER TABLE case_note DROP CONSTRAINT IF EXISTS case_note_test_refusal');
      await admin.end();
    }
    const log = lines.join('');
    const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
    expect(failed, log).toBeDefined();
    expect(log).not.toContain('Zaynab');
    expect(failed.error).toMatchObject({ code: '23514', constraint: 'case_note_test_refusal' });
    expect(failed.route).toBe('/api/cases/:id/notes');
  });

  it('logs a request by its method, path and request id, never its query string nor the address it came from', async () => {
    lines.length = 0;
    const searched = `Khalil${Date.now()}`;
    // Homeward's own searches are POSTs; a client may still put anything in a query string.
    const res = await t.call(caseworker.session, 'GET', `/api/cases/stage-counts?mine=${searched}`);
    expect(res.statusCode).toBe(400);
    const log = lines.join('');
    expect(log).not.toContain(searched);
    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.req);
    expect(logged.length, log).toBeGreaterThan(0);
    for (const l of logged) {
      expect(l.req).toEqual({ method: 'GET', url: '/api/cases/stage-counts' });
      expect(typeof l.reqId).toBe('string');
    }
    // The answer's line carries the same request id.
    expect(lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === logged[0].reqId).length).toBeGreaterThan(1);
  });
});
