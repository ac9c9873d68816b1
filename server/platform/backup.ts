import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import {
  asCorrupted, BackupError, checksumPath, sha256File, FRAME, frame, keyMaterial, openBackup, readFrames, sealer, verifyBackup, type BackupHeader,
} from './backup-file.js';
import type { JobDefinition } from './jobs.js';
import { migrate, migrationFiles } from './migrate.js';

/** The job queue's schema (pg-boss), as `jobs.ts` names it. */
const JOB_SCHEMA = 'pgboss';

/**
 * Backup and restore of Homeward's database over an ordinary connection (no pg_dump: the embedded
 * server ships none, and Debian's cannot dump a newer server). What is saved: every table of the
 * `public` schema (not `schema_migration`, whose list is the header's `migrations`) in an order
 * that respects the foreign keys, with the sequences' values. The job queue (`pgboss`) is not
 * saved: its schedules are set again at start, and work queued at backup time is asked again.
 */
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TableInfo {
  name: string;
  columns: string[];
}

/** The tables of `public` in an order where each comes after the tables its foreign keys point to. */
async function tablesInOrder(client: pg.Client): Promise<TableInfo[]> {
  const cols = await client.query<{ table: string; columns: string[] }>(`
    SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migration'
     GROUP BY c.relname ORDER BY c.relname`);
  const fks = await client.query<{ child: string; parent: string }>(`
    SELECT DISTINCT c.relname AS child, p.relname AS parent
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`);
  const parents = new Map<string, Set<string>>(cols.rows.map((r) => [r.table, new Set<string>()]));
  for (const { child, parent } of fks.rows) if (parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < parents.size) {
    const ready = [...parents.keys()].filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (!ready.length) {
      const left = [...parents.keys()].filter((t) => !placed.has(t));
      throw new Error(`The foreign keys of ${left.join(', ')} form a cycle; this backup cannot order them.`);
    }
    for (const t of ready.sort()) {
      placed.add(t);
      order.push(t);
    }
  }
  const byName = new Map(cols.rows.map((r) => [r.table, r.columns]));
  return order.map((name) => ({ name, columns: byName.get(name)! }));
}

const write = (stream: Writable, chunk: Buffer) =>
  stream.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', resolve));

export interface BackupResult {
  file: string;
  sha256: string;
  bytes: number;
  tables: number;
  rows: number;
}

/**
 * Writes a backup of the database `url` connects to (the owner, or the application role, which
 * may read every table) to `file`, with `file.sha256` beside it. One REPEATABLE READ READ ONLY
 * transaction gives every table the same snapshot; each table is streamed with COPY TO STDOUT
 * (text) through gzip and AES-256-GCM into `file.partial`, renamed when complete.
 */
export async function writeBackup(url: string, file: string, material: Buffer, keySource: BackupHeader['keySource']): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const migrations = (await client.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).rows.map((r) => r.name);
    const mark = await client.query<{ mark: string | null; version: string }>(
      "SELECT obj_description(to_regclass('schema_migration'), 'pg_class') AS mark, current_setting('server_version') AS version",
    );
    const tables = await tablesInOrder(client);
    const { head, encrypt } = sealer(material, keySource, {
      createdAt: new Date().toISOString(), migrations, fingerprint: mark.rows[0]?.mark ?? null, serverVersion: mark.rows[0]!.version,
    });
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const out = createWriteStream(partial, { mode: 0o600 });
    const frames = new PassThrough();
    const gzip = createGzip({ level: 6 });
    out.write(head);
    const written = pipeline(frames, gzip, encrypt, out);
    written.catch(() => undefined);
    let rows = 0;
    for (const t of tables) {
      await write(frames, frame(FRAME.table, JSON.stringify(t)));
      let tableRows = 0;
      const copy = client.query(copyTo(`COPY public.${quote(t.name)} (${t.columns.map(quote).join(', ')}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) tableRows++;
        await write(frames, frame(FRAME.data, chunk));
      }
      rows += tableRows;
      await write(frames, frame(FRAME.tableEnd, JSON.stringify({ rows: tableRows })));
    }
    const seqs = await client.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1",
    );
    const sequences = [];
    for (const s of seqs.rows) {
      const v = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM public.${quote(s.name)}`);
      sequences.push({ name: s.name, lastValue: v.rows[0]!.last_value, isCalled: v.rows[0]!.is_called });
    }
    await write(frames, frame(FRAME.sequences, JSON.stringify(sequences)));
    await write(frames, frame(FRAME.end, JSON.stringify({ tables: tables.length, rows })));
    frames.end();
    await written;
    await client.query('COMMIT');
    // The checksum of the file as it lies on disk.
    const sha256 = await sha256File(partial);
    const { size: bytes } = await stat(partial);
    await writeFile(checksumPath(partial), `${sha256}  ${path.basename(file)}\n`, { mode: 0o600 });
    await rename(partial, file);
    await rename(checksumPath(partial), checksumPath(file));
    return { file, sha256, bytes, tables: tables.length, rows };
  } catch (err) {
    await rm(partial, { force: true });
    await rm(checksumPath(partial), { force: true });
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the database holds anything of Homeward's: a table in `public` or the job queue's schema. */
export async function databaseIsEmpty(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', $1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
    [JOB_SCHEMA],
  );
  return rows[0]!.n === 0;
}

