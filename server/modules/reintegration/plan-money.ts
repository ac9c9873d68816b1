import { entitlementComponentOf, PLAN_ENTITLEMENT_COMPONENTS, type ComponentType } from '../../../shared/reintegration.js';
import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { confirmedEntitlement } from '../eligibility/index.js';
import { commit, convertMinor, rateOn, release } from '../finance/index.js';
import type { ComponentRow } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/** The day a conversion uses: the UTC date of an instant. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Components that count: a cancelled one is planned no more. */
const live = <T extends { status: string }>(components: T[]) => components.filter((x) => x.status !== 'cancelled');

type MoneyComponent = Pick<ComponentRow, 'id' | 'type' | 'amount_minor' | 'currency' | 'status' | 'budget_line_id'>;

/**
 * The plan's money check against the confirmed entitlement: planned amounts per entitlement
 * component (cash allowance -> reintegration cash, medical -> medical, every other kind -> in-kind)
 * and for the household (all three together), converted exactly into the entitlement's currency
 * at the rate in force on `day`. With `strict`, a missing rate is the finance error (409
 * EXCHANGE_RATE_MISSING); otherwise the component is listed in `unconverted`.
 * Without a confirmed eligible entitlement the check says 'none' and is never within it.
 */
export async function entitlementCheck(ex: Executor, caseId: string, versionId: string, components: MoneyComponent[], day: string, strict = false) {
  const entitlement = await confirmedEntitlement(ex, caseId);
  const counted = live(components);
  const noBudgetLine = counted.filter((x) => !x.budget_line_id).map((x) => ({ componentId: x.id, type: x.type as ComponentType }));
  if (!entitlement) {
    return { versionId, entitlement: 'none' as const, currency: null, components: [], household: null, unconverted: [], withinEntitlement: false, noBudgetLine };
  }
  const planned = new Map<string, number>();
  const unconverted: { componentId: string; currency: string }[] = [];
  for (const x of counted) {
    let amount: number;
    try {
      amount = x.currency === entitlement.currency ? x.amount_minor : convertMinor(x.amount_minor, x.currency, entitlement.currency, (await rateOn(ex, x.currency, entitlement.currency, day)).rate);
    } catch (e) {
      if (!strict && e instanceof AppError && e.code === 'EXCHANGE_RATE_MISSING') { unconverted.push({ componentId: x.id, currency: x.currency }); continue; }
      throw e;
    }
    const key = entitlementComponentOf(x.type as ComponentType);
    planned.set(key, (planned.get(key) ?? 0) + amount);
  }
  const lines = PLAN_ENTITLEMENT_COMPONENTS
    .filter((component) => planned.has(component) || entitlement.perComponent.has(component))
    .map((component) => {
      const entitledMinor = entitlement.perComponent.get(component) ?? 0;
      const plannedMinor = planned.get(component) ?? 0;
      return { component, entitledMinor, plannedMinor, over: plannedMinor > entitledMinor };
    });
  const householdEntitled = PLAN_ENTITLEMENT_COMPONENTS.reduce((sum, k) => sum + (entitlement.perComponent.get(k) ?? 0), 0);
  const householdPlanned = [...planned.values()].reduce((a, b) => a + b, 0);
  const household = { entitledMinor: householdEntitled, plannedMinor: householdPlanned, over: householdPlanned > householdEntitled };
  return {
    versionId, entitlement: 'confirmed' as const, currency: entitlement.currency, components: lines, household, unconverted,
    withinEntitlement: unconverted.length === 0 && !household.over && lines.every((l) => !l.over),
    noBudgetLine,
  };
}
export type EntitlementCheck = Awaited<ReturnType<typeof entitlementCheck>>;

/** The check of the case's draft on a day (null without a draft). */
export async function draftCheck(ex: Executor, caseId: string, day: string) {
  const draft = await ex.selectFrom('reintegration_plan_version').select('id').where('case_id', '=', caseId).where('status', '=', 'draft').executeTakeFirst();
  if (!draft) return null;
  const components = await ex.selectFrom('reintegration_component').selectAll().where('version_id', '=', draft.id).execute();
  return entitlementCheck(ex, caseId, draft.id, components, day);
}

/**
 * Refuses an approval past the entitlement (409 PLAN_OVER_ENTITLEMENT with the figures) or
 * without one (409 PLAN_NO_ENTITLEMENT) unless a holder of reintegration.override gives a reason
 * (403 PLAN_OVERRIDE_FORBIDDEN for a reason without the permission). Answers the reason kept.
 */
export function assertWithinEntitlement(actor: Actor, check: EntitlementCheck, reason: string | null): string | null {
  if (check.withinEntitlement) return null;
  if (!reason) {
    if (check.entitlement === 'none') throw errors.PLAN_NO_ENTITLEMENT();
    throw errors.PLAN_OVER_ENTITLEMENT({
      currency: check.currency,
      over: [
        ...check.components.filter((l) => l.over).map((l) => ({ component: l.component, entitledMinor: l.entitledMinor, plannedMinor: l.plannedMinor })),
        ...(check.household?.over ? [{ component: 'household', entitledMinor: check.household.entitledMinor, plannedMinor: check.household.plannedMinor }] : []),
      ],
    });
  }
  if (!can(actor, 'reintegration.override')) throw errors.PLAN_OVERRIDE_FORBIDDEN();
  return reason;
}

