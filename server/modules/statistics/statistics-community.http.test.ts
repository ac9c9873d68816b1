import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Permission, Scope } from '../../../shared/access.js';
import { COMMUNITY_MEASURES } from '../../../shared/schemas/statistics.js';
import type { Actor } from '../../platform/actor.js';
import { householdInput, testApp } from '../../test-support/harness.js';
import { statisticsFigure } from './figures.js';

const t = await testApp();
const { call, officeWith, db } = t;

const a = await officeWith(['caseworker', 'reintegration_officer', 'me_officer', 'programme_manager'], { kind: 'origin', country: 'IQ' });
const b = await officeWith(['caseworker', 'reintegration_officer'], { kind: 'origin', country: 'AF' });

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const actor = (grants: [Permission, Scope][], at: { officeId: string; organisationId: string }): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001', name: 'Reader', email: 'r@example.org', officeId: at.officeId, organisationId: at.organisationId,
  preferredLanguage: 'en', grants: new Map(grants), roles: [], totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: '', csrfToken: '', ip: null,
});

let seed = 20261205;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

type Direct = { status: string; projects: number; rf: number; rm: number; ro: number; cf: number; cm: number; co: number; linked: number };
/** The figure counted straight from the community tables, with the condition given on `cp`. */
const direct = async (where: ReturnType<typeof sql>) => (await sql<Direct>`
  SELECT cp.status, count(*)::int AS projects, sum(returnees_female)::int AS rf, sum(returnees_male)::int AS rm, sum(returnees_other)::int AS ro,
         sum(community_female)::int AS cf, sum(community_male)::int AS cm, sum(community_other)::int AS co,
         sum((SELECT count(*) FROM community_project_returnee r WHERE r.community_project_id = cp.id))::int AS linked
    FROM community_project cp WHERE ${where} GROUP BY cp.status`.execute(db)).rows;

type Figure = { rows: { key: string; cells?: { key: string; value: number | null; withheld: string | null }[] }[]; columns: { key: string; value: number | null; withheld: string | null }[] | null };
/** The figure's non-empty statuses in the direct count's shape. */
const asDirect = (f: Figure) => f.rows.flatMap((r) => {
  const v = (k: string) => r.cells!.find((c) => c.key === k)!.value!;
  return v('projects') ? [{ status: r.key, projects: v('projects'), rf: v('returneesFemale'), rm: v('returneesMale'), ro: v('returneesOther'),
    cf: v('communityFemale'), cm: v('communityMale'), co: v('communityOther'), linked: v('linked') }] : [];
});
const sorted = (xs: Direct[]) => [...xs].sort((x, y) => x.status.localeCompare(y.status));

