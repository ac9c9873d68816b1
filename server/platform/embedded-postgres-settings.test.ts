import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferCacheSettings, clusterDataBytes, describeSettings, embeddedPostgresSettings, KEEP_BUFFER_CACHE_FROM_BYTES } from './embedded-postgres.js';

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

  it('the buffer cache is kept across restarts from 1 GB of data on, when the binaries ship pg_prewarm', () => {
    expect(KEEP_BUFFER_CACHE_FROM_BYTES).toBe(GB);
    expect(bufferCacheSettings(GB - 1)).toEqual({});
    const large = bufferCacheSettings(GB);
    if (process.platform === 'linux') expect(large).toEqual({ shared_preload_libraries: 'pg_prewarm', 'pg_prewarm.autoprewarm': 'on', 'pg_prewarm.autoprewarm_interval': '300s' });
    expect(bufferCacheSettings(GB, GB, '/nowhere/bin/postgres')).toEqual({});
  });

  it('the size of a cluster is the sum of its databases\' files, 0 before it exists', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'homeward-cluster-size-'));
    try {
      expect(await clusterDataBytes(path.join(dir, 'pg'))).toBe(0);
      await mkdir(path.join(dir, 'pg', 'base', '1'), { recursive: true });
      await mkdir(path.join(dir, 'pg', 'base', '5'), { recursive: true });
      await writeFile(path.join(dir, 'pg', 'base', '1', '1259'), Buffer.alloc(8192));
      await writeFile(path.join(dir, 'pg', 'base', '5', '16384'), Buffer.alloc(300));
      await writeFile(path.join(dir, 'pg', 'base', '5', '16384.1'), Buffer.alloc(100));
      await writeFile(path.join(dir, 'pg', 'base', 'not-a-database'), Buffer.alloc(5000));
      await writeFile(path.join(dir, 'pg', 'postgresql.conf'), Buffer.alloc(7000));
      expect(await clusterDataBytes(path.join(dir, 'pg'))).toBe(8192 + 300 + 100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
