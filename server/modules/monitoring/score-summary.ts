import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DIMENSIONS, type Dimension, type ScoreResult } from '../../../shared/schemas/monitoring.js';
import type { ScoreSummaryQuery, ScoreSummaryView } from '../../../shared/schemas/monitoring-programme.js';
import { isSuppressed } from '../../../shared/suppression.js';
import { can, scopeFor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { countriesInRegion } from '../../../shared/reference/countries.js';
import { caseScope, scopeCondition } from '../cases/index.js';
import { projectsOfDonorSql } from '../eligibility/index.js';
import { errors } from './monitoring.errors.js';

/** Who reads the programme's view: score readers (the cases they may open) and instrument managers (every case of their scope, small counts withheld). */
export const SCORE_SUMMARY_READERS = ['monitoring.score.read', 'monitoring.instrument.manage'] as const;

/** Scores are exact decimal text with four decimals: counted in ten-thousandths, as integers. */
const units = (s: string) => Math.round(Number(s) * 10_000);
const text = (u: number) => `${Math.floor(u / 10_000)}.${String(u % 10_000).padStart(4, '0')}`;
/** a / b in ten-thousandths, rounded half up, with integers only. */
const divide = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

/** The mean and median of scores in ten-thousandths (nulls, dimensions not answered, left out). */
export function statistic(scores: (string | null)[]) {
  const u = scores.filter((s): s is string => s !== null).map(units).sort((a, b) => a - b);
  if (!u.length) return { mean: null, median: null, n: 0 };
  const sum = u.reduce((a, b) => a + b, 0);
  const mid = Math.floor(u.length / 2);
  const median = u.length % 2 ? u[mid]! : divide(u[mid - 1]! + u[mid]!, 2);
  return { mean: text(divide(sum, u.length)), median: text(median), n: u.length };
}

/**
 * The filters the scores honour, on the case (`c`): country of return, region of it, project, and
 * donor (the cases of the projects it funds, any share, as the programme statistics' figures).
 */
function scoreFilters(input: ScoreSummaryQuery): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (input.country) out.push(sql<SqlBool>`c.country_of_return = ${input.country}`);
  if (input.originRegion) {
    const codes = countriesInRegion(input.originRegion).map((c) => c.alpha2);
    out.push(codes.length ? sql<SqlBool>`c.country_of_return IN (${sql.join(codes)})` : sql<SqlBool>`false`);
  }
  if (input.projectId) out.push(sql<SqlBool>`c.project_id = ${input.projectId}`);
  if (input.donor) out.push(sql<SqlBool>`c.project_id IN ${projectsOfDonorSql(input.donor)}`);
  return out;
}

const quarterOf = (d: string | null) => (d ? `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}` : null);

/** Published versions with at least one score, newest (highest number) first. */
async function scoredVersions(ex: Executor) {
  const rows = await ex.selectFrom('monitoring_instrument_version as iv')
    .innerJoin('monitoring_instrument as i', 'i.id', 'iv.instrument_id')
    .select(['iv.id', 'iv.number', 'i.key', 'i.name'])
    .where('iv.status', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('monitoring_visit_score as s').select('s.id').whereRef('s.instrument_version_id', '=', 'iv.id')))
    .orderBy('iv.number', 'desc').orderBy('iv.published_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, instrumentKey: r.key, instrumentName: r.name, number: r.number }));
}

type SummaryRow = { country_of_return: string | null; project_id: string | null; project_name: string | null; arrived_on: string | null; result: Pick<ScoreResult, 'composite'> & { dimensions: { key: string; score: string | null }[] } };

/** Groups each case's scores by country, project or arrival quarter, with mean and median; small groups withheld for those who open no case. */
function summarise(rows: SummaryRow[], groupBy: 'country' | 'project' | 'cohort', dimensions: Dimension[], opensCases: boolean) {
  const groups = new Map<string, { key: string | null; label: string | null; results: SummaryRow['result'][] }>();
  for (const r of rows) {
    const [key, label] = groupBy === 'country' ? [r.country_of_return, r.country_of_return]
      : groupBy === 'project' ? [r.project_id, r.project_name]
        : [quarterOf(r.arrived_on), quarterOf(r.arrived_on)];
    const id = key ?? '';
    if (!groups.has(id)) groups.set(id, { key, label, results: [] });
    groups.get(id)!.results.push(r.result);
  }
  return [...groups.values()]
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : (a.label ?? a.key).localeCompare(b.label ?? b.key)))
    .map((g) => {
      const n = g.results.length;
      const suppressed = !opensCases && isSuppressed(n);
      if (suppressed) return { key: g.key, label: g.label, count: null, suppressed, dimensions: [], composite: null };
      return {
        key: g.key, label: g.label, count: n, suppressed,
        dimensions: dimensions.map((d) => ({ key: d, ...statistic(g.results.map((x) => x.dimensions.find((y) => y.key === d)?.score ?? null)) })),
        composite: statistic(g.results.map((x) => x.composite)),
      };
    });
}

/**
 * The monitoring history the legacy import brought, under its own label: each case's latest
 * imported visit with scores as the old system gave them (no instrument version computed them),
 * grouped as the versioned view is; never added to a version's figures.
 */
