import { ApiError } from './api';

/**
 * The case-page tab where a refusal is put right, with the catalogue id of its label (the tabs are
 * the case page's own and those the capabilities add: `?tab=<key>` opens one).
 */
export const FIX_TABS = {
  household: 'case.tab.household',
  stage: 'case.tab.stage',
  attachments: 'case.tab.attachments',
  counselling: 'counselling.tab',
  decision: 'decisions.tab',
  eligibility: 'eligibility.tab',
  protection: 'protection.tab',
  travel: 'travel.tab',
  handover: 'handover.tab',
} as const;

export type FixTab = keyof typeof FIX_TABS;

/** Codes whose remedy is on one tab of the case, whatever the details say. */
const FIX_BY_CODE: Record<string, FixTab> = {
  APPLICATION_ELIGIBILITY_OUTDATED: 'eligibility',
  APPLICATION_ELIGIBILITY_UNCONFIRMED: 'eligibility',
  APPLICATION_NEEDS_ELIGIBILITY: 'eligibility',
  APPLICATION_NOT_ELIGIBLE: 'eligibility',
  ELIGIBILITY_NO_PROJECT: 'eligibility',
  APPLICATION_NEEDS_DECISIONS: 'decision',
  TRAVEL_NEEDS_DECISIONS: 'decision',
  TRAVEL_MEMBER_NOT_TRAVELLING: 'decision',
  TRAVEL_NO_TRAVELLERS: 'decision',
  TRAVEL_CASE_STAGE: 'decision',
  HANDOVER_STAGE_INVALID: 'decision',
  DECISION_CASE_NOT_OPEN: 'stage',
  DECISION_NEEDS_COUNSELLING: 'stage',
  WITHDRAWAL_STAGE_INVALID: 'stage',
  DECISION_DECLARATION_NOT_FOUND: 'attachments',
  ADMISSION_DATE_REQUIRED: 'handover',
  CASE_BEFORE_ADMISSION: 'handover',
  HANDOVER_ALREADY_OPEN: 'handover',
  HANDOVER_NOT_ACCEPTED: 'handover',
  ARRIVAL_STAGE_INVALID: 'travel',
  TRAVEL_DEPARTURE_NOT_TICKETED: 'travel',
  VULNERABILITY_EXISTS: 'protection',
};

/** A move made by an action (`CASE_TRANSITION_NEEDS_ACTION`, `details.action`) is made on its tab. */
const FIX_BY_ACTION: Record<string, FixTab> = {
  decision: 'decision',
  application: 'decision',
  withdrawal: 'decision',
  departure: 'travel',
  arrival: 'handover',
};

/** The tab of the case that puts this refusal right, if one does. */
export function fixTab(error: unknown): FixTab | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'CASE_TRANSITION_NEEDS_ACTION') {
    const action = error.details?.action;
    return typeof action === 'string' ? FIX_BY_ACTION[action] : undefined;
  }
  return FIX_BY_CODE[error.code];
}
