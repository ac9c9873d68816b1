import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { caseAudience } from './cases.policy.js';
import { sharedWithOrigin, type OriginSharing } from './origin-sharing.js';

/**
 * The field groups of a case that not every reader of it may see. Every answer about a case (the
 * case view and list, notes, attachments, counselling sessions, protection, eligibility facts, the
 * handover package, audit values) asks this one policy, and leaves out (absent, not null) the
 * fields of a group the actor may not see.
 */
export interface CaseFieldPolicy {
  /** Who the actor reads the case as (`caseAudience`). */
  audience: 'host' | 'origin';
  /**
   * The asylum history: the legal status (also in eligibility facts) and the details of
   * vulnerabilities other than medical ones. The host office; the origin office with consent.
   */
  legalStatus: boolean;
  /**
   * Health information: details of medical vulnerabilities, notes of their measures, medical
   * certificates among the attachments. The host office; the origin office with consent.
   */
  healthInformation: boolean;
  /** Health and fit-to-travel records: `case.health`, and health information shared. */
  healthRecords: boolean;
  /**
   * Sensitive case notes and counselling notes: `case.note.sensitive`; for the origin office, the
   * returnee's consent to share counselling notes, read by holders of `case.note.sensitive` or of
   * `handover.receive` (the staff who received the package keep reading what it showed them).
   */
  sensitiveNotes: boolean;
}

/** Pure: the groups an actor sees from their rights, their audience and (origin office) the consent to share. */
export function fieldPolicy(actor: Actor, audience: 'host' | 'origin', sharing: OriginSharing | null): CaseFieldPolicy {
  const shared = (consent: keyof OriginSharing) => audience === 'host' || (sharing?.[consent] ?? false);
  return {
    audience,
    legalStatus: shared('asylumHistory'),
    healthInformation: shared('healthInformation'),
    healthRecords: can(actor, 'case.health') && shared('healthInformation'),
    sensitiveNotes: shared('counsellingNotes') && (can(actor, 'case.note.sensitive') || (audience === 'origin' && can(actor, 'handover.receive'))),
  };
}

/**
 * The field policy for a case the actor has found (`findCase`): the consent is read only when the
 * actor reads the case as its origin office.
 */
export async function caseFieldPolicy(ex: Executor, actor: Actor, c: { id: string; office_id: string; origin_office_id: string | null }): Promise<CaseFieldPolicy> {
  const audience = caseAudience(actor, c);
  return fieldPolicy(actor, audience, audience === 'host' ? null : await sharedWithOrigin(ex, c.id));
}

/** Which consent a vulnerability's details need (`detailsConsent` in shared/protection.ts), as a field group. */
export const vulnerabilityDetailsVisible = (policy: CaseFieldPolicy, consent: 'healthInformation' | 'asylumHistory'): boolean =>
  consent === 'healthInformation' ? policy.healthInformation : policy.legalStatus;