async function importedSummary(
  db: Executor, input: ScoreSummaryQuery, scope: ReturnType<typeof caseScope>, groupBy: 'country' | 'project' | 'cohort', dimensions: Dimension[], opensCases: boolean,
) {
  let q = db.selectFrom('monitoring_visit as v')
    .innerJoin('monitoring_imported_score as s', 's.visit_id', 'v.id')
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .leftJoin('project as p', 'p.id', 'c.project_id')
    .leftJoin('arrival as a', 'a.case_id', 'c.id')
    .leftJoin('monitoring_schedule as ms', 'ms.case_id', 'c.id')
    .distinctOn('c.id')
    .select(['c.id as case_id', 'c.country_of_return', 'c.project_id', 'p.name as project_name', 's.legacy_source',
      's.composite', 's.economic', 's.social', 's.psychosocial',
      sql<string | null>`coalesce(a.arrived_on, CASE WHEN ms.anchor = 'arrival' THEN ms.anchor_date END)::text`.as('arrived_on')])
    .where('v.status', '=', 'recorded')
    .where(scope);
  for (const f of scoreFilters(input)) q = q.where(f);
  const rows = await q.orderBy('c.id').orderBy('v.visited_on', 'desc').orderBy('v.id').execute();
  const groups = summarise(rows.map((r) => ({
    ...r, result: { composite: r.composite, dimensions: [{ key: 'economic', score: r.economic }, { key: 'social', score: r.social }, { key: 'psychosocial', score: r.psychosocial }] },
  })), groupBy, dimensions, opensCases);
  return { sources: [...new Set(rows.map((r) => r.legacy_source))].sort(), groups, total: groups.reduce((s, g) => s + (g.count ?? 0), 0) };
}

/**
 * The programme's view of sustainability: per country of return, project or arrival quarter, the
 * returnees scored and the mean and median of each dimension and of the composite, from each
 * case's latest visit scored under ONE published version (the one asked for, else the newest
 * with scores): versions are never mixed. Score readers count the cases they may open; instrument
 * managers, who open no case, count every case of their scope, restricted ones included, and
 * counts from 1 to 4 are withheld with their means (shared/suppression.ts).
 */
export async function scoreSummary(input: ScoreSummaryQuery, { actor, db }: UseCaseContext): Promise<ScoreSummaryView> {
  const groupBy = input.groupBy ?? 'country';
  const opensCases = can(actor, 'monitoring.score.read');
  // Those who open no case count every case of their scope, small groups withheld: instrument
  // managers here, and statistics readers through the programme statistics' route.
  const aggregate = can(actor, 'monitoring.instrument.manage') ? 'monitoring.instrument.manage' : can(actor, 'statistics.read') ? 'statistics.read' : null;
  if (!opensCases && !aggregate) throw platformErrors.FORBIDDEN();
  const versions = await scoredVersions(db);
  const dimensions: Dimension[] = input.dimension ? [input.dimension] : [...DIMENSIONS];
  let version = versions[0] ?? null;
  if (input.instrumentVersionId) {
    const asked = await db.selectFrom('monitoring_instrument_version as iv').innerJoin('monitoring_instrument as i', 'i.id', 'iv.instrument_id')
      .select(['iv.id', 'iv.number', 'iv.status', 'i.key', 'i.name']).where('iv.id', '=', input.instrumentVersionId).executeTakeFirst();
    if (!asked) throw errors.INSTRUMENT_VERSION_NOT_FOUND();
    if (asked.status !== 'published') throw errors.MONITORING_VERSION_NOT_PUBLISHED();
    version = { id: asked.id, instrumentKey: asked.key, instrumentName: asked.name, number: asked.number };
  }
  const scope = opensCases ? caseScope(actor, 'monitoring.score.read') : scopeCondition(actor, scopeFor(actor, aggregate!));
  const imported = await importedSummary(db, input, scope, groupBy, dimensions, opensCases);
  const empty = { groupBy, version, versions, dimensions, suppression: !opensCases, groups: [], total: 0, imported };
  if (!version) return empty;

  // Each case's latest visit scored under the version (the latest visit day, then the later slot).
  let q = db.selectFrom('monitoring_visit as v')
    .innerJoin('monitoring_visit_score as s', (j) => j.onRef('s.visit_id', '=', 'v.id').on('s.instrument_version_id', '=', version.id))
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .leftJoin('project as p', 'p.id', 'c.project_id')
    .leftJoin('arrival as a', 'a.case_id', 'c.id')
    .leftJoin('monitoring_schedule as ms', 'ms.case_id', 'c.id')
    .distinctOn('c.id')
    .select(['c.id as case_id', 'c.country_of_return', 'c.project_id', 'p.name as project_name', 's.result',
      sql<string | null>`coalesce(a.arrived_on, CASE WHEN ms.anchor = 'arrival' THEN ms.anchor_date END)::text`.as('arrived_on')])
    .where('v.status', '=', 'recorded');
  q = q.where(scope);
  for (const f of scoreFilters(input)) q = q.where(f);
  const rows = await q.orderBy('c.id').orderBy('v.visited_on', 'desc').orderBy('v.slot', 'desc').execute();
  const out = summarise(rows.map((r) => ({ ...r, result: r.result as ScoreResult })), groupBy, dimensions, opensCases);
  return { ...empty, groups: out, total: out.reduce((s, g) => s + (g.count ?? 0), 0) };
}
