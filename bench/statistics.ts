/**
 * Programme statistics at the generated size: the aggregates of migration 0036 are kept by
 * triggers as cases change; the bulk load turns those triggers off (its keys are dropped while it
 * loads) and rebuilds the aggregates once at the end with `stat_rebuild()`, timed here. Then every
 * figure of the dashboard is timed as the M&E officer (scope all, small counts withheld) asks it.
 */
import type pg from 'pg';
import { sql } from 'kysely';
import { ensureBuiltinRoles } from '../server/modules/access/index.js';
import { statisticsFigure } from '../server/modules/statistics/index.js';
import type { Db } from '../server/platform/db.js';
import { STAT_FIGURES, statQuery, type StatQuery } from '../shared/schemas/statistics.js';
import { actorFor, time, type Stats } from './measure.js';

const TRIGGERS: [string, string][] = [
  ['return_case', 'stat_case_inserted'], ['return_case', 'stat_case_updated'],
  ['case_member', 'stat_member_inserted'], ['case_member', 'stat_member_updated'], ['case_member', 'stat_member_deleted'], ['person', 'stat_person_updated'],
];

/** The coarser tables of sums, kept with the fine cells. */
const ROLLUPS = ['stat_geo_fact', 'stat_month_fact', 'stat_demography_fact', 'stat_legal_fact', 'stat_household_fact',
  'stat_legal_demography_fact', 'stat_household_demography_fact', 'stat_legal_all_years_fact', 'stat_household_all_years_fact', 'stat_month_demography_fact'];

export async function statisticsTriggers(client: pg.Client, on: boolean) {
  for (const [table, trigger] of TRIGGERS) await client.query(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`);
}

/** After the load: the departure day from the stage history (the generator writes no column for it), then one rebuild. */
export async function rebuildStatistics(client: pg.Client) {
  const t0 = performance.now();
  await client.query(`UPDATE return_case c SET departed_on = t.on_day
    FROM (SELECT case_id, min((at AT TIME ZONE 'UTC')::date) AS on_day FROM stage_transition WHERE to_stage = 'departed' GROUP BY case_id) t
   WHERE t.case_id = c.id AND c.kind = 'voluntary_return'`);
  // Generated post-arrival cases carry no admission date: their registration day stands in for it.
  await client.query(`UPDATE return_case SET admission_date = created_at::date WHERE kind = 'post_arrival' AND admission_date IS NULL`);
  const t1 = performance.now();
  await client.query('SELECT stat_rebuild()');
  for (const t of ['stat_return_fact', ...ROLLUPS]) await client.query(`VACUUM ANALYZE ${t}`);
  const t2 = performance.now();
  const size = await client.query<{ cells: number; contributions: number; returnees: number }>(
    'SELECT (SELECT count(*)::int FROM stat_return_fact) AS cells, (SELECT count(*)::int FROM stat_case_fact) AS contributions, (SELECT coalesce(sum(returnees), 0)::int FROM stat_return_fact) AS returnees');
  const rollups: Record<string, number> = {};
  for (const t of ROLLUPS) rollups[t] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  return { datesSeconds: Math.round(t1 - t0) / 1000, rebuildSeconds: Math.round(t2 - t1) / 1000, ...size.rows[0]!, rollups };
}

/** Each figure, unfiltered and with the dashboard's filters (a year range, a region of origin, a sex), as the M&E officer. */
export async function measureStatistics(db: Db, organisationId: string, queries: number) {
  const roles = await ensureBuiltinRoles(db);
  const user = await db.insertInto('app_user')
    .values({ email: 'me.officer@bench.example', name: 'M&E officer', organisation_id: organisationId, office_id: null, password_hash: null, totp_secret: null, totp_last_step: null, updated_at: new Date() })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, role_id: roles.get('me_officer')! }).execute();
  const actor = await actorFor(db, user.id);
  const latest = await sql<{ y: number }>`SELECT max(year)::int AS y FROM stat_return_fact`.execute(db);
  const y = latest.rows[0]?.y ?? new Date().getUTCFullYear();
  const filters: StatQuery[] = [
    {}, { yearFrom: y - 4, yearTo: y }, { originRegion: '142' }, { originRegion: '002', sex: 'female' }, { yearFrom: y - 2, yearTo: y, ageBand: '0-11' },
  ];
  const out: Record<string, Stats & { query: string }> = {};
  for (const figure of STAT_FIGURES) {
    const inputs = Array.from({ length: queries }, (_, i) => statQuery.parse(filters[i % filters.length]));
    const s = await time(inputs, (q) => statisticsFigure(db, actor, figure, q), { warmup: 3, budgetMs: 60_000 });
    const { slowest: _slowest, ...stats } = s;
    out[`statistics.${figure}`] = { ...stats, query: `statisticsFigure(meOfficer, '${figure}', one of ${filters.length} filter sets)` };
  }
  return out;
}