export interface RestoreResult {
  header: BackupHeader;
  tables: number;
  rows: number;
  /** Migrations of this code newer than the backup: the next start applies them. */
  newerMigrations: string[];
}

/**
 * Restores `file` into the database `ownerUrl` names, as its owner. Nothing is written before the
 * whole file is verified (checksum, key, authentication tag). An empty database is required
 * (refused otherwise, unless `force`, which drops `public` and the job queue's schema). The
 * database is migrated to the backup's level, then every table is loaded with COPY FROM in the
 * file's order (parents first) in one transaction, with the tables' own triggers off (the audit
 * trail's append-only and chaining triggers, the statistics' refresh: the rows come as they were,
 * hashes and aggregates included); the sequences are set to their saved values.
 */
export async function restoreBackup(
  ownerUrl: string, file: string, material: Buffer, opts: { force?: boolean; queues: readonly string[]; log?: (m: string) => void },
): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const verified = await verifyBackup(file, material);
  const { header } = verified;
  const files = await migrationFiles();
  const unknown = header.migrations.filter((m) => !files.includes(m));
  if (unknown.length) {
    throw new BackupError('newer-schema', `This backup comes from a newer Homeward (its migrations ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', ...' : ''} are unknown here): restore it with that version or a later one.`);
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (!(await databaseIsEmpty(client))) {
      if (!opts.force) throw new BackupError('not-empty', 'The target database is not empty (it holds Homeward tables). Restore into an empty database, or pass --force to replace everything in it.');
      log('Removing the present content of the database (--force)');
      await client.query(`DROP SCHEMA IF EXISTS ${JOB_SCHEMA} CASCADE`);
      await client.query('DROP SCHEMA public CASCADE');
      await client.query('CREATE SCHEMA public');
    }
    log(`Creating the schema at the backup's level (${header.migrations.length} migrations)`);
    await migrate(ownerUrl, log, opts.queues, { only: header.migrations });
    const { plain } = await openBackup(file, material);
    await client.query('BEGIN');
    const present = await client.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migration'",
    );
    const names = present.rows.map((r) => `public.${quote(r.name)}`);
    for (const t of names) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
    // What the migrations themselves inserted (built-in rows, the audit chain's head) is replaced by the backup's.
    if (names.length) await client.query(`TRUNCATE ${names.join(', ')}`);
    let tables = 0;
    let rows = 0;
    let copy: Writable | null = null;
    let copyDone: Promise<void> | null = null;
    try {
      for await (const f of readFrames(plain())) {
        if (f.type === FRAME.table) {
          const t = JSON.parse(f.data.toString('utf8')) as { name: string; columns: string[] };
          const stream = client.query(copyFrom(`COPY public.${quote(t.name)} (${t.columns.map(quote).join(', ')}) FROM STDIN`));
          copy = stream;
          copyDone = new Promise<void>((resolve, reject) => {
            stream.on('finish', resolve);
            stream.on('error', reject);
          });
          tables++;
        } else if (f.type === FRAME.data) {
          await write(copy!, f.data);
        } else if (f.type === FRAME.tableEnd) {
          copy!.end();
          await copyDone;
          rows += (JSON.parse(f.data.toString('utf8')) as { rows: number }).rows;
          copy = null;
        } else if (f.type === FRAME.sequences) {
          for (const s of JSON.parse(f.data.toString('utf8')) as { name: string; lastValue: string; isCalled: boolean }[]) {
            await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [`public.${quote(s.name)}`, s.lastValue, s.isCalled]);
          }
        }
      }
    } catch (err) {
      throw err instanceof Error && 'code' in err ? err : asCorrupted(err);
    }
    for (const t of names) await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return { header, tables, rows, newerMigrations: files.filter((f) => !header.migrations.includes(f)) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** File name of a scheduled backup: `homeward-<UTC time>.hwbackup`, sortable. */
export const scheduledName = (at: Date) => `homeward-${at.toISOString().replace(/[:.]/g, '-')}.hwbackup`;

/** Removes scheduled backups (and their checksums) older than `keepDays`, never the newest, and unfinished ones a day old. */
export async function pruneBackups(dir: string, keepDays: number, now: Date): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^homeward-.*\.hwbackup$/.test(n)).sort();
  const removed: string[] = [];
  for (const name of names.slice(0, -1)) {
    const { mtime } = await stat(path.join(dir, name));
    if (now.getTime() - mtime.getTime() > keepDays * 86_400_000) {
      await rm(path.join(dir, name), { force: true });
      await rm(checksumPath(path.join(dir, name)), { force: true });
      removed.push(name);
    }
  }
  // What a backup interrupted by a crash left behind.
  for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.partial(\.sha256)?$/.test(n))) {
    const { mtime } = await stat(path.join(dir, name));
    if (now.getTime() - mtime.getTime() > 86_400_000) await rm(path.join(dir, name), { force: true });
  }
  return removed;
}

