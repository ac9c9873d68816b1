import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Permission, Scope } from '../../../shared/access.js';
import { LEGAL_STATUSES } from '../../../shared/cases.js';
import { AGE_BANDS, MONEY_FIGURES, STAT_FIGURES, STAT_SEXES } from '../../../shared/schemas/statistics.js';
import type { Actor } from '../../platform/actor.js';
import { householdInput, testApp } from '../../test-support/harness.js';
import { statisticsFigure } from './figures.js';

const t = await testApp();
const { call, officeWith, db, fx } = t;

let seed = 20261205;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const ORIGINS = ['IQ', 'AF', 'NG', 'SN', 'ET', 'GE', 'AL'] as const;

const actor = (grants: [Permission, Scope][], at: { officeId: string; organisationId: string }): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001', name: 'Reader', email: 'r@example.org', officeId: at.officeId, organisationId: at.organisationId,
  preferredLanguage: 'en', grants: new Map(grants), roles: [], totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: '', csrfToken: '', ip: null,
});

/** The rule, counted straight from the case tables: travelling members of departed (or admitted post-arrival) cases. */
const direct = (where = sql`true`) => sql<{ year: number; month: number; kind: string; office_id: string; host_country: string; origin_country: string; sex: string; age_band: string; legal_status: string; household_band: string; n: number }>`
  WITH c AS (
    SELECT c.*, CASE WHEN c.kind = 'post_arrival' THEN c.admission_date ELSE c.departed_on END AS on_day,
           (SELECT count(*) FROM case_member m WHERE m.case_id = c.id AND m.travelling) AS size
      FROM return_case c
  ), p AS (
    SELECT c.*, o.country_code::text AS host_country, per.sex,
           CASE WHEN per.birth_date IS NULL OR per.birth_date > c.on_day THEN 'unknown'
                WHEN age(c.on_day, per.birth_date) < interval '12 years' THEN '0-11'
                WHEN age(c.on_day, per.birth_date) < interval '18 years' THEN '12-17'
                WHEN age(c.on_day, per.birth_date) < interval '35 years' THEN '18-34'
                WHEN age(c.on_day, per.birth_date) < interval '60 years' THEN '35-59' ELSE '60+' END AS age_band,
           CASE WHEN size = 1 THEN '1' WHEN size = 2 THEN '2' WHEN size <= 4 THEN '3-4' ELSE '5+' END AS household_band
      FROM c JOIN office o ON o.id = c.office_id JOIN case_member m ON m.case_id = c.id AND m.travelling JOIN person per ON per.id = m.person_id
     WHERE c.on_day IS NOT NULL
  )
  SELECT extract(year FROM on_day)::int AS year, extract(month FROM on_day)::int AS month, kind, office_id, host_country, country_of_return AS origin_country,
         sex, age_band, legal_status, household_band, count(*)::int AS n
    FROM p WHERE ${where}
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(db).then((r) => r.rows);

const stored = () => sql<{ year: number; month: number; kind: string; office_id: string; host_country: string; origin_country: string; sex: string; age_band: string; legal_status: string; household_band: string; n: number }>`
  SELECT year::int, month::int, kind, office_id, host_country, origin_country, sex, age_band, legal_status, household_band, sum(returnees)::int AS n
    FROM stat_return_fact GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(returnees) <> 0`.execute(db).then((r) => r.rows);

/** Each coarser table of sums, and the same sums taken from the fine cells. */
const ROLLUPS: Record<string, string[]> = {
  stat_geo_fact: ['host_country', 'origin_country', 'project_id'],
  stat_month_fact: ['month', 'host_country', 'origin_country', 'project_id'],
  stat_demography_fact: ['host_country', 'origin_country', 'sex', 'age_band'],
  stat_legal_fact: ['host_country', 'origin_country', 'legal_status'],
  stat_household_fact: ['host_country', 'origin_country', 'household_band'],
  stat_legal_demography_fact: ['host_country', 'origin_country', 'project_id', 'legal_status', 'sex', 'age_band'],
  stat_household_demography_fact: ['host_country', 'origin_country', 'project_id', 'household_band', 'sex', 'age_band'],
  stat_legal_all_years_fact: ['host_country', 'origin_country', 'project_id', 'legal_status', 'sex', 'age_band'],
  stat_household_all_years_fact: ['host_country', 'origin_country', 'project_id', 'household_band', 'sex', 'age_band'],
  stat_month_demography_fact: ['month', 'host_country', 'origin_country', 'sex', 'age_band'],
};
/** The tables summed over every year: no year among their keys. */
const ALL_YEARS = new Set(['stat_legal_all_years_fact', 'stat_household_all_years_fact']);
const rolledUp = (table: string) => {
  const keys = sql.join(['kind', ...(ALL_YEARS.has(table) ? [] : ['year']), 'office_id', 'origin_office_id', 'organisation_id', ...ROLLUPS[table]!].map((k) => sql.ref(k)));
  const sums = (from: string) => sql<Record<string, unknown>>`SELECT ${keys}, sum(returnees)::int AS n, sum(households)::int AS h FROM ${sql.table(from)}
    GROUP BY ${keys} HAVING sum(returnees) <> 0 OR sum(households) <> 0`.execute(db).then((r) => sorted(r.rows));
  return Promise.all([sums(table), sums('stat_return_fact')]);
};

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

async function world() {
  const a = await officeWith(['caseworker', 'me_officer'], { country: 'BE' });
  const a2 = await officeWith(['caseworker'], { country: 'DE', organisationId: a.organisationId });
  const b = await officeWith(['caseworker'], { country: 'NL' });
  const origin = await officeWith(['caseworker'], { country: 'IQ', kind: 'origin', organisationId: a.organisationId });
  return { a, a2, b, origin };
}

describe('programme statistics', async () => {
  const w = await world();
  const hosts = [w.a, w.a2, w.b];
  const cases: { id: string; kind: string; persons: string[]; memberIds: string[] }[] = [];
  // Random households registered through the API as caseworkers do.
  for (let i = 0; i < 45; i++) {
    const postArrival = i % 9 === 0;
    const office = postArrival ? w.origin : pick(hosts);
    const member = () => ({ relationship: pick(['spouse', 'child', 'parent']), person: { givenName: 'M', familyName: `F${i}`, sex: pick(['female', 'male']), birthDate: `${1950 + Math.floor(rnd() * 74)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`, nationality: 'IQ' } });
    const body = householdInput({
      kind: postArrival ? 'post_arrival' : 'voluntary_return',
      legalStatus: pick(LEGAL_STATUSES),
      countryOfReturn: postArrival ? 'IQ' : pick(ORIGINS),
      principal: { givenName: 'P', familyName: `F${i}`, sex: pick(['female', 'male']), birthDate: rnd() < 0.1 ? null : `${1950 + Math.floor(rnd() * 74)}-05-0${1 + Math.floor(rnd() * 9)}`, nationality: 'IQ' },
      members: Array.from({ length: Math.floor(rnd() * 5) }, member),
    });
    const res = await call(office.users.caseworker.session, 'POST', '/api/cases', body);
    if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
    const c = res.json();
    const rows = await db.selectFrom('case_member').select(['id', 'person_id']).where('case_id', '=', c.id).execute();
    cases.push({ id: c.id, kind: body.kind as string, persons: rows.map((r) => r.person_id), memberIds: rows.map((r) => r.id) });
  }

  it('keeps the aggregates equal to a direct count over the case tables as cases change', async () => {
    expect(await stored()).toEqual([]);
    const day = () => `${2019 + Math.floor(rnd() * 8)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    for (let round = 0; round < 4; round++) {
      for (const c of cases) {
        const r = rnd();
        // Departure (or admission), edits of counted facts, who travels, a person's sex or birth date.
        if (r < 0.35) {
          if (c.kind === 'post_arrival') await db.updateTable('return_case').set({ admission_date: day() }).where('id', '=', c.id).execute();
          else await db.updateTable('return_case').set({ stage: 'departed', departed_on: day() }).where('id', '=', c.id).execute();
        } else if (r < 0.45) await db.updateTable('return_case').set({ legal_status: pick(LEGAL_STATUSES) }).where('id', '=', c.id).execute();
        else if (r < 0.55) await db.updateTable('return_case').set({ restricted: rnd() < 0.5, country_of_return: pick(ORIGINS) }).where('id', '=', c.id).execute();
        else if (r < 0.65 && c.memberIds.length > 1) await db.updateTable('case_member').set({ travelling: rnd() < 0.5 }).where('id', '=', pick(c.memberIds.slice(1))).execute();
        else if (r < 0.75) await db.updateTable('person').set({ sex: pick(['female', 'male', 'other']), birth_date: rnd() < 0.2 ? null : '2015-06-01' }).where('id', '=', pick(c.persons)).execute();
        else if (r < 0.8) await db.updateTable('return_case').set({ office_id: pick(hosts).office.id }).where('id', '=', c.id).where('kind', '=', 'voluntary_return').execute();
      }
      // A bulk statement touching many cases at once (as the legacy import does).
      await db.updateTable('return_case').set({ legal_status: 'irregular_stay' }).where('legal_status', '=', 'other').execute();
      // Bulk statements over every case, person and member of the test, some rows changing and some
      // not, after the single-row ones above on the same connections: the statement triggers find the
      // changed rows of thousands as of one (set operations, migration 0082).
      const ids = cases.map((c) => c.id);
      const half = (column: string) => sql<boolean>`(hashtext(${sql.ref(column)}::text || ${String(round)}) & 1) = 0`;
      await sql`UPDATE return_case SET legal_status = CASE WHEN ${half('id')} THEN 'asylum_rejected' ELSE legal_status END,
                       restricted = CASE WHEN ${half('case_number')} THEN NOT restricted ELSE restricted END WHERE id = ANY(${ids}::uuid[])`.execute(db);
      await sql`UPDATE person SET sex = CASE WHEN ${half('id')} THEN 'female' ELSE sex END WHERE id = ANY(${cases.flatMap((c) => c.persons)}::uuid[])`.execute(db);
      await sql`UPDATE case_member SET travelling = CASE WHEN ${half('id')} THEN NOT travelling ELSE travelling END
                 WHERE id = ANY(${cases.flatMap((c) => c.memberIds.slice(1))}::uuid[])`.execute(db);
      const stageCounts = await sql<{ k: string; n: number }>`SELECT concat_ws(' ', office_id, origin_office_id, organisation_id, owner_id, stage, restricted) AS k, sum(n)::int AS n
        FROM case_stage_count GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`.execute(db);
      const directStageCounts = await sql<{ k: string; n: number }>`SELECT concat_ws(' ', office_id, origin_office_id, organisation_id, owner_id, stage, restricted) AS k, count(*)::int AS n
        FROM return_case GROUP BY 1 ORDER BY 1`.execute(db);
      expect(stageCounts.rows).toEqual(directStageCounts.rows);
      expect(sorted(await stored())).toEqual(sorted(await direct()));
      for (const table of Object.keys(ROLLUPS)) {
        const [coarse, fine] = await rolledUp(table);
        expect(coarse, table).toEqual(fine);
      }
    }
    // A case moved to departed through the workflow gets its departure day.
    const one = cases.find((c) => c.kind === 'voluntary_return')!;
    expect((await db.selectFrom('return_case').select('departed_on').where('id', '=', one.id).executeTakeFirstOrThrow()).departed_on).not.toBeUndefined();
    // Rebuilding from scratch gives the same cells.
    const before = sorted(await stored());
    await sql`SELECT stat_rebuild()`.execute(db);
    expect(sorted(await stored())).toEqual(before);
    for (const table of Object.keys(ROLLUPS)) {
      const [coarse, fine] = await rolledUp(table);
      expect(coarse, table).toEqual(fine);
    }
  });

  it('answers every figure exactly for the viewer’s scope: office, organisation, all', async () => {
    const full: [Permission, Scope][] = [['case.read', 'all'], ['case.restricted', 'all']];
    const readers: { scope: Scope; where: ReturnType<typeof sql> }[] = [
      { scope: 'all', where: sql`true` },
      { scope: 'organisation', where: sql`organisation_id = ${w.a.organisationId}` },
      { scope: 'office', where: sql`(office_id = ${w.a.office.id} OR origin_office_id = ${w.a.office.id})` },
    ];
    for (const { scope, where } of readers) {
      const who = actor([['statistics.read', scope], ...full.map(([p]) => [p, scope] as [Permission, Scope])], { officeId: w.a.office.id, organisationId: w.a.organisationId });
      const rows = await direct(where);
      const vr = rows.filter((r) => r.kind === 'voluntary_return');
      const sum = (f: (r: (typeof rows)[number]) => boolean, from = vr) => from.filter(f).reduce((s, r) => s + r.n, 0);
      const q = { kind: 'voluntary_return' as const, top: 300 };
      const years = await statisticsFigure(db, who, 'years', q);
      expect(years.controlled).toBe(false);
      for (const y of years.rows) expect(y.value).toBe(sum((r) => String(r.year) === y.key));
      expect(years.total.value).toBe(sum(() => true));
      const origins = await statisticsFigure(db, who, 'origins', q);
      for (const o of origins.rows) expect(o.value).toBe(sum((r) => r.origin_country === o.key));
      const hostsFig = await statisticsFigure(db, who, 'hosts', q);
      for (const h of hostsFig.rows) expect(h.value).toBe(sum((r) => r.host_country === h.key));
      const legal = await statisticsFigure(db, who, 'legal-status', q);
      for (const l of legal.rows) expect(l.value).toBe(sum((r) => r.legal_status === l.key));
      const household = await statisticsFigure(db, who, 'household', q);
      for (const h of household.rows) expect(h.value).toBe(sum((r) => r.household_band === h.key));
      const sexAge = await statisticsFigure(db, who, 'sex-age', q);
      for (const s of sexAge.rows) for (const a of s.cells!) expect(a.value).toBe(sum((r) => r.sex === s.key && r.age_band === a.key));
      const matrix = await statisticsFigure(db, who, 'host-origin', q);
      for (const h of matrix.rows) for (const o of h.cells!) expect(o.value).toBe(sum((r) => r.host_country === h.key && r.origin_country === o.key));
      const latest = Math.max(...vr.map((r) => r.year));
      if (Number.isFinite(latest)) {
        const months = await statisticsFigure(db, who, 'months', { ...q, year: latest });
        for (const m of months.rows) expect(m.value).toBe(sum((r) => r.year === latest && String(r.month) === m.key));
      }
      // Without a year, the months of the latest year with a returnee under the filters, by sex (their own table).
      for (const sex of ['female', 'male'] as const) {
        const theirs = vr.filter((r) => r.sex === sex);
        if (!theirs.length) continue;
        const last = Math.max(...theirs.map((r) => r.year));
        const bySex = await statisticsFigure(db, who, 'months', { ...q, sex });
        expect(bySex.year).toBe(last);
        for (const m of bySex.rows) expect(m.value).toBe(sum((r) => r.year === last && r.sex === sex && String(r.month) === m.key));
      }
      const post = await statisticsFigure(db, who, 'years', { ...q, kind: 'post_arrival' });
      expect(post.total.value).toBe(sum(() => true, rows.filter((r) => r.kind === 'post_arrival')));
      const filtered = await statisticsFigure(db, who, 'years', { ...q, originRegion: '145', sex: 'female' });
      expect(filtered.total.value).toBe(sum((r) => ['IQ', 'GE'].includes(r.origin_country) && r.sex === 'female'));
      // Filters read by other tables of sums, and a combination only the fine cells answer.
      const young = await statisticsFigure(db, who, 'origins', { ...q, ageBand: '0-11', hostCountry: 'BE' });
      for (const o of young.rows) expect(o.value).toBe(sum((r) => r.origin_country === o.key && r.age_band === '0-11' && r.host_country === 'BE'));
      const legalIq = await statisticsFigure(db, who, 'legal-status', { ...q, originCountry: 'IQ' });
      for (const l of legalIq.rows) expect(l.value).toBe(sum((r) => r.legal_status === l.key && r.origin_country === 'IQ'));
      const womenHouseholds = await statisticsFigure(db, who, 'household', { ...q, sex: 'female' });
      for (const h of womenHouseholds.rows) expect(h.value).toBe(sum((r) => r.household_band === h.key && r.sex === 'female'));
      // Legal status and household size by sex and age band (their own tables of sums), alone and with the other filters.
      type Demography = { sex?: (typeof STAT_SEXES)[number]; ageBand?: (typeof AGE_BANDS)[number]; hostCountry?: string; originRegion?: string; originCountry?: string; yearFrom?: number; yearTo?: number };
      const demographies: Demography[] = [
        ...STAT_SEXES.map((sex) => ({ sex })), ...AGE_BANDS.map((ageBand) => ({ ageBand })),
        { sex: 'male', ageBand: '18-34' }, { sex: 'female', ageBand: '0-11', hostCountry: 'BE' },
        { sex: 'female', originRegion: '145' }, { ageBand: '35-59', originCountry: 'IQ', yearFrom: 2021, yearTo: 2024 },
      ];
      let seen = 0;
      for (const f of demographies) {
        const keep = (r: (typeof rows)[number]) => (!f.sex || r.sex === f.sex) && (!f.ageBand || r.age_band === f.ageBand)
          && (!f.hostCountry || r.host_country === f.hostCountry) && (!f.originRegion || ['IQ', 'GE'].includes(r.origin_country))
          && (!f.originCountry || r.origin_country === f.originCountry) && (f.yearFrom === undefined || r.year >= f.yearFrom) && (f.yearTo === undefined || r.year <= f.yearTo);
        const legalBy = await statisticsFigure(db, who, 'legal-status', { ...q, ...f });
        expect(legalBy.rows.map((l) => l.key).sort(), JSON.stringify(f)).toEqual([...new Set(vr.filter(keep).map((r) => r.legal_status))].sort());
        for (const l of legalBy.rows) expect(l.value, `${l.key} ${JSON.stringify(f)}`).toBe(sum((r) => r.legal_status === l.key && keep(r)));
        const householdBy = await statisticsFigure(db, who, 'household', { ...q, ...f });
        for (const h of householdBy.rows) expect(h.value, `${h.key} ${JSON.stringify(f)}`).toBe(sum((r) => r.household_band === h.key && keep(r)));
        expect(householdBy.total.value).toBe(sum(keep));
        seen += sum(keep);
      }
      expect(seen).toBeGreaterThan(0);
    }
  });

  it('withholds small counts from statistics-only viewers so that none can be worked out from the totals', async () => {
    // The figures of counts that add up; amounts have their own disclosure test (statistics-money.http.test.ts),
    // monitoring coverage (due and visited, no totals) its own (statistics-monitoring.http.test.ts), and
    // community projects (projects published, people withheld per column) theirs (statistics-community.http.test.ts).
    for (const figure of STAT_FIGURES.filter((f) => !(MONEY_FIGURES as readonly string[]).includes(f) && f !== 'monitoring-coverage' && f !== 'community-projects')) {
      const res = await call(w.a.users.me_officer.session, 'GET', `/api/statistics/figures/${figure}?top=5`);
      expect(res.statusCode).toBe(200);
      const f = res.json();
      expect(f.controlled).toBe(true);
      const published = [f.total, ...f.rows, ...(f.columns ?? []), ...f.rows.flatMap((r: { cells?: unknown[] }) => r.cells ?? [])] as { value: number | null; withheld: string | null }[];
      for (const c of published) {
        if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
        else expect(c.withheld).not.toBeNull();
      }
      // Every published addition (a row, a column, the total) has none or at least two withheld entries.
      const lines: ({ value: number | null }[])[] = [[f.total, ...f.rows]];
      if (f.columns) {
        lines.push([f.total, ...f.columns]);
        for (const r of f.rows) lines.push([r, ...r.cells]);
        f.columns.forEach((c: { value: number | null }, j: number) => lines.push([c, ...f.rows.map((r: { cells: { value: number | null }[] }) => r.cells[j]!)]));
      }
      for (const line of lines) {
        const hidden = line.filter((c) => c.value === null).length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    }
  });

  it('is refused without statistics.read', async () => {
    const res = await call(w.a.users.caseworker.session, 'GET', '/api/statistics/figures/years');
    expect(res.statusCode).toBe(403);
    const bad = await call(w.a.users.me_officer.session, 'GET', '/api/statistics/figures/nope');
    expect(bad.statusCode).toBe(400);
    void fx;
  });

  it('filters every figure by donor: the returns of the projects it funds', async () => {
    const project = async (code: string, donors: string[]) => {
      const p = await db.insertInto('project').values({
        organisation_id: w.a.organisationId, code, name: code, host_countries: [], return_countries: [], starts_on: '2015-01-01', ends_on: '2030-12-31', currency: 'EUR',
      }).returning('id').executeTakeFirstOrThrow();
      for (const [position, name] of donors.entries()) await db.insertInto('project_donor').values({ project_id: p.id, position, name, share_percent: '40' }).execute();
      return p.id;
    };
    const p1 = await project('DONOR-T1', ['EU', 'Norway']);
    const p2 = await project('DONOR-T2', ['Japan']);
    for (const c of cases) await db.updateTable('return_case').set({ project_id: pick([p1, p2, null]) }).where('id', '=', c.id).execute();
    const who = actor([['statistics.read', 'all'], ['case.read', 'all'], ['case.restricted', 'all']], { officeId: w.a.office.id, organisationId: w.a.organisationId });
    const q = { kind: 'voluntary_return' as const, top: 300 };
    const eu = (await direct(sql`project_id = ${p1} AND kind = 'voluntary_return'`));
    expect(eu.length).toBeGreaterThan(0);
    const years = await statisticsFigure(db, who, 'years', { ...q, donor: 'EU' });
    expect(years.total.value).toBe(eu.reduce((s, r) => s + r.n, 0));
    const legal = await statisticsFigure(db, who, 'legal-status', { ...q, donor: 'EU' });
    for (const l of legal.rows) expect(l.value).toBe(eu.filter((r) => r.legal_status === l.key).reduce((s, r) => s + r.n, 0));
    const euWomen = await statisticsFigure(db, who, 'legal-status', { ...q, donor: 'EU', sex: 'female' });
    for (const l of euWomen.rows) expect(l.value).toBe(eu.filter((r) => r.legal_status === l.key && r.sex === 'female').reduce((s, r) => s + r.n, 0));
    expect(euWomen.total.value).toBe(eu.filter((r) => r.sex === 'female').reduce((s, r) => s + r.n, 0));
    const japan = (await direct(sql`project_id = ${p2} AND kind = 'voluntary_return'`)).reduce((s, r) => s + r.n, 0);
    expect((await statisticsFigure(db, who, 'origins', { ...q, donor: 'Japan' })).total.value).toBe(japan);
    expect((await statisticsFigure(db, who, 'years', { ...q, donor: 'Nobody' })).total.value).toBe(0);
    // The filter's choices: the projects and their donors' names.
    const options = (await call(w.a.users.me_officer.session, 'GET', '/api/statistics/filter-options')).json();
    expect(options.donors).toEqual(expect.arrayContaining(['EU', 'Japan', 'Norway']));
    expect(options.projects.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['DONOR-T1', 'DONOR-T2']));
    expect((await call(w.a.users.caseworker.session, 'GET', '/api/statistics/filter-options')).statusCode).toBe(403);
    // The offices it offers: every office, for a reader of scope all.
    const offices = (options.offices as { id: string }[]).map((o) => o.id);
    expect(offices).toEqual(expect.arrayContaining([w.a.office.id, w.a2.office.id, w.origin.office.id, w.b.office.id]));
  });

  it('an office manager reads the figures of their own office only', async () => {
    // A manager of a new office of the same organisation: none of the registered cases are theirs.
    const other = await officeWith(['office_manager'], { country: 'LU', organisationId: w.a.organisationId });
    const mine = await call(other.users.office_manager.session, 'GET', '/api/statistics/figures/years?kind=voluntary_return');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total.value).toBe(0);
    const all = await call(w.a.users.me_officer.session, 'GET', '/api/statistics/figures/years?kind=voluntary_return');
    expect(all.json().total.value).toBeGreaterThan(0);
    // Their filter offers their own office only, and filtering by another office of theirs gives nothing away.
    const options = (await call(other.users.office_manager.session, 'GET', '/api/statistics/filter-options')).json();
    expect(options.offices.map((o: { id: string }) => o.id)).toEqual([other.office.id]);
    const byOffice = await call(w.a.users.me_officer.session, 'GET', `/api/statistics/figures/years?kind=voluntary_return&officeId=${w.a2.office.id}`);
    const counted = (await direct(sql`office_id = ${w.a2.office.id} AND kind = 'voluntary_return'`)).reduce((n, r) => n + r.n, 0);
    expect(counted).toBeGreaterThan(0);
    expect(byOffice.json().total.value).toBe(counted);
    expect(byOffice.json().total.value).toBeLessThan(all.json().total.value);
  });
});
