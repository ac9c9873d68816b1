import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { SCOPES } from '../../../shared/access.js';
import { countriesInRegion, countryByAlpha2 } from '../../../shared/reference/countries.js';
import { AGE_BANDS, HOUSEHOLD_BANDS, OTHERS_KEY, STAT_SEXES, type StatFigure, type statFigureView, type statQuery } from '../../../shared/schemas/statistics.js';
import { protectList, protectMatrix, type Withheld } from '../../../shared/suppression.js';
import { can, scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { scopeSql } from '../../platform/scope.js';
import { projectsOfDonorSql } from '../eligibility/index.js';
import { communityProjectsFigure } from './community-figures.js';
import { moneyFigure } from './money-figures.js';
import { monitoringCoverageFigure, vulnerabilityFigure } from './programme-figures.js';

type Query = z.output<typeof statQuery>;
type View = z.input<typeof statFigureView>;
type Dim = 'year' | 'month' | 'host_country' | 'origin_country' | 'project_id' | 'legal_status' | 'sex' | 'age_band' | 'household_band';
type StatTable = 'stat_return_fact' | 'stat_geo_fact' | 'stat_month_fact' | 'stat_demography_fact' | 'stat_legal_fact' | 'stat_household_fact'
  | 'stat_legal_demography_fact' | 'stat_household_demography_fact' | 'stat_legal_all_years_fact' | 'stat_household_all_years_fact' | 'stat_month_demography_fact';

/**
 * Whether small counts are withheld from the actor: unless they may open every case they count
 * (cases and restricted cases, in a scope at least as wide as their statistics scope), a count
 * from 1 to 4 could single out a person they may not see.
 */
export function disclosureControlled(actor: Actor): boolean {
  const stats = scopeFor(actor, 'statistics.read');
  if (!can(actor, 'case.read') || !can(actor, 'case.restricted')) return true;
  const rank = (p: 'case.read' | 'case.restricted') => SCOPES.indexOf(scopeFor(actor, p));
  return Math.min(rank('case.read'), rank('case.restricted')) < SCOPES.indexOf(stats);
}

/** The cells of the viewer's scope that the filters keep (never the year of a monthly figure). */
export function conditions(actor: Actor, q: Query) {
  return (eb: { and: (e: Expression<SqlBool>[]) => Expression<SqlBool> }) => {
    const parts: Expression<SqlBool>[] = [
      scopeSql(actor, scopeFor(actor, 'statistics.read'), { office: ['f.office_id', 'f.origin_office_id'], organisation: 'f.organisation_id' }),
      sql<SqlBool>`f.kind = ${q.kind}`,
    ];
    if (q.yearFrom !== undefined) parts.push(sql<SqlBool>`f.year >= ${q.yearFrom}`);
    if (q.yearTo !== undefined) parts.push(sql<SqlBool>`f.year <= ${q.yearTo}`);
    if (q.officeId) parts.push(sql<SqlBool>`f.office_id = ${q.officeId}`);
    if (q.hostCountry) parts.push(sql<SqlBool>`f.host_country = ${q.hostCountry}`);
    if (q.originCountry) parts.push(sql<SqlBool>`f.origin_country = ${q.originCountry}`);
    if (q.originRegion) {
      const codes = countriesInRegion(q.originRegion).map((c) => c.alpha2);
      parts.push(codes.length ? sql<SqlBool>`f.origin_country IN (${sql.join(codes)})` : sql<SqlBool>`false`);
    }
    if (q.projectId) parts.push(sql<SqlBool>`f.project_id = ${q.projectId}`);
    if (q.donor) parts.push(sql<SqlBool>`f.project_id IN ${projectsOfDonorSql(q.donor)}`);
    if (q.sex) parts.push(sql<SqlBool>`f.sex = ${q.sex}`);
    if (q.ageBand) parts.push(sql<SqlBool>`f.age_band = ${q.ageBand}`);
    return eb.and(parts);
  };
}

/**
 * The tables of sums, smallest first, and the keys each holds besides the scope's (offices,
 * organisation), the kind and the year. A figure reads the first that holds its grouping and its
 * filters; the fine cells hold every key.
 */
const TABLES: { table: StatTable; keys: Dim[] }[] = [
  { table: 'stat_geo_fact', keys: ['year', 'host_country', 'origin_country', 'project_id'] },
  { table: 'stat_legal_fact', keys: ['year', 'host_country', 'origin_country', 'legal_status'] },
  { table: 'stat_household_fact', keys: ['year', 'host_country', 'origin_country', 'household_band'] },
  { table: 'stat_demography_fact', keys: ['year', 'host_country', 'origin_country', 'sex', 'age_band'] },
  // Over every year (migration 0077): for a figure asked without a year range.
  { table: 'stat_legal_all_years_fact', keys: ['host_country', 'origin_country', 'project_id', 'legal_status', 'sex', 'age_band'] },
  { table: 'stat_household_all_years_fact', keys: ['host_country', 'origin_country', 'project_id', 'household_band', 'sex', 'age_band'] },
  { table: 'stat_legal_demography_fact', keys: ['year', 'host_country', 'origin_country', 'project_id', 'legal_status', 'sex', 'age_band'] },
  { table: 'stat_household_demography_fact', keys: ['year', 'host_country', 'origin_country', 'project_id', 'household_band', 'sex', 'age_band'] },
  { table: 'stat_month_fact', keys: ['year', 'month', 'host_country', 'origin_country', 'project_id'] },
  // By sex and age band (migration 0078): the monthly figure with those filters.
  { table: 'stat_month_demography_fact', keys: ['year', 'month', 'host_country', 'origin_country', 'sex', 'age_band'] },
];

/** The smallest table of sums that holds these keys. */
export function tableFor(keys: Dim[]): StatTable {
  return TABLES.find((t) => keys.every((k) => t.keys.includes(k)))?.table ?? 'stat_return_fact';
}

/** The keys a query's filters read. */
function filterKeys(q: Query): Dim[] {
  const keys: Dim[] = [];
  if (q.yearFrom !== undefined || q.yearTo !== undefined) keys.push('year');
  if (q.hostCountry) keys.push('host_country');
  if (q.originCountry || q.originRegion) keys.push('origin_country');
  if (q.projectId || q.donor) keys.push('project_id');
  if (q.sex) keys.push('sex');
  if (q.ageBand) keys.push('age_band');
  return keys;
}

export async function countBy(ex: Executor, actor: Actor, q: Query, dims: Dim[], extra?: { key: Dim; where: Expression<SqlBool> }) {
  const table = tableFor([...dims, ...filterKeys(q), ...(extra ? [extra.key] : [])]);
  let s = ex.selectFrom(`${table} as f` as 'stat_return_fact as f').where(conditions(actor, q));
  if (extra) s = s.where(extra.where);
  const rows = await s
    .select(dims.map((d) => sql<string>`${sql.ref(`f.${d}`)}::text`.as(d)))
    .select(sql<number>`sum(f.returnees)::int`.as('n'))
    .groupBy(dims.map((d) => `f.${d}` as const))
    .having(sql<SqlBool>`sum(f.returnees) > 0`)
    .execute();
  return rows as unknown as (Record<Dim, string> & { n: number })[];
}

/**
 * The latest year with a returnee under the filters: the newest cell with a count, read backwards
 * along the table's (kind, year) keys instead of summing every year (a cell's count is never below
 * zero, so a year with a counted cell has a positive sum).
 */
async function latestYear(ex: Executor, actor: Actor, q: Query): Promise<number | null> {
  const table = tableFor(['year', ...filterKeys(q)]);
  const row = await ex.selectFrom(`${table} as f` as 'stat_return_fact as f').where(conditions(actor, q))
    .where(sql<SqlBool>`f.returnees > 0`)
    .select(sql<number | null>`max(f.year)::int`.as('year'))
    .executeTakeFirst();
  return row?.year ?? null;
}

export const shown = (value: number, withheld: Withheld | null, controlled: boolean) =>
  controlled && withheld ? { value: null, withheld } : { value, withheld: null };

/** A one-way figure: its rows in order, withheld where needed, and the total. */
function list(keys: string[], counts: number[], controlled: boolean): Pick<View, 'rows' | 'total' | 'columns'> {
  const p = protectList(counts);
  return {
    rows: keys.map((key, i) => ({ key, ...shown(counts[i]!, p.cells[i]!, controlled) })),
    columns: null,
    total: shown(counts.reduce((s, n) => s + n, 0), p.total, controlled),
  };
}

function matrix(rowKeys: string[], colKeys: string[], at: (r: string, c: string) => number, controlled: boolean): Pick<View, 'rows' | 'total' | 'columns'> {
  const cells = rowKeys.map((r) => colKeys.map((c) => at(r, c)));
  const p = protectMatrix(cells);
  const rowSum = (i: number) => cells[i]!.reduce((s, n) => s + n, 0);
  const colSum = (j: number) => cells.reduce((s, r) => s + r[j]!, 0);
  return {
    rows: rowKeys.map((key, i) => ({
      key, ...shown(rowSum(i), p.rowTotals[i]!, controlled),
      cells: colKeys.map((c, j) => ({ key: c, ...shown(cells[i]![j]!, p.cells[i]![j]!, controlled) })),
    })),
    columns: colKeys.map((key, j) => ({ key, ...shown(colSum(j), p.columnTotals[j]!, controlled) })),
    total: shown(cells.flat().reduce((s, n) => s + n, 0), p.total, controlled),
  };
}

/** The top `n` keys by count, then "others" when more remain. */
function top(rows: { key: string; n: number }[], n: number) {
  const sorted = [...rows].sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  const head = sorted.slice(0, n);
  const rest = sorted.slice(n).reduce((s, r) => s + r.n, 0);
  return { keys: [...head.map((r) => r.key), ...(sorted.length > n ? [OTHERS_KEY] : [])], counts: [...head.map((r) => r.n), ...(sorted.length > n ? [rest] : [])] };
}

/** One figure of the programme statistics, in the actor's scope, with disclosure control where it applies. */
export async function statisticsFigure(ex: Executor, actor: Actor, figure: StatFigure, q: Query): Promise<View> {
  const controlled = disclosureControlled(actor);
  const base = { figure, kind: q.kind, controlled, year: null as number | null };
  switch (figure) {
    case 'years': {
      const rows = await countBy(ex, actor, q, ['year']);
      const years = rows.map((r) => Number(r.year));
      if (years.length === 0) return { ...base, ...list([], [], controlled) };
      const from = q.yearFrom ?? Math.min(...years);
      const to = q.yearTo ?? Math.max(...years);
      const keys = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => String(from + i));
      return { ...base, ...list(keys, keys.map((k) => rows.find((r) => r.year === k)?.n ?? 0), controlled) };
    }
    case 'months': {
      let year = q.year;
      if (year === undefined) year = (await latestYear(ex, actor, q)) ?? new Date().getUTCFullYear();
      const rows = await countBy(ex, actor, q, ['month'], { key: 'year', where: sql<SqlBool>`f.year = ${year}` });
      const keys = Array.from({ length: 12 }, (_, i) => String(i + 1));
      return { ...base, year, ...list(keys, keys.map((k) => rows.find((r) => r.month === k)?.n ?? 0), controlled) };
    }
    case 'hosts':
    case 'origins': {
      const dim = figure === 'hosts' ? 'host_country' : 'origin_country';
      const rows = await countBy(ex, actor, q, [dim]);
      const t = top(rows.map((r) => ({ key: r[dim], n: r.n })), q.top);
      return { ...base, ...list(t.keys, t.counts, controlled) };
    }
    case 'origin-regions': {
      const rows = await countBy(ex, actor, q, ['origin_country']);
      const byRegion = new Map<string, number>();
      for (const r of rows) {
        const c = countryByAlpha2(r.origin_country);
        const key = c?.subregion?.code ?? 'unknown';
        byRegion.set(key, (byRegion.get(key) ?? 0) + r.n);
      }
      const keys = [...byRegion.keys()].sort();
      return { ...base, ...list(keys, keys.map((k) => byRegion.get(k)!), controlled) };
    }
    case 'host-origin': {
      const rows = await countBy(ex, actor, q, ['host_country', 'origin_country']);
      const sum = (dim: 'host_country' | 'origin_country') => {
        const m = new Map<string, number>();
        for (const r of rows) m.set(r[dim], (m.get(r[dim]) ?? 0) + r.n);
        return [...m].map(([key, n]) => ({ key, n }));
      };
      const hosts = top(sum('host_country'), q.top).keys;
      const origins = top(sum('origin_country'), q.top).keys;
      const cell = new Map<string, number>();
      for (const r of rows) {
        const h = hosts.includes(r.host_country) ? r.host_country : OTHERS_KEY;
        const o = origins.includes(r.origin_country) ? r.origin_country : OTHERS_KEY;
        cell.set(`${h}|${o}`, (cell.get(`${h}|${o}`) ?? 0) + r.n);
      }
      return { ...base, ...matrix(hosts, origins, (h, o) => cell.get(`${h}|${o}`) ?? 0, controlled) };
    }
    case 'legal-status': {
      const rows = await countBy(ex, actor, q, ['legal_status']);
      const keys = rows.map((r) => r.legal_status).sort();
      return { ...base, ...list(keys, keys.map((k) => rows.find((r) => r.legal_status === k)!.n), controlled) };
    }
    case 'household': {
      const rows = await countBy(ex, actor, q, ['household_band']);
      const keys = [...HOUSEHOLD_BANDS];
      return { ...base, ...list(keys, keys.map((k) => rows.find((r) => r.household_band === k)?.n ?? 0), controlled) };
    }
    case 'sex-age': {
      const rows = await countBy(ex, actor, q, ['sex', 'age_band']);
      const sexes = STAT_SEXES.filter((s) => s !== 'other' && s !== 'unknown' || rows.some((r) => r.sex === s));
      return { ...base, ...matrix([...sexes], [...AGE_BANDS], (s, a) => rows.find((r) => r.sex === s && r.age_band === a)?.n ?? 0, controlled) };
    }
    case 'vulnerability':
      return { ...base, ...(await vulnerabilityFigure(ex, actor, q, controlled)) };
    case 'reintegration-components':
    case 'money-projects':
    case 'money-donors':
    case 'money-budget-lines':
    case 'cost-per-case':
      return { ...base, ...(await moneyFigure(ex, actor, figure, q, controlled)) };
    case 'monitoring-coverage':
      return { ...base, ...(await monitoringCoverageFigure(ex, actor, q, controlled)) };
    case 'community-projects':
      return { ...base, ...(await communityProjectsFigure(ex, actor, q, controlled)) };
  }
}