/** The cron of a backup every `hours` hours (a divisor of 24, checked by the config; 24: once a day at 02:23 UTC). */
export const backupCron = (hours: number): string => (hours >= 24 ? '23 2 * * *' : `23 */${hours} * * *`);

/**
 * The key material of a backup: HOMEWARD_BACKUP_KEY when set, else the secret key (the one that
 * encrypts TOTP secrets and document numbers, which a restored database needs anyway).
 */
export function backupKey(keys: { backupKey?: string; secretKey?: string }, source?: BackupHeader['keySource']): { material: Buffer; source: BackupHeader['keySource'] } {
  const use = source ?? (keys.backupKey ? 'backup-key' : 'secret-key');
  if (use === 'backup-key') {
    if (!keys.backupKey) throw new BackupError('wrong-key', 'This backup was encrypted with HOMEWARD_BACKUP_KEY: set it to the key of the Homeward that made it.');
    return { material: keyMaterial(keys.backupKey, 'HOMEWARD_BACKUP_KEY'), source: use };
  }
  if (!keys.secretKey) throw new Error('No key: set HOMEWARD_SECRET_KEY (or HOMEWARD_BACKUP_KEY).');
  return { material: keyMaterial(keys.secretKey, 'HOMEWARD_SECRET_KEY'), source: use };
}

export const BACKUP_QUEUE = 'platform.backup';

export interface ScheduledBackupSettings {
  /** A login that may read every table (the application role's). */
  url: string;
  dataDir: string;
  backupKey?: string;
  secretKey?: string;
  hours: number;
  keepDays: number;
}

/**
 * The scheduled backup: every `hours` hours into `<dataDir>/backups`, then the backups older than
 * `keepDays` are removed. Without settings (or hours 0) the queue is worked but unscheduled.
 */
export function backupJob(settings: ScheduledBackupSettings | null, log: (m: string) => void = () => {}): JobDefinition {
  const on = settings && settings.hours > 0;
  return {
    queue: BACKUP_QUEUE,
    ...(on ? { cron: backupCron(settings.hours) } : {}),
    handler: async () => {
      if (!on) return;
      const dir = path.join(settings.dataDir, 'backups');
      const { material, source } = backupKey(settings);
      const started = Date.now();
      const result = await writeBackup(settings.url, path.join(dir, scheduledName(new Date())), material, source);
      const removed = await pruneBackups(dir, settings.keepDays, new Date());
      log(`backup written: ${path.basename(result.file)}, ${result.bytes} bytes, ${result.tables} tables, ${Date.now() - started} ms; ${removed.length} old backups removed`);
    },
  };
}
