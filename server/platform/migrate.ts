import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from './db.js';
import { installJobQueue, PLATFORM_QUEUES } from './jobs.js';
import { repoRoot } from './paths.js';

export const APP_ROLE = 'homeward_app';
/** Tables the application may read and append to, but never change. */
const APPEND_ONLY_TABLES = ['audit_event'];
const MIGRATIONS_DIR = path.join(repoRoot, 'server', 'db', 'migrations');
const LOCK_KEY = 724_091_337;

/**
 * Applies the forward-only SQL files of server/db/migrations in name order, each in its own
 * transaction, under an advisory lock so that two starting instances cannot race. Then grants the
 * application role what it needs, and no more, and installs the job queue with `queues`.
 */
export async function migrate(
  ownerUrl: string, log: (m: string) => void = () => {}, queues: readonly string[] = PLATFORM_QUEUES, opts: { only?: readonly string[] } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const applied: string[] = [];
  const all = await migrationFiles();
  // A restore applies only the migrations its backup was taken at (`only`); the next start applies the rest.
  const files = opts.only ? all.filter((f) => opts.only!.includes(f)) : all;
  const complete = files.length === all.length;
  const fingerprint = schemaFingerprint(files, queues);
  // A start on a database this very code migrated already (every file, the same queues, the same
  // job-queue library), with every file still recorded as applied, has nothing to do: two queries
  // instead of the lock, the grants and pg-boss's own check (a third of a second).
  if ((await schemaMark(client)) === fingerprint && (await appliedNames(client)).join('\n') === files.join('\n')) {
    await client.end();
    return applied;
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migration')).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(file);
      log(`Applied migration ${file}`);
    }
    await grantAppRole(client);
    // The job queue's own schema (pg-boss), created and upgraded by its library, and every queue.
    await installJobQueue(ownerUrl, queues, APP_ROLE);
    if (complete) await client.query(`COMMENT ON TABLE schema_migration IS ${client.escapeLiteral(fingerprint)}`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return applied;
}

const PG_BOSS_VERSION = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'pg-boss', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * What a complete migration leaves behind, as a comment on `schema_migration`: the migration
 * files, the queues, the job-queue library's version and the application role. Any change (a new
 * migration, a new queue, an upgraded pg-boss) makes the next start migrate in full.
 */
export function schemaFingerprint(files: readonly string[], queues: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ files, queues: [...queues].sort(), pgBoss: PG_BOSS_VERSION, role: APP_ROLE }));
  return `homeward schema ${hash.digest('hex')}`;
}

async function schemaMark(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ mark: string | null }>(
    "SELECT obj_description(to_regclass('schema_migration'), 'pg_class') AS mark",
  );
  return rows[0]?.mark ?? null;
}

async function appliedNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name');
  return rows.map((r) => r.name);
}

async function grantAppRole(client: pg.Client) {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  if (exists.rowCount === 0) {
    try {
      await client.query(`CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    } catch (err) {
      // Another database of the same cluster may have created it a moment ago.
      if ((err as { code?: string }).code !== '42710' && (err as { code?: string }).code !== '23505') {
        throw new Error(`Homeward needs the role ${APP_ROLE}; the database user may not create it: ${(err as Error).message}`);
      }
    }
  }
  await client.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  await client.query(`REVOKE ALL ON schema_migration FROM ${APP_ROLE}`);
  // Read only: the readiness check compares the applied migrations with the files.
  await client.query(`GRANT SELECT ON schema_migration TO ${APP_ROLE}`);
  for (const table of APPEND_ONLY_TABLES) {
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${APP_ROLE}`);
  }
  // The head of the audit hash chain is written only by the chaining trigger (as the owner).
  await client.query(`REVOKE ALL ON audit_chain_head FROM ${APP_ROLE}`);
  await client.query(`GRANT SELECT ON audit_chain_head TO ${APP_ROLE}`);
}

/**
 * Gives the application role a login with the given password and returns a URL for it, built
 * from the owner's URL. The application never connects as the owner.
 */
export async function prepareAppLogin(ownerUrl: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

let migrationFileList: Promise<string[]> | undefined;
/** The migration files of this code, in order (read once per process). */
export const migrationFiles = (): Promise<string[]> =>
  (migrationFileList ??= readdir(MIGRATIONS_DIR).then((all) => all.filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()));
/**
 * The migration files not recorded as applied in the database `db` connects to (the readiness
 * check: a database restored from an older backup under a newer Homeward is not ready). Reads
 * `schema_migration` as the application role; the file list is read once per process.
 */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const [files, applied] = await Promise.all([
    migrationFiles(),
    sql<{ name: string }>`SELECT name FROM schema_migration`.execute(db),
  ]);
  const done = new Set(applied.rows.map((r) => r.name));
  return files.filter((f) => !done.has(f));
}
