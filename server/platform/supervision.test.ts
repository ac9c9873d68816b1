import { describe, expect, it } from 'vitest';
import { databaseSupervisor, RestartPolicy, type SupervisionEvent } from './supervision.js';

const options = { maxRestarts: 5, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 4_000 };

describe('restart policy of the embedded PostgreSQL', () => {
  it('restarts with a doubling backoff, capped', () => {
    const policy = new RestartPolicy({ ...options, maxRestarts: 10 });
    const delays = Array.from({ length: 7 }, (_, i) => policy.next(i * 1_000)).map((d) => (d.action === 'restart' ? d.delayMs : -1));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('gives up after the fifth restart within the window', () => {
    const policy = new RestartPolicy(options);
    for (let i = 0; i < 5; i++) expect(policy.next(i * 1_000)).toMatchObject({ action: 'restart', attempt: i + 1 });
    expect(policy.next(5_000)).toEqual({ action: 'give-up', attempts: 5 });
  });

  it('forgets restarts older than the window: a death a day does not add up', () => {
    const policy = new RestartPolicy(options);
    for (let day = 0; day < 20; day++) expect(policy.next(day * 86_400_000)).toEqual({ action: 'restart', attempt: 1, delayMs: 250 });
  });
});

describe('the supervisor', () => {
  const run = (restarts: Array<'ok' | 'fail'>) => {
    let t = 0;
    const events: SupervisionEvent[] = [];
    let restarted = 0;
    let gaveUp = '';
    const queue = [...restarts];
    const handle = databaseSupervisor({
      restart: async () => {
        if (queue.shift() !== 'ok') throw new Error('PostgreSQL did not start\nsecond line');
      },
      onRestarted: () => restarted++,
      onGiveUp: (m) => (gaveUp = m),
      log: (e) => events.push(e),
      policy: new RestartPolicy(options),
      now: () => t,
      sleep: async (ms) => void (t += ms),
    });
    return { handle, events, restarted: () => restarted, gaveUp: () => gaveUp };
  };

  it('restarts a server that died, retrying after failures, and counts the restart once', async () => {
    const s = run(['fail', 'fail', 'ok']);
    await s.handle({ code: null, signal: 'SIGKILL' });
    expect(s.events.map((e) => e.event)).toEqual([
      'database.died', 'database.restarting', 'database.restart_failed', 'database.restarting', 'database.restart_failed', 'database.restarting', 'database.restarted',
    ]);
    expect(s.events.at(-1)).toMatchObject({ attempt: 3, durationMs: 250 + 500 + 1_000 });
    expect(s.events.find((e) => e.event === 'database.restart_failed')?.error).toBe('PostgreSQL did not start');
    expect(s.restarted()).toBe(1);
    expect(s.gaveUp()).toBe('');
  });

  it('gives up after repeated failures, with a message for the operator', async () => {
    const s = run(['fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
    await s.handle({ code: 1, signal: null });
    expect(s.events.filter((e) => e.event === 'database.restarting')).toHaveLength(5);
    expect(s.events.at(-1)).toEqual({ event: 'database.gave_up', attempt: 5 });
    expect(s.gaveUp()).toMatch(/could not be restarted \(5 attempts/);
    expect(s.restarted()).toBe(0);
  });

  it('a second death reported during a restart is the same episode', async () => {
    const s = run(['ok']);
    await Promise.all([s.handle({ code: null, signal: 'SIGKILL' }), s.handle({ code: null, signal: 'SIGKILL' })]);
    expect(s.events.filter((e) => e.event === 'database.died')).toHaveLength(1);
    expect(s.restarted()).toBe(1);
  });

  it('logs nothing but events, codes and durations (no personal data, no connection strings)', async () => {
    const s = run(['ok']);
    await s.handle({ code: null, signal: 'SIGKILL' });
    for (const e of s.events) expect(Object.keys(e).every((k) => ['event', 'attempt', 'delayMs', 'durationMs', 'exitCode', 'signal', 'error'].includes(k))).toBe(true);
  });
});
