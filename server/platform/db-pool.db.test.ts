import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../test-support/harness.js';
import { createDb, poolOf } from './db.js';

describe('a database pool', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('says when a connection is lost while it runs, and not while Homeward stops', async () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { appUrl } = await testDatabase();
    const db = createDb(appUrl, 1);
    const pool = poolOf(db);
    await sql`SELECT 1`.execute(db);
    pool.emit('error', new Error('terminating connection due to administrator command'));
    expect(said).toHaveBeenCalledWith('[homeward] database connection lost: terminating connection due to administrator command');
    said.mockClear();
    await db.destroy();
    // A connection asked to close by `end()` that PostgreSQL, stopping, ends first.
    pool.emit('error', new Error('terminating connection due to administrator command'));
    expect(said).not.toHaveBeenCalled();
  });
});
