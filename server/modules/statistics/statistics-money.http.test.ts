import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Permission, Scope } from '../../../shared/access.js';
import { COMPONENT_TYPES } from '../../../shared/reintegration.js';
import { COST_BUCKETS, COST_MEDIAN_KEY, NONE_KEY } from '../../../shared/schemas/statistics.js';
import type { Actor } from '../../platform/actor.js';
import { householdInput, testApp } from '../../test-support/harness.js';
import { statisticsFigure } from './figures.js';
import { costBucket } from './money-figures.js';

const t = await testApp();
const { call, officeWith, db } = t;

let seed = 20261205;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const int = (n: number) => 1 + Math.floor(rnd() * n);

const actor = (grants: [Permission, Scope][], at: { officeId: string; organisationId: string }): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001', name: 'Reader', email: 'r@example.org', officeId: at.officeId, organisationId: at.organisationId,
  preferredLanguage: 'en', grants: new Map(grants), roles: [], totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: '', csrfToken: '', ip: null,
});

type Row = { grain: string; kind: string; year: number; office_id: string; origin_office_id: string | null; organisation_id: string; host_country: string; origin_country: string;
  project_id: string | null; sex: string; age_band: string; group_key: string; measure: string; currency: string; amount: string; cases: number; returnees: number };

/** The rule, computed straight from the case, plan, ledger and payment tables. */
const direct = () => sql<Row>`
  WITH c AS (
    SELECT c.*, CASE WHEN c.kind = 'post_arrival' THEN c.admission_date ELSE c.departed_on END AS on_day FROM return_case c
  ), k AS (
    SELECT c.id AS case_id, c.kind, extract(year FROM c.on_day)::int AS year, c.office_id, c.origin_office_id, c.organisation_id, o.country_code::text AS host_country,
           c.country_of_return AS origin_country, c.project_id, p.sex,
           CASE WHEN p.birth_date IS NULL OR p.birth_date > c.on_day THEN 'unknown'
                WHEN age(c.on_day, p.birth_date) < interval '12 years' THEN '0-11' WHEN age(c.on_day, p.birth_date) < interval '18 years' THEN '12-17'
                WHEN age(c.on_day, p.birth_date) < interval '35 years' THEN '18-34' WHEN age(c.on_day, p.birth_date) < interval '60 years' THEN '35-59' ELSE '60+' END AS age_band,
           (SELECT count(*) FROM case_member m WHERE m.case_id = c.id AND m.travelling)::int AS returnees
      FROM c JOIN office o ON o.id = c.office_id JOIN person p ON p.id = c.principal_person_id
     WHERE c.on_day IS NOT NULL
  ), comp AS (
    SELECT rc.case_id, rc.type, rc.amount_minor, rc.currency, l.id AS line_id, coalesce(l.project_id, rc2.project_id) AS line_project, l.donor
      FROM reintegration_component rc JOIN reintegration_plan_version v ON v.id = rc.version_id AND v.status = 'approved'
      JOIN return_case rc2 ON rc2.id = rc.case_id LEFT JOIN budget_line l ON l.id = rc.budget_line_id WHERE rc.status <> 'cancelled'
  ), money AS (
    SELECT case_id, line_id, line_project, donor, 'planned' AS measure, currency, amount_minor FROM comp
    UNION ALL
    SELECT e.case_id, l.id, l.project_id, l.donor, CASE WHEN e.kind IN ('commitment', 'release') THEN 'committed' ELSE 'disbursed' END, e.currency,
           CASE WHEN e.kind IN ('commitment', 'disbursement') THEN e.amount_minor ELSE -e.amount_minor END
      FROM budget_entry e JOIN budget_line l ON l.id = e.budget_line_id WHERE e.case_id IS NOT NULL
  ), per_case AS (
    SELECT case_id, 'project' AS grain, coalesce(line_project::text, 'none') AS group_key, measure, currency, sum(amount_minor) AS amount, 0 AS cases FROM money GROUP BY 1, 2, 3, 4, 5 HAVING sum(amount_minor) <> 0
    UNION ALL SELECT case_id, 'donor', coalesce(donor, 'none'), measure, currency, sum(amount_minor), 0 FROM money GROUP BY 1, 2, 3, 4, 5 HAVING sum(amount_minor) <> 0
    UNION ALL SELECT case_id, 'budget_line', coalesce(line_id::text, 'none'), measure, currency, sum(amount_minor), 0 FROM money GROUP BY 1, 2, 3, 4, 5 HAVING sum(amount_minor) <> 0
    UNION ALL SELECT DISTINCT case_id, 'component_type', type, 'cases', '', 0, 1 FROM comp
    UNION ALL SELECT case_id, 'component_type', 'any', 'cases', '', 0, 1 FROM reintegration_plan_version WHERE status = 'approved'
    UNION ALL SELECT case_id, 'cost', stat_money_round(amount)::text, 'cost', currency, amount, 1 FROM (
      SELECT i.case_id, CASE WHEN x.converted THEN i.project_currency ELSE i.currency END AS currency,
             sum(CASE WHEN x.converted THEN i.project_amount_minor ELSE i.amount_minor END) AS amount
        FROM case_cost_item i JOIN (SELECT case_id, bool_and(project_amount_minor IS NOT NULL) AS converted FROM case_cost_item GROUP BY 1) x ON x.case_id = i.case_id
       GROUP BY 1, 2) y WHERE amount > 0
  )
  SELECT grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency,
         sum(amount)::text AS amount, sum(cases)::int AS cases, sum(k.returnees)::int AS returnees
    FROM per_case JOIN k USING (case_id) WHERE k.returnees > 0
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14`.execute(db).then((r) => r.rows);

