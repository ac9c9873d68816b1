import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Permission, Scope } from '../../../shared/access.js';
import type { Actor } from '../../platform/actor.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { statisticsFigure } from './figures.js';

const t = await testApp();
const { call, officeWith, db } = t;

const host = await officeWith(['caseworker', 'monitoring_officer', 'me_officer'], { country: 'BE' });
const other = await officeWith(['caseworker', 'monitoring_officer'], { country: 'NL' });

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const actor = (grants: [Permission, Scope][], at: { officeId: string; organisationId: string }): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001', name: 'Reader', email: 'r@example.org', officeId: at.officeId, organisationId: at.organisationId,
  preferredLanguage: 'en', grants: new Map(grants), roles: [], totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: '', csrfToken: '', ip: null,
});
type Visit = { id: string; version: number; status: string; slot: number; offsetMonths: number };
const visits = (s: Session, id: string) => call(s, 'GET', `/api/cases/${id}/monitoring`).then((r) => ok(r).json().visits as Visit[]);
const record = (s: Session, v: Visit, body: Record<string, unknown>) => call(s, 'PUT', `/api/monitoring/visits/${v.id}`, body, { 'if-match': `"${v.id}.${v.version}"` });

/** A departed case of the team's office in monitoring, arrived on the day given. */
async function monitoredCase(team: typeof host, arrivedOn: string) {
  const c = ok(await call(team.users.caseworker.session, 'POST', '/api/cases', householdInput()), 201).json();
  await db.updateTable('return_case').set({ stage: 'monitoring', departed_on: arrivedOn, country_of_return: 'IQ', owner_id: team.users.monitoring_officer.id }).where('id', '=', c.id).execute();
  await db.insertInto('arrival').values({ case_id: c.id, arrived_on: arrivedOn, place: 'Airport', received_by_user_id: null, received_by_name: 'Reception desk', recorded_by: team.users.caseworker.id, recorded_at: new Date() }).execute();
  return c.id as string;
}

/** The rule counted straight from the schedules and visits: per offset, cases due by today and those with a visit recorded as reached. */
const direct = async (officeId?: string) => (await sql<{ key: string; due: number; visited: number }>`
  SELECT o.m::text AS key, count(*)::int AS due,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM monitoring_visit v WHERE v.case_id = s.case_id AND v.offset_months = o.m AND v.status = 'recorded' AND v.outcome = 'reached'))::int AS visited
    FROM monitoring_schedule s JOIN return_case c ON c.id = s.case_id, unnest(s.offsets_months) o(m)
   WHERE c.departed_on IS NOT NULL AND (s.anchor_date + make_interval(months => o.m))::date <= current_date
     AND (${officeId ?? null}::uuid IS NULL OR c.office_id = ${officeId ?? null}::uuid)
   GROUP BY o.m ORDER BY o.m`.execute(db)).rows;

const cellsOf = (f: { rows: { key: string; cells?: { key: string; value: number | null; withheld: string | null }[] }[] }) =>
  f.rows.map((r) => ({ key: r.key, due: r.cells![0]!.value, visited: r.cells![1]!.value }));