describe('community projects by status', () => {
  it('equals a direct count over the community projects, in the viewer’s scope and filters, small counts withheld from statistics-only viewers', async () => {
    const pm = a.users.programme_manager.session;
    const project = async (donor: string) => ok(await call(pm, 'POST', '/api/projects', {
      code: `C-${donor}`, name: `Community ${donor}`, donors: [{ name: donor, sharePercent: 100 }], hostCountries: ['BE'], returnCountries: ['IQ', 'AF'],
      startsOn: '2020-01-01', endsOn: '2035-12-31', budgetMinor: null, currency: 'EUR', status: 'active',
    }), 201).json().id as string;
    const eu = await project('EU');
    const norway = await project('Norway');
    const cases: string[] = [];
    for (const team of [a, b]) for (let i = 0; i < 3; i += 1) cases.push(ok(await call(team.users.caseworker.session, 'POST', '/api/cases', householdInput({ kind: 'post_arrival', legalStatus: 'other', admissionDate: '2026-02-20', countryOfReturn: team === a ? 'IQ' : 'AF' })), 201).json().id);
    const ids: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const team = pick([a, b]);
      const year = pick([2024, 2025, 2026]);
      const row = await db.insertInto('community_project').values({
        office_id: team.office.id, title: `Project ${i}`, country_code: team === a ? 'IQ' : 'AF', place: 'Town', project_id: pick([eu, norway, null]),
        budget_minor: 100_000, currency: 'USD', starts_on: `${year}-0${1 + Math.floor(rnd() * 9)}-15`, ends_on: `${year + 1}-06-30`,
        ...(() => { const status = pick(['planned', 'active', 'completed', 'cancelled'] as const); return { status, status_reason: status === 'cancelled' ? 'Funding withdrawn' : null }; })(),
        returnees_female: Math.floor(rnd() * 4), returnees_male: Math.floor(rnd() * 7), returnees_other: Math.floor(rnd() * 2),
        community_female: Math.floor(rnd() * 30), community_male: Math.floor(rnd() * 30), community_other: Math.floor(rnd() * 3),
        created_by: team.users.reintegration_officer.id, created_at: new Date(), updated_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    for (const [i, caseId] of cases.entries()) {
      await db.insertInto('community_project_returnee').values({ community_project_id: ids[i % 5]!, case_id: caseId, linked_by: a.users.reintegration_officer.id, linked_at: new Date() }).execute();
    }

    // A reader of office a who opens its cases: exactly office a's projects, nothing withheld.
    const reader = actor([['statistics.read', 'office'], ['case.read', 'office'], ['case.restricted', 'office']], { officeId: a.office.id, organisationId: a.organisationId });
    const q = { kind: 'voluntary_return' as const, top: 10 };
    const mine = await statisticsFigure(db, reader, 'community-projects', q);
    expect(mine.controlled).toBe(false);
    expect(mine.rows.map((r) => r.key)).toEqual(['planned', 'active', 'completed', 'cancelled']);
    const ofA = await direct(sql`cp.office_id = ${a.office.id}`);
    expect(ofA.length).toBeGreaterThan(0);
    expect(sorted(asDirect(mine))).toEqual(sorted(ofA));
    expect(mine.columns!.find((c) => c.key === 'projects')!.value).toBe(ofA.reduce((s, r) => s + r.projects, 0));
    expect(mine.columns!.find((c) => c.key === 'linked')!.value).toBe(ofA.reduce((s, r) => s + r.linked, 0));

    // A reader of office a's organisation (b is another organisation's): the same projects.
    const organisation = actor([['statistics.read', 'organisation'], ['case.read', 'organisation'], ['case.restricted', 'organisation']], { officeId: a.office.id, organisationId: a.organisationId });
    expect(sorted(asDirect(await statisticsFigure(db, organisation, 'community-projects', q)))).toEqual(sorted(ofA));

    // A reader of every office: all projects, and each filter that applies.
    const all = actor([['statistics.read', 'all'], ['case.read', 'all'], ['case.restricted', 'all']], { officeId: a.office.id, organisationId: a.organisationId });
    const figure = async (extra: Record<string, unknown>) => sorted(asDirect(await statisticsFigure(db, all, 'community-projects', { ...q, ...extra })));
    expect(await figure({})).toEqual(sorted(await direct(sql`true`)));
    expect(await figure({ yearFrom: 2025, yearTo: 2025 })).toEqual(sorted(await direct(sql`extract(year FROM cp.starts_on) = 2025`)));
    expect(await figure({ donor: 'EU' })).toEqual(sorted(await direct(sql`cp.project_id = ${eu}`)));
    expect(await figure({ projectId: norway, yearFrom: 2025 })).toEqual(sorted(await direct(sql`cp.project_id = ${norway} AND cp.starts_on >= '2025-01-01'`)));
    expect(await figure({ originCountry: 'AF' })).toEqual(sorted(await direct(sql`cp.country_code = 'AF'`)));
    expect(await figure({ originRegion: '145' })).toEqual(sorted(await direct(sql`cp.country_code = 'IQ'`)));
    expect(await figure({ officeId: b.office.id })).toEqual(sorted(await direct(sql`cp.office_id = ${b.office.id}`)));
    expect(await figure({ donor: 'Nobody' })).toEqual([]);

    // The M&E officer (statistics only, every office): counts 1 to 4 withheld with what would give them away, the rest as counted.
    const me = ok(await call(a.users.me_officer.session, 'GET', '/api/statistics/figures/community-projects')).json() as Figure & { controlled: boolean };
    expect(me.controlled).toBe(true);
    const everything = await direct(sql`true`);
    const exact = await statisticsFigure(db, all, 'community-projects', q);
    let withheld = 0;
    for (const [j, key] of COMMUNITY_MEASURES.entries()) {
      expect(exact.columns![j]!.key).toBe(key);
      const published = [me.columns![j]!, ...me.rows.map((r) => r.cells![j]!)];
      const counted = [exact.columns![j]!, ...exact.rows.map((r) => r.cells![j]!)];
      published.forEach((c, i) => { if (c.value !== null) expect(c.value).toBe(counted[i]!.value); });
      const column = published;
      for (const c of column) {
        if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
        else expect(c.withheld).not.toBeNull();
      }
      const hidden = column.filter((c) => c.value === null).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
      withheld += hidden;
    }
    expect(withheld).toBeGreaterThan(0);
    expect(exact.columns!.find((c) => c.key === 'projects')!.value).toBe(everything.reduce((n, r) => n + r.projects, 0));

    // The export writes the same view, headed in the reader's language.
    const csv = ok(await call(a.users.me_officer.session, 'GET', '/api/statistics/figures/community-projects/export?format=csv&lang=en')).body;
    expect(csv).toContain('Returnees, female');
    expect(csv).toContain('Completed');
    // In HXL, one row per status and measure, a plain number (never counted as returnees by HXL tools).
    const hxl = ok(await call(a.users.me_officer.session, 'GET', '/api/statistics/figures/community-projects/export?format=hxl&lang=en')).body;
    const tags = hxl.split('\r\n')[1]!;
    expect(tags).toContain('#indicator+num');
    expect(tags).not.toContain('#affected');
    expect(hxl.split('\r\n').filter((l) => l.trim()).length).toBe(2 + 4 * COMMUNITY_MEASURES.length);
    // Without statistics.read: 403.
    ok(await call(a.users.reintegration_officer.session, 'GET', '/api/statistics/figures/community-projects'), 403);
  });
});
