import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { exponentOf } from '../../../shared/money.js';
import { COMPONENT_TYPES } from '../../../shared/reintegration.js';
import { COST_BUCKETS, COST_MEDIAN_KEY, MONEY_MEASURES, NONE_KEY, VULNERABLE_ANY_KEY, type StatFigure, type statFigureView, type statQuery } from '../../../shared/schemas/statistics.js';
import { isSuppressed, protectList, protectTable } from '../../../shared/suppression.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { budgetLine } from '../finance/index.js';
import { loadProject } from '../eligibility/index.js';
import { conditions, shown, tableFor } from './figures.js';

type Query = z.output<typeof statQuery>;
type View = z.input<typeof statFigureView>;
type Answer = Pick<View, 'rows' | 'total' | 'columns' | 'labels'>;

const NO_TOTAL = { value: null, withheld: null };

/** The money cells of one grain in the viewer's scope and filters (sex and age band: the principal's), summed per group, measure and currency. */
async function moneyCells(ex: Executor, actor: Actor, q: Query, grain: string) {
  const rows = await ex.selectFrom('stat_money_fact as f')
    .where(conditions(actor, q))
    .where('f.grain', '=', grain)
    .select(['f.group_key', 'f.measure', 'f.currency'])
    .select([
      sql<string>`sum(f.amount_minor)::text`.as('amount'),
      sql<number>`sum(f.cases)::int`.as('cases'),
      sql<number>`sum(f.returnees)::int`.as('returnees'),
    ])
    .groupBy(['f.group_key', 'f.measure', 'f.currency'])
    .having(sql<SqlBool>`sum(f.cases) <> 0 OR sum(f.amount_minor) <> 0`)
    .execute();
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * Cases with an approved reintegration plan by component type: a row per type (cases with at
 * least one such component not cancelled), `any` (cases with an approved plan); the total is the
 * cases counted with the same filters (households of the returnees' cells: sex and age band are
 * the principal's). Protected like the vulnerability figure: the types as if they added up to
 * `any`, `any` and the cases without a plan as adding up to the total.
 */
async function componentsFigure(ex: Executor, actor: Actor, q: Query, controlled: boolean): Promise<Answer> {
  const keys: ('year' | 'host_country' | 'origin_country' | 'project_id' | 'sex' | 'age_band')[] = ['year'];
  if (q.hostCountry) keys.push('host_country');
  if (q.originCountry || q.originRegion) keys.push('origin_country');
  if (q.projectId || q.donor) keys.push('project_id');
  if (q.sex) keys.push('sex');
  if (q.ageBand) keys.push('age_band');
  const table = tableFor(keys);
  const [cells, totals] = await Promise.all([
    moneyCells(ex, actor, q, 'component_type'),
    ex.selectFrom(`${table} as f` as 'stat_return_fact as f').where(conditions(actor, q)).select(sql<number>`coalesce(sum(f.households), 0)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const count = (k: string) => cells.filter((c) => c.group_key === k).reduce((s, c) => s + c.cases, 0);
  const types = [...COMPONENT_TYPES];
  const values = types.map(count);
  const any = count(VULNERABLE_ANY_KEY);
  const total = totals.n;
  const K = types.length;
  const why = protectTable(
    [...values, any, total - any, total],
    [{ parts: types.map((_, i) => i), total: K }, { parts: [K, K + 1], total: K + 2 }],
    [...types.map(() => false), true, false, true],
  );
  return {
    rows: [...types, VULNERABLE_ANY_KEY].map((key, i) => ({ key, ...shown(i < K ? values[i]! : any, why[i]!, controlled) })),
    columns: null,
    total: shown(total, why[K + 2]!, controlled),
  };
}

/**
 * Amounts planned, committed and disbursed per project, donor or budget line: a cell per measure
 * and currency (`planned:EUR`), the columns' totals per measure and currency; no row or grand total
 * (currencies are never added). For a viewer under disclosure control, an amount linked to 1-4
 * returnees is withheld (`small`), then others in its column (`complement`) so that none follows
 * from the column's total; a total is withheld as small when every amount of its column is linked
 * to fewer than 5 returnees (a case may count under two rows, so their returnees are not added).
 */
async function amountsFigure(ex: Executor, actor: Actor, q: Query, grain: 'project' | 'donor' | 'budget_line', controlled: boolean): Promise<Answer> {
  const cells = (await moneyCells(ex, actor, q, grain)).filter((c) => c.amount !== 0);
  const groups = [...new Set(cells.map((c) => c.group_key))];
  const labels: Record<string, string> = {};
  if (grain === 'budget_line') {
    for (const id of groups) if (id !== NONE_KEY) { const l = await budgetLine(ex, id); if (l) labels[id] = `${l.code} ${l.name}`; }
  } else if (grain === 'project') {
    for (const id of groups) if (id !== NONE_KEY) { const p = await loadProject(ex, id); if (p) labels[id] = `${p.code} ${p.name}`; }
  }
  const name = (k: string) => labels[k] ?? k;
  groups.sort((a, b) => Number(a === NONE_KEY) - Number(b === NONE_KEY) || name(a).localeCompare(name(b)));
  const currencies = [...new Set(cells.map((c) => c.currency))].sort();
  const columnKeys = MONEY_MEASURES.flatMap((m) => currencies.filter((cur) => cells.some((c) => c.measure === m && c.currency === cur)).map((cur) => `${m}:${cur}`));
  const at = (g: string, col: string) => cells.find((c) => c.group_key === g && `${c.measure}:${c.currency}` === col);
  const protectedColumns = columnKeys.map((col) => {
    const amounts = groups.map((g) => at(g, col)?.amount ?? 0);
    const returnees = groups.map((g) => at(g, col)?.returnees ?? 0);
    const total = amounts.reduce((s, n) => s + n, 0);
    const small = [...returnees.map(isSuppressed), returnees.every((n) => n < 5) && total !== 0];
    const why = protectTable([...amounts, total], [{ parts: amounts.map((_, i) => i), total: amounts.length }], [...amounts.map(() => false), true], small);
    return { amounts, total, why };
  });
  return {
    rows: groups.map((key, i) => ({
      key, ...NO_TOTAL,
      cells: columnKeys.map((col, j) => ({ key: col, ...shown(protectedColumns[j]!.amounts[i]!, protectedColumns[j]!.why[i]!, controlled) })),
    })),
    columns: columnKeys.map((key, j) => ({ key, ...shown(protectedColumns[j]!.total, protectedColumns[j]!.why[groups.length]!, controlled) })),
    total: NO_TOTAL,
    labels,
  };
}

/** The bucket of a cost (minor units): the largest lower bound of `COST_BUCKETS` (major units) it reaches. */
export function costBucket(amountMinor: number, currency: string): number {
  const unit = 10 ** (exponentOf(currency) ?? 2);
  let b: number = COST_BUCKETS[0];
  for (const x of COST_BUCKETS) if (amountMinor >= x * unit) b = x;
  return b;
}

/**
 * What a case cost (travel, reception and reintegration payments, `case_cost_item`), per currency:
 * a row per currency (its value the cases), the median (the lower median of the costs rounded to
 * three significant digits) and the cases per bucket of `COST_BUCKETS`. Under disclosure control
 * the buckets are protected as a list with the row's cases as total, and the median is withheld
 * when fewer than 5 cases are counted.
 */
async function costFigure(ex: Executor, actor: Actor, q: Query, controlled: boolean): Promise<Answer> {
  const cells = await moneyCells(ex, actor, q, 'cost');
  const currencies = [...new Set(cells.filter((c) => c.cases > 0).map((c) => c.currency))].sort();
  const rows = currencies.map((currency) => {
    const values = cells.filter((c) => c.currency === currency && c.cases > 0).map((c) => ({ v: Number(c.group_key), n: c.cases })).sort((a, b) => a.v - b.v);
    const n = values.reduce((s, x) => s + x.n, 0);
    let seen = 0;
    let median = 0;
    for (const x of values) { seen += x.n; if (seen >= Math.ceil(n / 2)) { median = x.v; break; } }
    const counts = COST_BUCKETS.map((b) => values.filter((x) => costBucket(x.v, currency) === b).reduce((s, x) => s + x.n, 0));
    const p = protectList(counts);
    return {
      key: currency,
      ...shown(n, p.total, controlled),
      cells: [
        { key: COST_MEDIAN_KEY, ...shown(median, n < 5 ? 'small' : p.total, controlled) },
        ...COST_BUCKETS.map((b, i) => ({ key: String(b), ...shown(counts[i]!, p.cells[i]!, controlled) })),
      ],
    };
  });
  return { rows, columns: null, total: NO_TOTAL };
}

/** One of the reintegration figures (migration 0042). */
export async function moneyFigure(ex: Executor, actor: Actor, figure: StatFigure, q: Query, controlled: boolean): Promise<Answer> {
  switch (figure) {
    case 'reintegration-components': return componentsFigure(ex, actor, q, controlled);
    case 'money-projects': return amountsFigure(ex, actor, q, 'project', controlled);
    case 'money-donors': return amountsFigure(ex, actor, q, 'donor', controlled);
    case 'money-budget-lines': return amountsFigure(ex, actor, q, 'budget_line', controlled);
    default: return costFigure(ex, actor, q, controlled);
  }
}
