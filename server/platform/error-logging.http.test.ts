import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testApp } from '../test-support/harness.js';

/**
 * A database error's message and detail quote the values of the row (`Key (name)=(...)`): the
 * server log must carry what went wrong and where, never those values.
 */
const lines: string[] = [];
const t = await testApp({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
const { users } = await t.officeWith(['caseworker']);
const caseworker = users.caseworker;

/** Waits until some statement on the database is blocked on a lock. */
async function untilBlocked(admin: pg.Client) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no statement ever waited');
}

describe('the server log after a database error', () => {
  it('names the error and the route but never the values sent', async () => {
    const secret = `Zaynab Khalil ${Date.now()}`;
    // Another writer holds the same name, not yet committed: the route's check passes, its insert
    // waits on the unique index, then fails with a unique violation quoting the name.
    const admin = new pg.Client({ connectionString: t.ownerUrl });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query(`INSERT INTO saved_filter (user_id, name, filter) VALUES ($1, $2, '{}')`, [caseworker.id, secret]);
      const pending = t.call(caseworker.session, 'POST', '/api/saved-filters', { name: secret, filter: {} });
      await untilBlocked(admin);
      await admin.query('COMMIT');
      const res = await pending;
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain(secret);
    } finally {
      await admin.end();
    }
    const log = lines.join('');
    const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
    expect(failed, log).toBeDefined();
    expect(log).not.toContain('Zaynab');
    expect(failed.error).toMatchObject({ code: '23505', constraint: expect.stringContaining('saved_filter') });
    expect(failed.route).toBe('/api/saved-filters');
  });
});
