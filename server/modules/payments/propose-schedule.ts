import type { ConditionKind } from '../../../shared/schemas/payments.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { approvedComponent, findPaymentCase, isUnsafe } from './payments.repo.js';

/** Share of the first of two tranches, in percent. */
export const FIRST_TRANCHE_PERCENT = 60n;

const DAY_MS = 86_400_000;
/** The day halfway between two days (rounded down), both 'YYYY-MM-DD'. */
export function halfway(from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / DAY_MS / 2) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The default schedule of a component: two tranches (60 % due when the component starts, the rest
 * halfway through it, after the receipts of the first), in integer minor units; ONE tranche of the
 * whole amount when the case is unsafe to revisit. A business set-up's first tranche waits for the
 * business plan's approval. What is already released is left out: the rest is one tranche.
 */
export async function proposeSchedule({ caseId, componentId }: { caseId: string; componentId: string }, ctx: UseCaseContext) {
  await findPaymentCase(ctx.db, ctx.actor, caseId);
  const component = await approvedComponent(ctx.db, caseId, componentId);
  const unsafe = await isUnsafe(ctx.db, caseId);
  const released = await ctx.db.selectFrom('payment_tranche').select(['amount_minor']).where('case_id', '=', caseId)
    .where('component_key', '=', component.component_key).where('released_at', 'is not', null).execute();
  const total = BigInt(component.amount_minor) - released.reduce((s, t) => s + BigInt(t.amount_minor), 0n);
  const first: ConditionKind[] = component.type === 'business_setup' ? ['business_plan_approved'] : [];
  const tranche = (amount: bigint, dueOn: string, kinds: ConditionKind[]) => ({
    amountMinor: Number(amount), currency: component.currency, dueOn, conditions: kinds.map((kind) => ({ kind })),
  });
  let tranches: ReturnType<typeof tranche>[];
  if (total <= 0n) tranches = [];
  else if (unsafe || released.length > 0 || total < 2n) tranches = [tranche(total, component.starts_on, released.length ? ['receipts_previous_tranche'] : first)];
  else {
    const a = (total * FIRST_TRANCHE_PERCENT) / 100n;
    tranches = [tranche(a, component.starts_on, first), tranche(total - a, halfway(component.starts_on, component.ends_on), ['receipts_previous_tranche'])];
  }
  return { componentId: component.id, unsafeArea: unsafe, tranches };
}
