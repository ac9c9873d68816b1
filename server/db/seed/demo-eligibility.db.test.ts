import { beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher, newSecretKey } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { eligibilityStatus } from '../../modules/eligibility/index.js';
import { TestClock, testDatabase } from '../../test-support/harness.js';
import { loadDemoData } from './demo.js';

describe('demo data: projects and eligibility', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await testDatabase());
    await loadDemoData({ db, clock: new TestClock(new Date('2026-06-15T10:00:00Z')), cipher: new FieldCipher(newSecretKey()) }, () => undefined);
  }, 300_000);

  it('has projects with differing donors and rules, one closed, versions published and a draft', async () => {
    const projects = await db.selectFrom('project').select(['id', 'code', 'status']).orderBy('code').execute();
    expect(projects.map((p) => `${p.code}:${p.status}`)).toEqual(['AVRR-2022:closed', 'AVRR-IQAF:active', 'RET-TRAVEL:active', 'VULN-CARE:active']);
    const donors = await db.selectFrom('project_donor').select(['project_id']).execute();
    expect(new Set(donors.map((d) => d.project_id)).size).toBe(4);
    const rules = await db.selectFrom('eligibility_rules as r').innerJoin('project as p', 'p.id', 'r.project_id').select(['p.code', 'r.rules_version', 'r.status', 'r.entitlements']).execute();
    expect(rules.filter((r) => r.code === 'AVRR-IQAF').map((r) => r.status).sort()).toEqual(['published', 'published']);
    expect(rules.some((r) => r.code === 'VULN-CARE' && r.status === 'draft')).toBe(true);
    const travel = rules.find((r) => r.code === 'RET-TRAVEL')!.entitlements as { components: { component: string }[] };
    expect(travel.components.map((c) => c.component)).toEqual(['travel']);
  });

  it('assigns cases, checks them at the decision, confirms those that move on, with some overridden and some outdated', async () => {
    const assigned = await db.selectFrom('return_case').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', 'is not', null).executeTakeFirstOrThrow();
    expect(assigned.n).toBeGreaterThan(200);
    const checks = await db.selectFrom('eligibility_check').select(['case_id', 'confirmed_at', 'final_outcome', 'outcome', 'override_reason']).execute();
    expect(checks.length).toBeGreaterThan(100);
    expect(checks.filter((c) => c.confirmed_at).length).toBeGreaterThan(50);
    expect(checks.some((c) => c.override_reason && c.final_outcome !== c.outcome)).toBe(true);
    const waiting = await db.selectFrom('return_case as c').select('c.id').where('c.stage', '=', 'decision_recorded').where('c.project_id', 'is not', null).execute();
    const statuses = await Promise.all(waiting.map((w) => eligibilityStatus(db, w.id, new Date('2026-06-15T10:00:00Z'))));
    expect(statuses.some((s) => s.status === 'outdated')).toBe(true);
    expect(statuses.some((s) => s.status === 'unconfirmed')).toBe(true);
    const approved = await db.selectFrom('return_case as c').innerJoin('office as o', 'o.id', 'c.office_id').select('c.id')
      .where('c.stage', 'in', ['approved', 'travel_preparation', 'departed']).where('c.kind', '=', 'voluntary_return').where('o.case_prefix', 'not like', '%-%').limit(30).execute();
    for (const a of approved) expect((await eligibilityStatus(db, a.id, new Date('2026-06-15T10:00:00Z'))).status).toBe('confirmed');
  });
});