describe('monitoring coverage by milestone', () => {
  it('equals a direct count, in the viewer’s scope, withheld from 1 to 4 for statistics-only viewers', async () => {
    const mo = host.users.monitoring_officer.session;
    const arrived = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const recent = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await monitoredCase(host, arrived));
    const fresh = await monitoredCase(host, recent);
    const elsewhere = [await monitoredCase(other, arrived), await monitoredCase(other, arrived)];
    // Three months: six reached, one refused; six months: two reached; twelve: none.
    for (const [i, id] of ids.entries()) {
      const v = (await visits(mo, id)).find((x) => x.offsetMonths === 3 && x.status === 'planned')!;
      ok(await record(mo, v, { method: 'phone', visitedOn: arrived, outcome: i < 6 ? 'reached' : 'refused' }));
      if (i < 2) {
        const six = (await visits(mo, id)).find((x) => x.offsetMonths === 6 && x.status === 'planned')!;
        ok(await record(mo, six, { method: 'on_site', visitedOn: arrived, outcome: 'reached' }));
      }
    }
    await visits(mo, fresh);
    const omo = other.users.monitoring_officer.session;
    for (const id of elsewhere) {
      const v = (await visits(omo, id)).find((x) => x.offsetMonths === 3 && x.status === 'planned')!;
      ok(await record(omo, v, { method: 'phone', visitedOn: arrived, outcome: 'reached' }));
    }

    // A reader of the host office who opens its cases: exact counts, the other office absent.
    const reader = actor([['statistics.read', 'office'], ['case.read', 'office'], ['case.restricted', 'office']], { officeId: host.office.id, organisationId: host.organisationId });
    const mine = await statisticsFigure(db, reader, 'monitoring-coverage', { kind: 'voluntary_return', top: 10 });
    expect(mine.controlled).toBe(false);
    const expected = await direct(host.office.id);
    expect(expected).toEqual([{ key: '3', due: 7, visited: 6 }, { key: '6', due: 7, visited: 2 }, { key: '12', due: 7, visited: 0 }]);
    expect(cellsOf(mine)).toEqual(expected);
    // Everything, filtered by a year the cases did not depart in: nothing.
    const all = actor([['statistics.read', 'all'], ['case.read', 'all'], ['case.restricted', 'all']], { officeId: host.office.id, organisationId: host.organisationId });
    expect(cellsOf(await statisticsFigure(db, all, 'monitoring-coverage', { kind: 'voluntary_return', top: 10 }))).toEqual(await direct());
    expect((await statisticsFigure(db, all, 'monitoring-coverage', { kind: 'voluntary_return', top: 10, yearTo: 2001 })).rows).toEqual([]);

    // The M&E officer (statistics only, every office): counts from 1 to 4 withheld, and what would give them away.
    const me = ok(await call(host.users.me_officer.session, 'GET', '/api/statistics/figures/monitoring-coverage')).json();
    expect(me.controlled).toBe(true);
    const at = (key: string) => me.rows.find((r: { key: string }) => r.key === key).cells;
    // Three months: 9 due, 8 visited, 1 not (never printed, but due minus visited): visited withheld too.
    expect(at('3')).toEqual([{ key: 'due', value: 9, withheld: null }, { key: 'visited', value: null, withheld: 'complement' }]);
    // Six months: 2 visited of 9, withheld; twelve: none of 9.
    expect(at('6')).toEqual([{ key: 'due', value: 9, withheld: null }, { key: 'visited', value: null, withheld: 'small' }]);
    expect(at('12')).toEqual([{ key: 'due', value: 9, withheld: null }, { key: 'visited', value: 0, withheld: null }]);
    expect(me.rows.flatMap((r: { cells: { value: number | null }[] }) => r.cells).every((c: { value: number | null }) => c.value === null || c.value === 0 || c.value >= 5)).toBe(true);

    // The export writes the same view, withheld entries empty.
    const csv = ok(await call(host.users.me_officer.session, 'GET', '/api/statistics/figures/monitoring-coverage/export?format=csv&lang=en')).body;
    expect(csv).toContain('3 months');
    expect(csv).toContain('Cases visited');

    // Without statistics.read: 403, for the figure and the scores.
    ok(await call(host.users.caseworker.session, 'GET', '/api/statistics/figures/monitoring-coverage'), 403);
    ok(await call(host.users.caseworker.session, 'GET', '/api/statistics/sustainability-scores'), 403);
    // The scores reach the M&E officer through the statistics route, small groups withheld.
    const scores = ok(await call(host.users.me_officer.session, 'GET', '/api/statistics/sustainability-scores?groupBy=country')).json();
    expect(scores.suppression).toBe(true);
  });

  it('honours the donor filter on the sustainability scores: exactly the returnees of the projects it funds', async () => {
    const team = await officeWith(['caseworker', 'monitoring_officer', 'programme_manager', 'me_officer'], { country: 'DE' });
    const pm = team.users.programme_manager.session;
    const mo = team.users.monitoring_officer.session;
    const me = team.users.me_officer.session;
    const project = async (donor: string) => ok(await call(pm, 'POST', '/api/projects', {
      code: `S-${donor}`, name: `Scores ${donor}`, donors: [{ name: donor, sharePercent: 100 }], hostCountries: ['DE'], returnCountries: ['IQ'],
      startsOn: '2020-01-01', endsOn: '2035-12-31', budgetMinor: null, currency: 'EUR', status: 'active',
    }), 201).json().id as string;
    const eu = await project('EU');
    const norway = await project('Norway');
    const instruments = ok(await call(pm, 'GET', '/api/monitoring/instruments')).json().items as { versions: { id: string; number: number; status: string }[] }[];
    const v1 = instruments.flatMap((i) => i.versions).find((v) => v.status === 'published')!.id;
    const HIGH = { income_sources: ['work'], employed: 'yes', work_months: 6, debt: 'none', food: 's3', distress: 'no', migrate_again: 'no', safety: 's3' };
    const LOW = { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 2, food: 's1', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's3' };
    const arrived = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    // Five returnees of the EU's project scored high, five of Norway's scored low, two of no project.
    for (const [projectId, answers, n] of [[eu, HIGH, 5], [norway, LOW, 5], [null, LOW, 2]] as const) {
      for (let i = 0; i < n; i += 1) {
        const id = await monitoredCase(team, arrived);
        await db.updateTable('return_case').set({ project_id: projectId }).where('id', '=', id).execute();
        const v = (await visits(mo, id)).find((x) => x.status === 'planned')!;
        ok(await record(mo, v, { method: 'phone', visitedOn: arrived, outcome: 'reached', instrumentVersionId: v1, answers }));
      }
    }
    const scores = async (query: string) => ok(await call(me, 'GET', `/api/statistics/sustainability-scores?groupBy=country&${query}`)).json();
    /** The returnees scored under the version whose case's project the donor funds, counted straight from the tables. */
    const direct = async (donor: string) => (await sql<{ n: number }>`
      SELECT count(DISTINCT v.case_id)::int AS n FROM monitoring_visit v JOIN monitoring_visit_score s ON s.visit_id = v.id AND s.instrument_version_id = ${v1}
        JOIN return_case c ON c.id = v.case_id WHERE v.status = 'recorded' AND c.project_id IN (SELECT project_id FROM project_donor WHERE name = ${donor})`.execute(db)).rows[0]!.n;
    const everyone = await scores('');
    expect(everyone.total).toBe(12);
    const ofEu = await scores('donor=EU');
    expect(ofEu.total).toBe(await direct('EU'));
    expect(ofEu.total).toBe(5);
    // Exactly the EU's project: the same groups, means and medians as that project's filter.
    expect(ofEu.groups).toEqual((await scores(`projectId=${eu}`)).groups);
    const ofNorway = await scores('donor=Norway');
    expect(ofNorway.total).toBe(await direct('Norway'));
    expect(ofNorway.groups[0].composite.mean).not.toBe(ofEu.groups[0].composite.mean);
    expect((await scores('donor=Nobody')).groups).toEqual([]);
    // The region of origin applies too (Iraq is in Western Asia, 145; not in Africa, 002).
    expect((await scores('originRegion=145&donor=EU')).total).toBe(5);
    expect((await scores('originRegion=002')).groups).toEqual([]);
  });
});
