/**
 * Supervision of the embedded PostgreSQL: when the database server dies under a running Homeward
 * (`kill -9`, out of memory, a crash), Homeward starts it again on the same data directory
 * (PostgreSQL replays its write-ahead log: crash recovery) with a backoff between attempts, and
 * gives up, exiting non-zero, after too many failures in a short time so that the service manager
 * (systemd, a container runtime) restarts Homeward as a whole.
 *
 * The policy is pure (time is passed in) so that it is tested without processes; the loop that
 * applies it takes the restart and the clock as functions.
 */

export interface RestartPolicyOptions {
  /** Failed or repeated restarts tolerated within `windowMs` before giving up. */
  maxRestarts: number;
  windowMs: number;
  /** The first wait before a restart; doubled at each further one in the window, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Five restarts within two minutes, the first at once-ish (a quarter of a second), then 0.5, 1, 2, 4 s. */
export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 5, windowMs: 120_000, baseDelayMs: 250, maxDelayMs: 4_000 };

export type RestartDecision = { action: 'restart'; attempt: number; delayMs: number } | { action: 'give-up'; attempts: number };

/**
 * Remembers the restarts attempted within the window and says what to do after a failure (the
 * server died, or a restart did not bring it up): restart after a delay, or give up.
 */
export class RestartPolicy {
  private attempts: number[] = [];
  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  next(now: number): RestartDecision {
    this.attempts = this.attempts.filter((t) => now - t < this.options.windowMs);
    if (this.attempts.length >= this.options.maxRestarts) return { action: 'give-up', attempts: this.attempts.length };
    const attempt = this.attempts.length + 1;
    this.attempts.push(now);
    const delayMs = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    return { action: 'restart', attempt, delayMs };
  }
}

/** One structured line per event, without personal data: what happened, counts and durations only. */
export interface SupervisionEvent {
  event: 'database.died' | 'database.restarting' | 'database.restarted' | 'database.restart_failed' | 'database.gave_up';
  attempt?: number;
  delayMs?: number;
  durationMs?: number;
  exitCode?: number | null;
  signal?: string | null;
  error?: string;
}

export interface SuperviseOptions {
  /** Starts the database server again; rejects when it does not come up. */
  restart: () => Promise<void>;
  /** Called once the server is up again (counts the restart, tells the pools). */
  onRestarted?: () => void;
  /** Called when the policy gives up; the caller exits non-zero. */
  onGiveUp: (message: string) => void;
  log: (event: SupervisionEvent) => void;
  policy?: RestartPolicy;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Returns the handler for "the database server died": it restarts it per the policy until it is
 * up or the policy gives up. A second death while a restart is under way is the same episode.
 */
export function databaseSupervisor(options: SuperviseOptions): (exit: { code: number | null; signal: string | null }) => Promise<void> {
  const policy = options.policy ?? new RestartPolicy();
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let recovering = false;
  return async ({ code, signal }) => {
    if (recovering) return;
    recovering = true;
    const diedAt = now();
    options.log({ event: 'database.died', exitCode: code, signal });
    try {
      for (;;) {
        const decision = policy.next(now());
        if (decision.action === 'give-up') {
          options.log({ event: 'database.gave_up', attempt: decision.attempts });
          options.onGiveUp(
            `The embedded PostgreSQL stopped and could not be restarted (${decision.attempts} attempts in a short time). ` +
              'Homeward exits so that its service manager can restart it; see the lines above for what PostgreSQL said.',
          );
          return;
        }
        options.log({ event: 'database.restarting', attempt: decision.attempt, delayMs: decision.delayMs });
        await sleep(decision.delayMs);
        try {
          await options.restart();
          options.log({ event: 'database.restarted', attempt: decision.attempt, durationMs: now() - diedAt });
          options.onRestarted?.();
          return;
        } catch (err) {
          options.log({ event: 'database.restart_failed', attempt: decision.attempt, error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
        }
      }
    } finally {
      recovering = false;
    }
  };
}
