import type { Executor } from '../../platform/db.js';

/**
 * Whether the returnee consented, at handover, to the monitoring purpose: a current (not
 * withdrawn) consent recorded for the purpose `monitoring`, on a case handed over (a handover
 * waiting for an answer or accepted, whatever its purpose). The host office that counselled the returnee reads the monitoring outcome only then.
 */
export async function monitoringFeedbackConsented(ex: Executor, caseId: string): Promise<boolean> {
  const row = await ex
    .selectFrom('handover_consent as k')
    .innerJoin('handover as h', 'h.case_id', 'k.case_id')
    .select('k.id')
    .where('k.case_id', '=', caseId)
    .where('k.purpose', '=', 'monitoring')
    .where('k.ended_at', 'is', null)
    .where('h.status', 'in', ['pending', 'accepted'])
    .executeTakeFirst();
  return row !== undefined;
}