const stored = () => sql<Row>`
  SELECT grain, kind, year::int, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency,
         sum(amount_minor)::text AS amount, sum(cases)::int AS cases, sum(returnees)::int AS returnees
    FROM stat_money_fact GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
  HAVING sum(amount_minor) <> 0 OR sum(cases) <> 0`.execute(db).then((r) => r.rows);

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('reintegration money in the statistics', async () => {
  const a = await officeWith(['caseworker', 'me_officer', 'office_manager'], { country: 'BE' });
  const a2 = await officeWith(['caseworker'], { country: 'DE', organisationId: a.organisationId });
  const b = await officeWith(['caseworker'], { country: 'NL' });
  const hosts = [a, a2, b];
  const u1 = a.users.caseworker.id;
  const u2 = a.users.office_manager.id;
  const projects: { id: string; currency: string }[] = [];
  for (const [i, currency] of (['EUR', 'USD'] as const).entries()) {
    projects.push(await db.insertInto('project').values({ organisation_id: a.organisationId, code: `MON${i}-${randomUUID().slice(0, 6)}`, name: `Money ${i}`, starts_on: '2019-01-01', ends_on: '2030-12-31', currency, status: 'active', host_countries: [], return_countries: [] })
      .returning(['id', 'currency']).executeTakeFirstOrThrow());
  }
  const lines: { id: string; currency: string }[] = [];
  for (const [i, donor] of ['EU', 'EU', 'Norway'].entries()) {
    const p = projects[i % 2]!;
    lines.push(await db.insertInto('budget_line').values({ project_id: p.id, code: `L${i}`, name: `Line ${i}`, component_types: ['business_setup'], donor, amount_minor: 10_000_000, currency: p.currency, created_by: u1, updated_at: new Date() })
      .returning(['id', 'currency']).executeTakeFirstOrThrow());
  }
  const cases: { id: string; persons: string[]; memberIds: string[] }[] = [];
  for (let i = 0; i < 30; i++) {
    const office = pick(hosts);
    const member = () => ({ relationship: pick(['spouse', 'child']), person: { givenName: 'M', familyName: `W${i}`, sex: pick(['female', 'male']), birthDate: '1990-02-03', nationality: 'IQ' } });
    const res = await call(office.users.caseworker.session, 'POST', '/api/cases', householdInput({
      countryOfReturn: pick(['IQ', 'AF', 'NG']),
      principal: { givenName: 'P', familyName: `W${i}`, sex: pick(['female', 'male']), birthDate: `${1950 + Math.floor(rnd() * 60)}-05-05`, nationality: 'IQ' },
      members: Array.from({ length: Math.floor(rnd() * 3) }, member),
    }));
    if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
    const c = res.json();
    const rows = await db.selectFrom('case_member').select(['id', 'person_id']).where('case_id', '=', c.id).orderBy('id').execute();
    const principal = (await db.selectFrom('return_case').select('principal_person_id').where('id', '=', c.id).executeTakeFirstOrThrow()).principal_person_id;
    cases.push({ id: c.id, persons: rows.map((r) => r.person_id), memberIds: rows.filter((r) => r.person_id !== principal).map((r) => r.id) });
  }
  const day = () => `${2021 + Math.floor(rnd() * 4)}-0${int(9)}-1${int(8)}`;
  let plans = 0;
  const approvePlan = async (c: (typeof cases)[number]) => {
    await db.updateTable('reintegration_plan_version').set({ status: 'superseded', superseded_at: new Date() }).where('case_id', '=', c.id).where('status', '=', 'approved').execute();
    const v = await db.insertInto('reintegration_plan_version').values({
      case_id: c.id, number: ++plans, status: 'approved', drafted_by: u1, drafted_at: new Date(), agreed_on: '2021-01-01', agreement_recorded_at: new Date(), agreement_recorded_by: u1,
      approved_by: u2, approved_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    const n = Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      const line = rnd() < 0.8 ? pick(lines) : null;
      await db.insertInto('reintegration_component').values({
        version_id: v.id, case_id: c.id, component_key: randomUUID(), position: i, type: pick(COMPONENT_TYPES), description: 'x', member_ids: [c.persons[0]!],
        amount_minor: int(500_000), currency: pick(['EUR', 'USD', 'IQD']), starts_on: '2021-01-01', ends_on: '2022-01-01', status: 'planned', budget_line_id: line?.id ?? null,
      }).execute();
    }
  };
  const entry = (c: (typeof cases)[number], kind: 'commitment' | 'release' | 'disbursement' | 'reversal') => {
    const line = pick(lines);
    return db.insertInto('budget_entry').values({ budget_line_id: line.id, kind, amount_minor: int(200_000), currency: line.currency, case_id: c.id, entered_by: u1 }).execute();
  };
  const pay = async (c: (typeof cases)[number]) => {
    const currency = pick(['EUR', 'IQD']);
    const tranche = await db.insertInto('payment_tranche').values({ case_id: c.id, component_key: randomUUID(), position: 1, amount_minor: 1_000_000, currency, due_on: '2022-01-01', created_by: u1, created_at: new Date() })
      .returning('id').executeTakeFirstOrThrow();
    const amount = int(900_000);
    const converted = currency === 'EUR' || rnd() < 0.5;
    await db.insertInto('disbursement').values({
      request_key: randomUUID(), case_id: c.id, tranche_id: tranche.id, recipient: 'returnee', method: 'cash', amount_minor: amount, currency, paid_on: '2022-02-02',
      component_currency: currency, component_amount_minor: amount, component_rate: '1', component_rate_source: 'same',
      ...(converted && currency !== 'EUR' ? { project_currency: 'EUR', project_amount_minor: Math.floor(amount / 1400) + 1, project_rate: '0.0007', project_rate_source: 'manual' } : {}),
      needs_approval: false, recorded_by: u1, recorded_at: new Date(),
    }).execute();
  };

  it('keeps the aggregates equal to a direct computation as plans, payments, reversals and cases change', async () => {
    for (const c of cases) if (rnd() < 0.5) await approvePlan(c);
    for (let round = 0; round < 4; round++) {
      for (const c of cases) {
        const r = rnd();
        if (r < 0.25) await db.updateTable('return_case').set({ stage: 'departed', departed_on: day(), project_id: rnd() < 0.7 ? pick(projects).id : null }).where('id', '=', c.id).execute();
        else if (r < 0.35) await approvePlan(c);
        else if (r < 0.45) await entry(c, 'commitment');
        else if (r < 0.5) await entry(c, 'release');
        else if (r < 0.58) await entry(c, 'disbursement');
        else if (r < 0.62) await entry(c, 'reversal');
        else if (r < 0.72) await pay(c);
        else if (r < 0.76) {
          const d = await db.selectFrom('disbursement').select('id').where('case_id', '=', c.id)
            .where(({ not, exists, selectFrom }) => not(exists(selectFrom('disbursement_reversal as x').select('x.disbursement_id').whereRef('x.disbursement_id', '=', 'disbursement.id')))).executeTakeFirst();
          if (d) await db.insertInto('disbursement_reversal').values({ disbursement_id: d.id, reason: 'mistake', reversed_by: u1, reversed_at: new Date() }).execute();
        } else if (r < 0.82) await db.updateTable('reintegration_component').set({ status: 'cancelled', cancel_reason: 'gone' }).where('case_id', '=', c.id).where('position', '=', 0).execute();
        else if (r < 0.86) await db.updateTable('reintegration_component').set({ amount_minor: int(300_000) }).where('case_id', '=', c.id).execute();
        else if (r < 0.9 && c.memberIds.length) await db.updateTable('case_member').set({ travelling: rnd() < 0.5 }).where('id', '=', pick(c.memberIds)).execute();
        else if (r < 0.94) await db.updateTable('person').set({ sex: pick(['female', 'male', 'other']) }).where('id', '=', pick(c.persons)).execute();
        else await db.updateTable('return_case').set({ office_id: pick(hosts).office.id }).where('id', '=', c.id).execute();
      }
      // Bulk statements: a line moved to another donor, every draft component re-priced.
      await db.updateTable('budget_line').set({ donor: pick(['EU', 'Norway', 'Japan']) }).where('id', '=', pick(lines).id).execute();
      await db.updateTable('reintegration_component').set({ amount_minor: sql`amount_minor + 1` }).where('type', '=', 'medical').execute();
      expect(sorted(await stored())).toEqual(sorted(await direct()));
    }
    expect((await stored()).filter((r) => r.grain === 'cost').length).toBeGreaterThan(0);
    const before = sorted(await stored());
    await sql`SELECT stat_rebuild()`.execute(db);
    expect(sorted(await stored())).toEqual(before);
  });

  const scopes: { scope: Scope; keep: (r: Row) => boolean }[] = [
    { scope: 'all', keep: () => true },
    { scope: 'organisation', keep: (r) => r.organisation_id === a.organisationId },
    { scope: 'office', keep: (r) => r.office_id === a.office.id || r.origin_office_id === a.office.id },
  ];

  it('answers each figure exactly for the viewer’s scope and filters', async () => {
    const all = (await direct()).filter((r) => r.kind === 'voluntary_return');
    const q = { kind: 'voluntary_return' as const, top: 10 };
    for (const { scope, keep } of scopes) {
      const who = actor([['statistics.read', scope], ['case.read', scope], ['case.restricted', scope]], { officeId: a.office.id, organisationId: a.organisationId });
      for (const filters of [{}, { sex: 'female' as const }, { yearFrom: 2022, originCountry: 'IQ' }]) {
        const rows = all.filter((r) => keep(r) && (!('sex' in filters) || r.sex === 'female') && (!('yearFrom' in filters) || (r.year >= 2022 && r.origin_country === 'IQ')));
        const sum = (grain: string, group: string, measure: string, currency: string) =>
          rows.filter((r) => r.grain === grain && r.group_key === group && r.measure === measure && r.currency === currency).reduce((s, r) => s + Number(r.amount), 0);
        for (const [figure, grain] of [['money-projects', 'project'], ['money-donors', 'donor'], ['money-budget-lines', 'budget_line']] as const) {
          const f = await statisticsFigure(db, who, figure, { ...q, ...filters });
          expect(f.controlled).toBe(false);
          const expected = new Set(rows.filter((r) => r.grain === grain && Number(r.amount) !== 0).map((r) => `${r.group_key}|${r.measure}:${r.currency}`));
          const seen = new Set<string>();
          for (const row of f.rows) for (const cell of row.cells!) {
            const [measure, currency] = cell.key.split(':') as [string, string];
            expect(cell.value, `${scope} ${figure} ${row.key} ${cell.key}`).toBe(sum(grain, row.key, measure, currency));
            if (cell.value !== 0) seen.add(`${row.key}|${cell.key}`);
          }
          expect([...seen].sort()).toEqual([...expected].filter((k) => rows.filter((r) => `${r.group_key}|${r.measure}:${r.currency}` === k).reduce((s, r) => s + Number(r.amount), 0) !== 0).sort());
        }
        const types = await statisticsFigure(db, who, 'reintegration-components', { ...q, ...filters });
        for (const row of types.rows) expect(row.value).toBe(rows.filter((r) => r.grain === 'component_type' && r.group_key === row.key).reduce((s, r) => s + r.cases, 0));
        const cost = await statisticsFigure(db, who, 'cost-per-case', { ...q, ...filters });
        for (const row of cost.rows) {
          const values = rows.filter((r) => r.grain === 'cost' && r.currency === row.key).flatMap((r) => Array.from({ length: r.cases }, () => Number(r.group_key))).sort((x, y) => x - y);
          expect(row.value).toBe(values.length);
          expect(row.cells!.find((c) => c.key === COST_MEDIAN_KEY)!.value).toBe(values[Math.ceil(values.length / 2) - 1]);
          for (const bucket of COST_BUCKETS) expect(row.cells!.find((c) => c.key === String(bucket))!.value).toBe(values.filter((v) => costBucket(v, row.key) === bucket).length);
        }
      }
    }
    expect(NONE_KEY).toBe('none');
  });

  it('withholds amounts linked to 1-4 returnees from statistics-only viewers, never derivable from a total', async () => {
    // The M&E officer reads every office's figures (scope all).
    const rows = (await direct()).filter((r) => r.kind === 'voluntary_return');
    for (const [figure, grain] of [['money-projects', 'project'], ['money-donors', 'donor'], ['money-budget-lines', 'budget_line']] as const) {
      const res = await call(a.users.me_officer.session, 'GET', `/api/statistics/figures/${figure}`);
      expect(res.statusCode).toBe(200);
      const f = res.json() as { controlled: boolean; rows: { key: string; cells: { key: string; value: number | null; withheld: string | null }[] }[]; columns: { key: string; value: number | null }[] };
      expect(f.controlled).toBe(true);
      for (const [j, col] of f.columns.entries()) {
        const cells = f.rows.map((r) => r.cells[j]!);
        for (const [i, cell] of cells.entries()) {
          const [measure, currency] = col.key.split(':');
          const linked = rows.filter((r) => r.grain === grain && r.group_key === f.rows[i]!.key && r.measure === measure && r.currency === currency).reduce((s, r) => s + r.returnees, 0);
          if (linked > 0 && linked < 5) expect(cell.value, `${figure} ${col.key}`).toBeNull();
        }
        // Never exactly one withheld amount in a column whose total is published.
        const hidden = cells.filter((c) => c.value === null).length;
        if (col.value !== null) expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    }
    const cost = (await call(a.users.me_officer.session, 'GET', '/api/statistics/figures/cost-per-case')).json();
    for (const row of cost.rows) if (row.value !== null && row.value < 5) throw new Error('a small count of cases is shown');
    const denied = await call(a.users.caseworker.session, 'GET', '/api/statistics/figures/money-projects');
    expect(denied.statusCode).toBe(403);
  });
});
