/** The closed lists of counselling (the server's shared/counselling.ts holds the same). */
export const SESSION_MODES = ['office', 'phone', 'video', 'outreach'] as const;
export const COUNSELLING_TOPICS = [
  'return_process', 'voluntariness', 'travel', 'documents', 'reintegration', 'health', 'family', 'housing', 'employment', 'education',
  'security', 'legal_status', 'other',
] as const;
export const COI_TOPICS = ['health', 'education', 'labour_market', 'housing', 'security', 'public_services', 'reintegration_options'] as const;
