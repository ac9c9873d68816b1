import { describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { TestClock, testDatabase } from '../test-support/harness.js';
import { demoCaseLoaded, demoLoadState, finishDemoLoad, markInterruptedDemoLoad, startDemoLoad, whileLoadingDemo } from './demo-load.js';

const AT = new Date('2026-06-15T10:00:00Z');

describe('the demo data load', () => {
  let db: Db;
  const clock = new TestClock(AT);

  it('is none on a database that is not a demo, then loading, counted, and loaded', async () => {
    ({ db } = await testDatabase());
    expect(await demoLoadState(db)).toEqual({ state: 'none', casesDone: 0, casesTotal: 0 });
    // Nothing to mark on a database without a demo.
    expect(await markInterruptedDemoLoad(db, clock)).toBeNull();
    await startDemoLoad(db, clock, 3);
    await demoCaseLoaded(db);
    await demoCaseLoaded(db);
    expect(await demoLoadState(db)).toEqual({ state: 'loading', casesDone: 2, casesTotal: 3 });
    await demoCaseLoaded(db);
    await finishDemoLoad(db, clock);
    expect(await demoLoadState(db)).toEqual({ state: 'loaded', casesDone: 3, casesTotal: 3 });
    // A finished load is never called interrupted, and counts no more.
    expect(await markInterruptedDemoLoad(db, clock)).toBeNull();
    await demoCaseLoaded(db);
    expect(await demoLoadState(db)).toEqual({ state: 'loaded', casesDone: 3, casesTotal: 3 });
    // One load per database.
    await expect(startDemoLoad(db, clock, 3)).rejects.toThrow(/demo_load_pkey/);
  });

  it('is not marked interrupted while a process loads it, and is once the loading stopped', async () => {
    ({ db } = await testDatabase());
    await startDemoLoad(db, clock, 10);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const loading = whileLoadingDemo(db, async () => {
      await demoCaseLoaded(db);
      entered();
      await held;
    });
    await inside;
    expect(await markInterruptedDemoLoad(db, clock)).toBeNull();
    expect((await demoLoadState(db)).state).toBe('loading');
    release();
    await loading;
    expect(await markInterruptedDemoLoad(db, clock)).toEqual({ casesDone: 1, casesTotal: 10 });
    expect(await demoLoadState(db)).toEqual({ state: 'interrupted', casesDone: 1, casesTotal: 10 });
  });
});
