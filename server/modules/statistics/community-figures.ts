import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { countriesInRegion } from '../../../shared/reference/countries.js';
import { COMMUNITY_STATUSES } from '../../../shared/schemas/community.js';
import { COMMUNITY_MEASURES, type statFigureView, type statQuery } from '../../../shared/schemas/statistics.js';
import { protectTable } from '../../../shared/suppression.js';
import { scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { scopeSql } from '../../platform/scope.js';
import { communityStatusTotals } from '../community/index.js';
import { projectsOfDonorSql } from '../eligibility/index.js';
import { shown } from './figures.js';

type Query = z.output<typeof statQuery>;
type View = z.input<typeof statFigureView>;

const NO_TOTAL = { value: null, withheld: null };

/**
 * Community projects by status (figure `community-projects`): per status, the projects, the
 * beneficiaries recorded on them by group and sex, and the returnees' cases linked to them; a
 * column per measure with its total; no row value or grand total (a project's measures are not
 * added together).
 *
 * Read straight from the community module through its `index.ts` (`communityStatusTotals`), not
 * from an aggregate kept by triggers as the returnees' figures are: there are hundreds of projects,
 * not millions of returnees, so one grouped scan costs milliseconds and the figure is exact at the
 * commit without a table and triggers to keep. The projects count by the year they start and in
 * the viewer's statistics scope on the project's office (office: theirs; organisation: an office
 * of theirs; all). The filters that apply: years, office, country or region of origin (the
 * project's country), project and donor (the projects it funds, any share); kind, host country,
 * sex and age group do not (the dashboard says so).
 *
 * Disclosure control, as every figure: each column is protected as a list of the statuses adding
 * up to its total: a count from 1 to 4 withheld, then as many others as needed so that none follows
 * from the total. The projects too: one or two projects of an office in a place may be told apart,
 * and with them the few people they reached.
 */
export async function communityProjectsFigure(ex: Executor, actor: Actor, q: Query, controlled: boolean): Promise<Pick<View, 'rows' | 'total' | 'columns'>> {
  const totals = await communityStatusTotals(ex, (c) => {
    const parts: Expression<SqlBool>[] = [scopeSql(actor, scopeFor(actor, 'statistics.read'), { office: c.office })];
    if (q.yearFrom !== undefined) parts.push(sql<SqlBool>`${sql.ref(c.startsOn)} >= make_date(${q.yearFrom}::int, 1, 1)`);
    if (q.yearTo !== undefined) parts.push(sql<SqlBool>`${sql.ref(c.startsOn)} < make_date(${q.yearTo + 1}::int, 1, 1)`);
    if (q.officeId) parts.push(sql<SqlBool>`${sql.ref(c.office)} = ${q.officeId}`);
    if (q.originCountry) parts.push(sql<SqlBool>`${sql.ref(c.country)} = ${q.originCountry}`);
    if (q.originRegion) {
      const codes = countriesInRegion(q.originRegion).map((x) => x.alpha2);
      parts.push(codes.length ? sql<SqlBool>`${sql.ref(c.country)} IN (${sql.join(codes)})` : sql<SqlBool>`false`);
    }
    if (q.projectId) parts.push(sql<SqlBool>`${sql.ref(c.project)} = ${q.projectId}`);
    if (q.donor) parts.push(sql<SqlBool>`${sql.ref(c.project)} IN ${projectsOfDonorSql(q.donor)}`);
    return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
  });
  const statuses = [...COMMUNITY_STATUSES];
  const value = (status: string, m: (typeof COMMUNITY_MEASURES)[number]) => totals.find((r) => r.status === status)?.[m] ?? 0;
  const columns = COMMUNITY_MEASURES.map((m) => {
    const counts = statuses.map((s) => value(s, m));
    const total = counts.reduce((a, b) => a + b, 0);
    const why = protectTable([...counts, total], [{ parts: counts.map((_, i) => i), total: counts.length }], [...counts.map(() => false), true]);
    return { key: m, counts, total, why };
  });
  return {
    rows: statuses.map((key, i) => ({
      key, ...NO_TOTAL,
      cells: columns.map((col) => ({ key: col.key, ...shown(col.counts[i]!, col.why[i]!, controlled) })),
    })),
    columns: columns.map((col) => ({ key: col.key, ...shown(col.total, col.why[statuses.length]!, controlled) })),
    total: NO_TOTAL,
  };
}
