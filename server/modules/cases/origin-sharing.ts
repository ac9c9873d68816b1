import type { Executor } from '../../platform/db.js';

/**
 * Consent to share with the origin office (recorded by the handover capability in
 * `handover_consent`): what the case view, notes, counselling sessions and health records let the
 * origin office read.
 */
export interface OriginSharing {
  asylumHistory: boolean;
  counsellingNotes: boolean;
  healthInformation: boolean;
}

/**
 * What the returnee consented to share with the origin office: the current consent for the
 * purpose of each handover waiting for an answer or accepted (any purpose consenting suffices).
 * Nothing is shared when there is no such handover or no consent.
 */
export async function sharedWithOrigin(ex: Executor, caseId: string): Promise<OriginSharing> {
  const rows = await ex
    .selectFrom('handover_consent as k')
    .innerJoin('handover as h', (j) => j.onRef('h.case_id', '=', 'k.case_id').onRef('h.purpose', '=', 'k.purpose'))
    .select(['k.asylum_history', 'k.counselling_notes', 'k.health_information'])
    .where('k.case_id', '=', caseId)
    .where('k.ended_at', 'is', null)
    .where('h.status', 'in', ['pending', 'accepted'])
    .execute();
  return {
    asylumHistory: rows.some((r) => r.asylum_history),
    counsellingNotes: rows.some((r) => r.counselling_notes),
    healthInformation: rows.some((r) => r.health_information),
  };
}

