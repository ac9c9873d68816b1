import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ALL_QUEUES } from './jobs.js';
import { verifyAuditChain } from './platform/audit-chain.js';
import { checksumPath, sha256File } from './platform/backup-file.js';
import { backupJob, databaseIsEmpty, restoreBackup, writeBackup } from './platform/backup.js';
import { APP_ROLE } from './platform/migrate.js';
import { createDb } from './platform/db.js';
import { householdInput, testApp } from './test-support/harness.js';

/**
 * The restore drill: a database with cases, persons and audit entries is backed up, restored into
 * a second empty database, and every table compared; damaged files and non-empty targets refused.
 */
const { call, officeWith, ownerUrl } = await testApp();
const dir = await mkdtemp(path.join(tmpdir(), 'hw-backup-drill-'));
const key = randomBytes(32);
const created: string[] = [];
const admin = new pg.Client({ connectionString: ownerUrl });
await admin.connect();
afterAll(async () => {
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

/** A new empty database beside the test's, made with the owner's connection. */
async function emptyDatabase() {
  const name = `hw_restore_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  created.push(name);
  const u = new URL(ownerUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Row count and content hash of every table of `public`. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ t: string }>(
      "SELECT relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' AND relname <> 'schema_migration' ORDER BY 1",
    )).rows.map((r) => r.t);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = await client.query<{ n: number; h: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM public."${t}" x`);
      out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
    }
    return out;
  } finally {
    await client.end();
  }
}
const isEmpty = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await databaseIsEmpty(c);
  } finally {
    await c.end();
  }
};

const { users } = await officeWith(['caseworker']);
const s = users.caseworker.session;
for (let i = 0; i < 3; i++) {
  const res = await call(s, 'POST', '/api/cases', householdInput());
  expect(res.statusCode).toBe(201);
  await call(s, 'GET', `/api/cases/${res.json().id}`);
}
const file = path.join(dir, 'drill.hwbackup');
const written = await writeBackup(ownerUrl, file, key, 'secret-key');
const target = await emptyDatabase();

describe('the restore drill', () => {
  it('restores every table, row for row, into an empty database, and the audit chain verifies', async () => {
    expect(written.tables).toBeGreaterThan(50);
    const restored = await restoreBackup(target, file, key, { queues: ALL_QUEUES });
    expect(restored.newerMigrations).toEqual([]);
    const [before, after] = [await fingerprint(ownerUrl), await fingerprint(target)];
    expect(after).toEqual(before);
    expect(Number(before.person!.split(':')[0])).toBeGreaterThanOrEqual(6);
    expect(Number(before.audit_event!.split(':')[0])).toBeGreaterThan(6);
    const db = createDb(target, 1);
    try {
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true, entries: Number(before.audit_event!.split(':')[0]) });
      // The sequences follow: the next audit entry's id comes after the restored ones.
      const next = await sql<{ ahead: boolean }>`SELECT nextval('audit_event_id_seq') > (SELECT max(id) FROM audit_event) AS ahead`.execute(db);
      expect(next.rows[0]!.ahead).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a non-empty database without --force, and replaces it with --force', async () => {
    await expect(restoreBackup(target, file, key, { queues: ALL_QUEUES })).rejects.toMatchObject({ kind: 'not-empty' });
    await restoreBackup(target, file, key, { queues: ALL_QUEUES, force: true });
    expect(await fingerprint(target)).toEqual(await fingerprint(ownerUrl).then((f) => f));
  });

  it('refuses a damaged file, a wrong key and a newer schema before writing anything', async () => {
    const empty = await emptyDatabase();
    const bad = path.join(dir, 'bad.hwbackup');
    await copyFile(file, bad);
    const bytes = await readFile(bad);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    await writeFile(bad, bytes);
    await copyFile(checksumPath(file), checksumPath(bad));
    await expect(restoreBackup(empty, bad, key, { queues: ALL_QUEUES })).rejects.toMatchObject({ kind: 'corrupted' });
    await writeFile(checksumPath(bad), `${await sha256File(bad)}  bad.hwbackup\n`);
    await expect(restoreBackup(empty, bad, key, { queues: ALL_QUEUES })).rejects.toMatchObject({ kind: 'corrupted' });
    await expect(restoreBackup(empty, file, randomBytes(32), { queues: ALL_QUEUES })).rejects.toMatchObject({ kind: 'wrong-key' });
    expect(await isEmpty(empty)).toBe(true);

    const c = new pg.Client({ connectionString: target });
    await c.connect();
    await c.query("INSERT INTO schema_migration (name) VALUES ('9999_from_the_future.sql')");
    await c.end();
    const newer = path.join(dir, 'newer.hwbackup');
    await writeBackup(target, newer, key, 'secret-key');
    await expect(restoreBackup(empty, newer, key, { queues: ALL_QUEUES })).rejects.toMatchObject({ kind: 'newer-schema', message: expect.stringMatching(/newer Homeward/) });
    expect(await isEmpty(empty)).toBe(true);
  });
});

describe('the scheduled backup', () => {
  it('writes a backup as the application role into <dataDir>/backups and removes those past their days and unfinished ones', async () => {
    const dataDir = path.join(dir, 'data');
    const backups = path.join(dataDir, 'backups');
    const app = new URL(ownerUrl);
    app.username = APP_ROLE;
    app.password = encodeURIComponent(inject('pg').appPassword);
    const secretKey = randomBytes(32).toString('base64');
    const job = backupJob({ url: app.toString(), dataDir, secretKey, hours: 24, keepDays: 7 });
    expect(job.cron).toBe('23 2 * * *');
    await job.handler({});
    const old = path.join(backups, 'homeward-2020-01-01T00-00-00-000Z.hwbackup');
    await writeFile(old, 'old');
    await writeFile(checksumPath(old), 'old');
    await utimes(old, new Date('2020-01-01'), new Date('2020-01-01'));
    const interrupted = path.join(backups, 'homeward-2020-01-02T00-00-00-000Z.hwbackup.partial');
    await writeFile(interrupted, 'cut short');
    await utimes(interrupted, new Date('2020-01-02'), new Date('2020-01-02'));
    await job.handler({});
    const names = (await readdir(backups)).sort();
    expect(names).toHaveLength(4);
    expect(names.some((n) => n.startsWith('homeward-2020'))).toBe(false);
    const restored = await emptyDatabase();
    await restoreBackup(restored, path.join(backups, names[0]!), Buffer.from(secretKey, 'base64'), { queues: ALL_QUEUES });
    expect(Object.keys(await fingerprint(restored)).length).toBeGreaterThan(50);
    expect(backupJob(null).cron).toBeUndefined();
  });
});
