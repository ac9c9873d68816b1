/** Closed lists of the counselling capability, shared by the server and the web app. */
export const SESSION_MODES = ['office', 'phone', 'video', 'outreach'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What a counselling session covered. */
export const COUNSELLING_TOPICS = [
  'return_process', 'voluntariness', 'travel', 'documents', 'reintegration', 'health', 'family', 'housing', 'employment', 'education',
  'security', 'legal_status', 'other',
] as const;
export type CounsellingTopic = (typeof COUNSELLING_TOPICS)[number];

/** Topics of the country-of-origin information library. */
export const COI_TOPICS = ['health', 'education', 'labour_market', 'housing', 'security', 'public_services', 'reintegration_options'] as const;
export type CoiTopic = (typeof COI_TOPICS)[number];

export const DEFAULT_STALE_AFTER_MONTHS = 12;

/** Whether information dated `informationDate` (YYYY-MM-DD) is older than the set age at `now`. */
export function isStale(informationDate: string, staleAfterMonths: number, now: Date): boolean {
  const limit = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - staleAfterMonths, now.getUTCDate()));
  return informationDate < limit.toISOString().slice(0, 10);
}
