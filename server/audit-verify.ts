import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describeAuditChain, verifyAuditChain } from './platform/audit-chain.js';
import { loadConfig } from './platform/config.js';
import { createDb } from './platform/db.js';
import { startEmbeddedPostgres, type DataDirSecrets, type EmbeddedPostgresHandle } from './platform/embedded-postgres.js';

/**
 * `npm run audit:verify`: walks the audit hash chain and prints "audit trail intact: N entries",
 * or the first broken entry (exit code 1). The database is found as `npm start` finds it:
 * DATABASE_URL, otherwise the embedded PostgreSQL of HOMEWARD_DATA_DIR (./data), reusing the
 * one a running Homeward started, or starting it for the check and stopping it after.
 */
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The port of the embedded PostgreSQL when it is running (line 4 of postmaster.pid). */
async function runningPort(pgDir: string): Promise<number | null> {
  const pidFile = await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!pidFile) return null;
  const lines = pidFile.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port) && port > 0 ? port : null;
}

async function main(): Promise<number> {
  const config = loadConfig();
  let embedded: EmbeddedPostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const pgDir = path.join(config.dataDir, 'pg');
    const secretsText = await readFile(path.join(config.dataDir, 'secrets.json'), 'utf8').catch(() => null);
    if (!secretsText) throw new Error(`No Homeward database in ${config.dataDir}: set DATABASE_URL or HOMEWARD_DATA_DIR.`);
    const secrets = JSON.parse(secretsText) as DataDirSecrets;
    const port = await runningPort(pgDir);
    if (port) {
      url = `postgres://postgres:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${port}/homeward`;
    } else {
      embedded = await startEmbeddedPostgres(config.dataDir);
      url = embedded.ownerUrl('homeward');
    }
  }
  const db = createDb(url, 1);
  try {
    const report = await verifyAuditChain(db);
    console.log(describeAuditChain(report));
    if (report.intact && report.lastId !== null) console.log(`last entry ${report.lastId}, hash ${report.lastHash}`);
    return report.intact ? 0 : 1;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

// Exit explicitly: the embedded PostgreSQL package's exit hook would otherwise end with 0.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify: ${(err as Error).message}`);
    process.exit(2);
  },
);
