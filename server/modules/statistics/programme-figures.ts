import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { VULNERABILITY_CATEGORIES } from '../../../shared/protection.js';
import { COVERAGE_MEASURES, VULNERABLE_ANY_KEY, type statFigureView, type statQuery } from '../../../shared/schemas/statistics.js';
import { protectTable } from '../../../shared/suppression.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { milestoneCoverage } from '../monitoring/index.js';
import { conditions, countBy, shown } from './figures.js';

type Query = z.output<typeof statQuery>;
type View = z.input<typeof statFigureView>;

/**
 * Vulnerable returnees by category (migration 0039): one row per category the protection module
 * records (a returnee counts under each of their categories), then `any` (each returnee with at
 * least one category, once); the total is every returnee of the same filters, so that a row's
 * share is its value over the total. Read from `stat_vulnerability_fact`, which holds every key
 * the filters use, and the total from the returnees' cells.
 *
 * Disclosure control: the categories are protected as if they added up to `any` (they do when no
 * returnee has two; when some do, this only withholds more), and `any` with the returnees without
 * a category (never printed, but the total minus `any`) as adding up to the total.
 */
export async function vulnerabilityFigure(ex: Executor, actor: Actor, q: Query, controlled: boolean): Promise<Pick<View, 'rows' | 'total' | 'columns'>> {
  const [rows, totals] = await Promise.all([
    ex.selectFrom('stat_vulnerability_fact as f')
      .where(conditions(actor, q))
      .select(['f.category', (eb) => eb.fn.sum<number>('f.returnees').as('n')])
      .groupBy('f.category')
      .execute(),
    countBy(ex, actor, q, ['year']),
  ]);
  const count = (key: string) => Number(rows.find((r) => r.category === key)?.n ?? 0);
  const categories = [...VULNERABILITY_CATEGORIES];
  const values = categories.map(count);
  const any = count(VULNERABLE_ANY_KEY);
  const total = totals.reduce((s, r) => s + r.n, 0);
  const K = categories.length;
  // Entries: the categories, any (K), the returnees without a category (K + 1), the total (K + 2).
  const why = protectTable(
    [...values, any, total - any, total],
    [{ parts: categories.map((_, i) => i), total: K }, { parts: [K, K + 1], total: K + 2 }],
    [...categories.map(() => false), true, false, true],
  );
  return {
    rows: [...categories, VULNERABLE_ANY_KEY].map((key, i) => ({ key, ...shown(i < K ? values[i]! : any, why[i]!, controlled) })),
    columns: null,
    total: shown(total, why[K + 2]!, controlled),
  };
}

/**
 * Monitoring coverage per milestone: cases whose milestone is due by today and, of those, the
 * ones visited (a visit recorded as reached), from the monitoring module's `milestoneCoverage`.
 * A case counts when it has a cell of the filters in the viewer's statistics scope (its departure
 * or admission year, offices, countries, project; a sex or age band keeps a case with a member of
 * it). Disclosure control: per milestone, visited and not visited (never printed) add up to due.
 */
export async function monitoringCoverageFigure(ex: Executor, actor: Actor, q: Query, controlled: boolean): Promise<Pick<View, 'rows' | 'total' | 'columns'>> {
  const today = new Date().toISOString().slice(0, 10);
  const rows = await milestoneCoverage(ex, today, (caseId) => {
    const cells = ex.selectFrom('stat_case_fact as f').select(sql<number>`1`.as('one'))
      .where(conditions(actor, q)).where(sql<SqlBool>`f.case_id = ${caseId}`);
    return sql<SqlBool>`EXISTS (${cells})`;
  });
  const none = { value: null, withheld: null };
  return {
    rows: rows.map((r) => {
      const why = protectTable([r.due, r.visited, r.due - r.visited], [{ parts: [1, 2], total: 0 }], [true, false, false]);
      const due = shown(r.due, why[0]!, controlled);
      const visited = shown(r.visited, why[1]!, controlled);
      return { key: String(r.offset), ...due, cells: [{ key: COVERAGE_MEASURES[0], ...due }, { key: COVERAGE_MEASURES[1], ...visited }] };
    }),
    columns: COVERAGE_MEASURES.map((key) => ({ key, ...none })),
    total: none,
  };
}
