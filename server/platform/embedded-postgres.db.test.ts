// The embedded PostgreSQL on a data directory of its own (never the test run's server): what is
// left in the cluster directory by a power cut or a crash must not block the next start, and
// when PostgreSQL cannot start the error says what PostgreSQL said.
import { execFileSync, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedPostgresSettings, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

let dataDir: string;
let pgDir: string;
/** postmaster.pid as PostgreSQL wrote it while running (pid, directory, start time, port, ...). */
let runningLockFile: string;
const handles: EmbeddedPostgresHandle[] = [];

const start = async (options: { keepBufferCacheFromBytes?: number } = {}) => {
  const handle = await startEmbeddedPostgres(dataDir, undefined, undefined, options);
  handles.push(handle);
  return handle;
};

const answers = async (handle: EmbeddedPostgresHandle) => {
  const client = new pg.Client({ connectionString: handle.ownerUrl('postgres') });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n;
  } finally {
    await client.end();
  }
};

/** Puts back a postmaster.pid naming `pid`, as a server that died without cleaning up leaves it. */
const leaveLockFile = (pid: number) =>
  writeFile(path.join(pgDir, 'postmaster.pid'), runningLockFile.replace(/^\d+\n/, `${pid}\n`));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'homeward-pg-'));
  pgDir = path.join(dataDir, 'pg');
  const first = await start();
  runningLockFile = await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
  await first.stop();
}, 120_000);

afterAll(async () => {
  for (const handle of handles) await handle.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL start-up', () => {
  it('runs with the settings sized from this machine', async () => {
    const handle = await start();
    const client = new pg.Client({ connectionString: handle.ownerUrl('postgres') });
    await client.connect();
    try {
      const expected = embeddedPostgresSettings(totalmem(), cpus().length);
      const names = ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'random_page_cost', 'jit', 'max_connections'];
      const { rows } = await client.query<{ name: string; setting: string; unit: string | null; source: string }>(
        'SELECT name, setting, unit, source FROM pg_settings WHERE name = ANY($1)',
        [names],
      );
      const shown = Object.fromEntries(rows.map((r) => [r.name, r]));
      const inMb = (r: { setting: string; unit: string | null }) =>
        r.unit === '8kB' ? `${(Number(r.setting) * 8) / 1024}MB` : r.unit === 'kB' ? `${Number(r.setting) / 1024}MB` : r.unit === 'MB' ? `${r.setting}MB` : r.setting;
      for (const name of ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem']) expect(inMb(shown[name]!)).toBe(expected[name]);
      expect(`${Number(shown.max_wal_size!.setting) / 1024}GB`).toBe(expected.max_wal_size);
      expect(shown.random_page_cost!.setting).toBe('1.1');
      expect(shown.jit!.setting).toBe('off');
      expect(shown.max_connections!.setting).toBe('200');
      expect(shown.shared_buffers!.source).toBe('command line');
      // A small cluster: no worker keeping the buffer cache across restarts (KEEP_BUFFER_CACHE_FROM_BYTES).
      expect((await client.query<{ s: string }>("SELECT current_setting('shared_preload_libraries') AS s")).rows[0]!.s).toBe('');
    } finally {
      await client.end();
      await handle.stop();
    }
  });

  it('keeps the buffer cache across a restart: the blocks read before the stop are in shared buffers after the start', async () => {
    const query = async <T extends pg.QueryResultRow>(handle: EmbeddedPostgresHandle, text: string) => {
      const client = new pg.Client({ connectionString: handle.ownerUrl('postgres') });
      await client.connect();
      try {
        return (await client.query<T>(text)).rows;
      } finally {
        await client.end();
      }
    };
    const cached = (handle: EmbeddedPostgresHandle) => query<{ n: number }>(handle, `SELECT count(*)::int AS n FROM pg_buffercache b
      JOIN pg_class c ON c.relfilenode = b.relfilenode AND b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
      WHERE c.relname = 'kept_warm'`).then((rows) => rows[0]!.n);
    // As a cluster past KEEP_BUFFER_CACHE_FROM_BYTES is started.
    const first = await start({ keepBufferCacheFromBytes: 0 });
    try {
      await query(first, 'CREATE EXTENSION IF NOT EXISTS pg_buffercache');
      await query(first, 'DROP TABLE IF EXISTS kept_warm');
      await query(first, "CREATE TABLE kept_warm AS SELECT g AS id, repeat('x', 200) AS filler FROM generate_series(1, 20000) g");
      await query(first, 'SELECT count(*) FROM kept_warm');
      expect((await query<{ setting: string }>(first, "SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries'"))[0]!.setting).toBe('pg_prewarm');
      expect(await cached(first)).toBeGreaterThan(500);
    } finally {
      await first.stop();
    }
    // The fast shutdown wrote the list of cached blocks; the next start reads them back in the background.
    expect(await readFile(path.join(pgDir, 'autoprewarm.blocks'), 'utf8')).toMatch(/^<<\d+>>/);
    const second = await start({ keepBufferCacheFromBytes: 0 });
    try {
      let n = 0;
      for (let waited = 0; waited < 20_000 && n <= 500; waited += 100) {
        n = await cached(second);
        if (n <= 500) await new Promise((r) => setTimeout(r, 100));
      }
      expect(n).toBeGreaterThan(500);
    } finally {
      await second.stop();
    }
  });

  it('a postmaster.pid whose process is dead does not block the start', async () => {
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    await leaveLockFile(gone.pid!);
    const handle = await start();
    expect(await answers(handle)).toBe(1);
    await handle.stop();
  });

  it('a postmaster.pid whose number now belongs to another program does not block the start', async () => {
    // PostgreSQL itself refuses to start when the number in its lock file is a live process of
    // its own user (after a reboot the number is often taken again).
    const ids = userInfo().uid === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : {};
    const other = spawn('sleep', ['60'], { ...ids, stdio: 'ignore' });
    try {
      await leaveLockFile(other.pid!);
      const handle = await start();
      expect(await answers(handle)).toBe(1);
      await handle.stop();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('when PostgreSQL cannot start, the error carries its own words and the data directory is released', async () => {
    const autoConf = path.join(pgDir, 'postgresql.auto.conf');
    const before = await readFile(autoConf, 'utf8');
    await appendFile(autoConf, 'homeward_no_such_setting = 1\n');
    try {
      await expect(start()).rejects.toThrow(/did not start[\s\S]*unrecognized configuration parameter "homeward_no_such_setting"/);
    } finally {
      await writeFile(autoConf, before);
    }
    await expect(readFile(path.join(dataDir, 'homeward.pid'), 'utf8')).rejects.toThrow(/ENOENT/);
    const handle = await start();
    expect(await answers(handle)).toBe(1);
    await handle.stop();
  });
});
