import type { Executor } from '../../platform/db.js';

/**
 * The case's confirmed entitlement as amounts: the latest confirmed check, when its outcome is
 * eligible, with the total per entitlement component (all members) and the household total, in
 * the check's currency (the project's). Null when no check is confirmed or the returnee is not
 * eligible. The reintegration plan's approval is checked against it.
 */
export async function confirmedEntitlement(ex: Executor, caseId: string) {
  const check = await ex.selectFrom('eligibility_check')
    .select(['id', 'final_outcome', 'outcome', 'currency', 'household_total_minor', 'confirmed_at'])
    .where('case_id', '=', caseId).where('confirmed_at', 'is not', null)
    .orderBy('confirmed_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!check || (check.final_outcome ?? check.outcome) !== 'eligible') return null;
  const amounts = await ex.selectFrom('eligibility_check_amount').select(['component', 'amount_minor']).where('check_id', '=', check.id).execute();
  const perComponent = new Map<string, number>();
  for (const a of amounts) perComponent.set(a.component, (perComponent.get(a.component) ?? 0) + Number(a.amount_minor));
  return { checkId: check.id, currency: check.currency, householdTotalMinor: Number(check.household_total_minor), perComponent };
}
export type ConfirmedEntitlement = NonNullable<Awaited<ReturnType<typeof confirmedEntitlement>>>;
