import { beforeAll, describe, expect, it } from 'vitest';
import { isStale } from '../../../shared/counselling.js';
import { FieldCipher, newSecretKey } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { loadDemoData } from '../../db/seed/demo.js';
import { TestClock, testDatabase } from '../../test-support/harness.js';

const END = new Date('2026-06-15T10:00:00Z');

describe('counselling demo data', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await testDatabase());
    await loadDemoData({ db, clock: new TestClock(END), cipher: new FieldCipher(newSecretKey()) }, () => undefined);
  }, 300_000);

  it('has COI entries for every return country, across topics and languages, some stale and some revised', async () => {
    const entries = await db.selectFrom('coi_entry').select(['country_code', 'topic', 'language', 'information_date', 'version']).execute();
    for (const country of ['IQ', 'AF', 'NG', 'BR', 'LK', 'EC']) expect(entries.filter((e) => e.country_code === country).length, country).toBeGreaterThanOrEqual(3);
    expect(new Set(entries.map((e) => e.topic)).size).toBe(7);
    expect(new Set(entries.map((e) => e.language)).size).toBeGreaterThanOrEqual(6);
    const stale = entries.filter((e) => isStale(e.information_date, 12, END));
    expect(stale.length).toBeGreaterThan(2);
    expect(stale.length).toBeLessThan(entries.length / 2);
    expect(entries.some((e) => e.version > 1)).toBe(true);
    expect((await db.selectFrom('coi_attachment').select('id').execute()).length).toBeGreaterThan(0);
  });

  it('has held sessions in the past for cases that reached counselling, with COI given, and appointments ahead', async () => {
    const held = await db
      .selectFrom('counselling_session as s')
      .innerJoin('return_case as c', 'c.id', 's.case_id')
      .select(['s.id', 's.starts_at', 'c.stage'])
      .where('s.status', '=', 'held')
      .execute();
    expect(held.length).toBeGreaterThan(50);
    expect(held.every((s) => s.starts_at.getTime() < END.getTime())).toBe(true);
    expect(held.some((s) => s.stage === 'counselling')).toBe(true);
    expect(held.some((s) => s.stage === 'approved' || s.stage === 'departed' || s.stage === 'closed')).toBe(true);
    const given = await db.selectFrom('counselling_session_coi').select('session_id').execute();
    expect(given.length).toBeGreaterThan(held.length / 2);
    const upcoming = await db.selectFrom('counselling_session').select(['starts_at', 'counsellor_id']).where('status', '=', 'scheduled').where('starts_at', '>', END).execute();
    expect(upcoming.length).toBeGreaterThan(3);
    const counsellorDe = await db.selectFrom('app_user').select('id').where('email', 'like', 'counsellor.de@%').executeTakeFirstOrThrow();
    expect(upcoming.some((u) => u.counsellor_id === counsellorDe.id)).toBe(true);
    const cancelled = await db.selectFrom('counselling_session').select('cancel_reason').where('status', '=', 'cancelled').execute();
    expect(cancelled.length).toBeGreaterThan(0);
  });
});
