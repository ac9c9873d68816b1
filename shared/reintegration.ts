/** The kinds of reintegration assistance a plan's component can be. */
export const COMPONENT_TYPES = [
  'cash_allowance', 'temporary_accommodation', 'business_setup', 'vocational_training', 'on_the_job_training', 'job_placement', 'education', 'medical', 'psychosocial', 'housing', 'other',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];
