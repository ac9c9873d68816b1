import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.js';
import { startEmbeddedPostgres, type DataDirSecrets, type EmbeddedPostgresHandle } from './embedded-postgres.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The port of the embedded PostgreSQL when it is running (line 4 of postmaster.pid). */
export async function runningPort(pgDir: string): Promise<number | null> {
  const pidFile = await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!pidFile) return null;
  const lines = pidFile.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port) && port > 0 ? port : null;
}

export interface OwnerTarget {
  /** The owner's URL of Homeward's database. */
  url: string;
  /** The secret key: HOMEWARD_SECRET_KEY, else the data directory's (embedded). */
  secretKey?: string;
  /** Stops the embedded PostgreSQL when this command started it. */
  stop(): Promise<void>;
}

/**
 * Homeward's database as the owner, found as `npm start` finds it (for the operator's commands:
 * `audit:verify`, `backup`, `restore`): DATABASE_URL, otherwise the embedded PostgreSQL of
 * HOMEWARD_DATA_DIR, reusing the one a running Homeward started (unless `requireStopped`, then
 * refused) or starting it for the command and stopping it after. `create` makes the `homeward`
 * database of a fresh data directory (a restore onto a new machine); otherwise one is required.
 */
export async function ownerTarget(config: Config, opts: { requireStopped?: boolean; create?: boolean } = {}): Promise<OwnerTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl, secretKey: config.secretKey, stop: async () => {} };
  const pgDir = path.join(config.dataDir, 'pg');
  const secretsText = await readFile(path.join(config.dataDir, 'secrets.json'), 'utf8').catch(() => null);
  if (!secretsText && !opts.create) throw new Error(`No Homeward database in ${config.dataDir}: set DATABASE_URL or HOMEWARD_DATA_DIR.`);
  const port = secretsText ? await runningPort(pgDir) : null;
  if (port) {
    if (opts.requireStopped) throw new Error(`Homeward is running on ${config.dataDir} (its PostgreSQL answers on port ${port}): stop it first.`);
    const secrets = JSON.parse(secretsText!) as DataDirSecrets;
    return { url: `postgres://postgres:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${port}/homeward`, secretKey: config.secretKey ?? secrets.secretKey, stop: async () => {} };
  }
  const embedded: EmbeddedPostgresHandle = await startEmbeddedPostgres(config.dataDir);
  try {
    const admin = new pg.Client({ connectionString: embedded.ownerUrl('postgres') });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'homeward'");
      if (!exists.rowCount) {
        if (!opts.create) throw new Error(`No Homeward database in ${config.dataDir}.`);
        await admin.query('CREATE DATABASE homeward');
      }
    } finally {
      await admin.end();
    }
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return { url: embedded.ownerUrl('homeward'), secretKey: config.secretKey ?? embedded.secrets.secretKey, stop: () => embedded.stop() };
}
