/** The kinds of reintegration assistance a plan's component can be. */
export const COMPONENT_TYPES = [
  'cash_allowance', 'temporary_accommodation', 'business_setup', 'vocational_training', 'on_the_job_training', 'job_placement', 'education', 'medical', 'psychosocial', 'housing', 'other',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

/**
 * Which entitlement component of the eligibility rules (`ENTITLEMENT_COMPONENTS`) pays for a plan
 * component: the cash allowance is reintegration cash, medical care is medical, every other kind is
 * in-kind reintegration support.
 */
export function entitlementComponentOf(type: ComponentType): 'reintegration_cash' | 'medical' | 'reintegration_in_kind' {
  if (type === 'cash_allowance') return 'reintegration_cash';
  if (type === 'medical') return 'medical';
  return 'reintegration_in_kind';
}
/** The entitlement components a plan is checked against, in display order. */
export const PLAN_ENTITLEMENT_COMPONENTS = ['reintegration_cash', 'reintegration_in_kind', 'medical'] as const;