/** What the approvals committed, net of releases, per component key and budget line, with the component amount last served. */
export async function commitmentsOf(ex: Executor, caseId: string) {
  const rows = await ex.selectFrom('reintegration_commitment').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').orderBy('id').execute();
  const net = new Map<string, { componentKey: string; budgetLineId: string; amountMinor: number; currency: string; componentAmountMinor: number; componentCurrency: string }>();
  for (const r of rows) {
    const k = `${r.component_key}|${r.budget_line_id}`;
    const was = net.get(k) ?? { componentKey: r.component_key, budgetLineId: r.budget_line_id, amountMinor: 0, currency: r.currency, componentAmountMinor: 0, componentCurrency: r.component_currency };
    was.amountMinor += (r.kind === 'commitment' ? 1 : -1) * Number(r.amount_minor);
    was.componentAmountMinor = Number(r.component_amount_minor);
    was.componentCurrency = r.component_currency;
    net.set(k, was);
  }
  return [...net.values()];
}

/**
 * What was disbursed (less reversals) out of a budget line for a component: ledger entries of the
 * case whose reference starts with the component's key (payments write `<key> disbursement <id>`).
 */
async function disbursedFor(ex: Executor, caseId: string, budgetLineId: string, componentKey: string) {
  const rows = await ex.selectFrom('budget_entry').select(['kind', 'amount_minor'])
    .where('case_id', '=', caseId).where('budget_line_id', '=', budgetLineId).where('reference', 'like', `${componentKey} %`)
    .where('kind', 'in', ['disbursement', 'reversal']).execute();
  return rows.reduce((sum, r) => sum + (r.kind === 'disbursement' ? 1 : -1) * Number(r.amount_minor), 0);
}

type Target = Pick<ComponentRow, 'component_key' | 'budget_line_id' | 'amount_minor' | 'currency' | 'status'>;

/**
 * Brings the ledger in line with a version being approved (or a component cancelled): each
 * component's planned amount is committed to its budget line, converted exactly into the line's
 * currency at the rate in force on `day`; a component whose amount, currency and line are those
 * already committed keeps its commitment (the rate once used is never recomputed); otherwise only
 * the difference is committed (more) or released (less, never below what was disbursed). A
 * cancelled or removed component, or one moved to another line, releases what is committed and
 * not disbursed. Runs in the caller's transaction (`ctx.db`); finance's refusals come back as they
 * are (409 BUDGET_OVERCOMMITTED unless `budgetOverrideReason` from a holder of finance.override).
 */
export async function syncCommitments(
  ctx: UseCaseContext,
  { caseId, versionId, components, day, budgetOverrideReason, onlyKey }: { caseId: string; versionId: string; components: Target[]; day: string; budgetOverrideReason?: string | null; onlyKey?: string },
) {
  const ex = ctx.db;
  const existing = (await commitmentsOf(ex, caseId)).filter((c) => !onlyKey || c.componentKey === onlyKey);
  const record = async (kind: 'commitment' | 'release', line: string, key: string, amountMinor: number, currency: string, from: { amount: number; currency: string }, rate: string | null, entryId: string) => {
    await ex.insertInto('reintegration_commitment').values({
      case_id: caseId, version_id: versionId, component_key: key, budget_line_id: line, budget_entry_id: entryId, kind, amount_minor: amountMinor, currency,
      component_amount_minor: from.amount, component_currency: from.currency, rate, rate_day: day,
    }).execute();
  };
  const releaseDown = async (c: (typeof existing)[number], keepMinor: number) => {
    const disbursed = await disbursedFor(ex, caseId, c.budgetLineId, c.componentKey);
    const amount = c.amountMinor - Math.max(keepMinor, disbursed);
    if (amount <= 0) return;
    const entry = await release({ budgetLineId: c.budgetLineId, amountMinor: amount, currency: c.currency, caseId, reference: c.componentKey }, ctx);
    await record('release', c.budgetLineId, c.componentKey, amount, c.currency, { amount: c.componentAmountMinor, currency: c.componentCurrency }, null, entry.id);
  };
  const wanted = components.filter((x) => x.status !== 'cancelled' && x.budget_line_id && (!onlyKey || x.component_key === onlyKey));
  // Releases first, so that what a component gives back may serve another on the same line.
  for (const c of existing) {
    if (c.amountMinor <= 0) continue;
    const target = wanted.find((x) => x.component_key === c.componentKey && x.budget_line_id === c.budgetLineId);
    if (!target) await releaseDown(c, 0);
  }
  for (const x of wanted) {
    const line = x.budget_line_id!;
    const was = existing.find((c) => c.componentKey === x.component_key && c.budgetLineId === line);
    if (was && was.amountMinor > 0 && was.componentAmountMinor === x.amount_minor && was.componentCurrency === x.currency) continue;
    const lineRow = await ex.selectFrom('budget_line').select('currency').where('id', '=', line).executeTakeFirstOrThrow();
    const { rate } = await rateOn(ex, x.currency, lineRow.currency, day);
    const target = convertMinor(x.amount_minor, x.currency, lineRow.currency, rate);
    const current = was?.amountMinor ?? 0;
    const from = { amount: x.amount_minor, currency: x.currency };
    if (target > current) {
      const amount = target - current;
      const entry = await commit({ budgetLineId: line, amountMinor: amount, currency: lineRow.currency, caseId, reference: x.component_key, overrideReason: budgetOverrideReason ?? null }, ctx);
      await record('commitment', line, x.component_key, amount, lineRow.currency, from, rate, entry.id);
    } else if (target < current && was) {
      await releaseDown({ ...was, componentAmountMinor: x.amount_minor, componentCurrency: x.currency }, target);
    }
  }
}
