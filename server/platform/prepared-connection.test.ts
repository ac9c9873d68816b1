import { describe, expect, it } from 'vitest';
import { preparedConnection, preparedPoolSize } from './db.js';

describe('preparedConnection', () => {
  it('adds the plan cache mode to the options of a URL, after those it has', () => {
    expect(new URL(preparedConnection('postgres://app:pw@127.0.0.1:5432/homeward').connectionString!).searchParams.get('options'))
      .toBe('-c plan_cache_mode=force_generic_plan');
    const kept = preparedConnection('postgres://app:pw@db.example:5432/homeward?sslmode=require&options=-c%20statement_timeout%3D5s');
    const u = new URL(kept.connectionString!);
    expect(u.searchParams.get('options')).toBe('-c statement_timeout=5s -c plan_cache_mode=force_generic_plan');
    expect(u.searchParams.get('sslmode')).toBe('require');
    expect([u.username, u.password, u.hostname, u.port, u.pathname]).toEqual(['app', 'pw', 'db.example', '5432', '/homeward']);
    expect(kept.options).toBeUndefined();
  });

  it('passes a connection string that is not a URL through, with the setting as the pool option', () => {
    expect(preparedConnection('/var/run/postgresql homeward')).toEqual({ connectionString: '/var/run/postgresql homeward', options: '-c plan_cache_mode=force_generic_plan' });
  });

  it('opens half as many connections as the pool, at least one', () => {
    expect([preparedPoolSize(20), preparedPoolSize(5), preparedPoolSize(1)]).toEqual([10, 3, 1]);
  });
});
