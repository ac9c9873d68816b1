import type { Executor, Tx } from '../../platform/db.js';
import { eligibilityStatus } from '../eligibility/index.js';
import { errors } from './decisions.errors.js';
import { travellersWithoutDecision } from './travellers.js';

/**
 * The project's eligibility, checked on submission and again on approval: a current check (not
 * outdated by a change of the case's facts) whose outcome is eligible; the approval also needs it
 * confirmed by a person with the right (eligibility.confirm).
 */
export async function assertEligibility(trx: Tx, caseId: string, now: Date, mustBeConfirmed: boolean) {
  const e = await eligibilityStatus(trx, caseId, now);
  if (e.status === 'none') throw errors.APPLICATION_NEEDS_ELIGIBILITY({ eligibility: e.status });
  if (e.status === 'outdated') throw errors.APPLICATION_ELIGIBILITY_OUTDATED({ eligibility: e.status, checkId: e.checkId });
  if (e.outcome !== 'eligible') throw errors.APPLICATION_NOT_ELIGIBLE({ eligibility: e.status, checkId: e.checkId });
  if (mustBeConfirmed && e.status !== 'confirmed') throw errors.APPLICATION_ELIGIBILITY_UNCONFIRMED({ eligibility: e.status, checkId: e.checkId });
}

/** Every travelling member has a current decision, or the code's 409 lists those without. */
export async function assertDecisionsRecorded(ex: Executor, caseId: string, code: 'APPLICATION_NEEDS_DECISIONS' | 'TRAVEL_NEEDS_DECISIONS', lead: string) {
  const missing = await travellersWithoutDecision(ex, caseId);
  if (missing.length) throw errors[code]({ members: missing }, `${lead}: ${missing.map((m) => m.name).join(', ')}.`);
}

/** The gate of travel bookings: throws 409 TRAVEL_NEEDS_DECISIONS listing members without a current decision. */
export async function assertCanBookTravel(ex: Executor, caseId: string): Promise<void> {
  await assertDecisionsRecorded(ex, caseId, 'TRAVEL_NEEDS_DECISIONS', 'Travel cannot be booked before every travelling member has a current decision');
}
