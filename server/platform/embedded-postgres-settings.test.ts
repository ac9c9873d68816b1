import { describe, expect, it } from 'vitest';
import { describeSettings, embeddedPostgresSettings } from './embedded-postgres.js';

const GB = 1024 ** 3;

describe('the embedded PostgreSQL sized from the machine', () => {
  it('a laptop of 16 GB and 8 cores: a quarter for shared buffers, half as cache, SSD costs, no JIT', () => {
    const s = embeddedPostgresSettings(16 * GB, 8);
    expect(s).toMatchObject({
      shared_buffers: '2048MB',
      effective_cache_size: '8192MB',
      maintenance_work_mem: '1024MB',
      max_wal_size: '2GB',
      random_page_cost: '1.1',
      jit: 'off',
      max_parallel_workers: '8',
      max_parallel_workers_per_gather: '4',
    });
    expect(Number.parseInt(s.work_mem!)).toBeGreaterThanOrEqual(4);
    expect(Number.parseInt(s.work_mem!)).toBeLessThanOrEqual(64);
  });

  it('a small machine (2 GB, 1 core) keeps to small shares', () => {
    const s = embeddedPostgresSettings(2 * GB, 1);
    expect(s).toMatchObject({ shared_buffers: '512MB', effective_cache_size: '1024MB', work_mem: '4MB', maintenance_work_mem: '128MB', max_wal_size: '1GB' });
    expect(s.max_parallel_workers_per_gather).toBe('0');
  });

  it('no parallel workers for a query on two cores or fewer; from four cores, half of them (at most 4)', () => {
    expect(embeddedPostgresSettings(24 * GB, 2).max_parallel_workers_per_gather).toBe('0');
    expect(embeddedPostgresSettings(24 * GB, 4).max_parallel_workers_per_gather).toBe('2');
    expect(embeddedPostgresSettings(24 * GB, 2).max_parallel_maintenance_workers).toBe('1');
  });

  it('shared buffers are capped on a large server, and never under PostgreSQL’s default', () => {
    expect(embeddedPostgresSettings(256 * GB, 64).shared_buffers).toBe('2048MB');
    expect(embeddedPostgresSettings(256 * GB, 64).work_mem).toBe('64MB');
    expect(embeddedPostgresSettings(0.25 * GB, 1).shared_buffers).toBe('128MB');
  });

  it('the console line says when the buffer cache is kept across restarts', () => {
    const settings = { ...embeddedPostgresSettings(16 * GB, 8), 'pg_prewarm.autoprewarm': 'on' };
    expect(describeSettings(16 * GB, 8, settings)).toMatch(/max_wal_size 2GB; buffer cache kept across restarts$/);
  });

  it('the console line names the machine and the settings, nothing else', () => {
    const line = describeSettings(16 * GB, 8, embeddedPostgresSettings(16 * GB, 8));
    expect(line).toBe(
      'Embedded PostgreSQL sized for 16.0 GB of memory and 8 cores: shared_buffers 2048MB, effective_cache_size 8192MB, work_mem 35MB, maintenance_work_mem 1024MB, max_wal_size 2GB',
    );
  });
});
