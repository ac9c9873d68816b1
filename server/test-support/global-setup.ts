import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../platform/embedded-postgres.js';
import { migrate, prepareAppLogin } from '../platform/migrate.js';
import { ALL_QUEUES } from '../jobs.js';
import { randomToken } from '../platform/crypto.js';
import { createDb } from '../platform/db.js';
import { ensureDefaultInstrument } from '../modules/monitoring/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { ownerUrl: string; template: string; appPassword: string };
  }
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * Once per run: a PostgreSQL (DATABASE_URL, or an embedded one in .tmp/), and a migrated
 * template database that every test file clones into a fresh database of its own.
 */
export default async function setup(project: TestProject) {
  let handle: EmbeddedPostgresHandle | undefined;
  let ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) {
    const dir = path.resolve('.tmp', `test-pg-${process.pid}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.dirname(dir), { recursive: true });
    handle = await startEmbeddedPostgres(dir);
    ownerUrl = handle.ownerUrl('postgres');
  }
  const template = `homeward_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await migrate(withDatabase(ownerUrl, template), () => {}, ALL_QUEUES);
  // The built-in reference data main.ts creates at start.
  const owner = createDb(withDatabase(ownerUrl, template), 1);
  await ensureDefaultInstrument(owner);
  await owner.destroy();
  const appPassword = randomToken(24);
  await prepareAppLogin(withDatabase(ownerUrl, template), appPassword);
  project.provide('pg', { ownerUrl, template, appPassword });

  return async () => {
    const left = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}_%`]);
    for (const row of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (handle) {
      await handle.stop();
      await rm(path.resolve('.tmp', `test-pg-${process.pid}`), { recursive: true, force: true });
    }
  };
}
