import type { Executor } from '../../platform/db.js';

/**
 * The components of a case's approved plan, for the payments module: tranches and payments follow
 * a component by its key (the same in every version of the plan); its id, status, amount and
 * currency are the approved version's.
 */
export function approvedComponents(ex: Executor, caseId: string) {
  return ex
    .selectFrom('reintegration_component as rc')
    .innerJoin('reintegration_plan_version as v', 'v.id', 'rc.version_id')
    .select([
      'rc.id', 'rc.component_key', 'rc.case_id', 'rc.position', 'rc.type', 'rc.status', 'rc.amount_minor', 'rc.currency', 'rc.starts_on', 'rc.ends_on',
      'rc.provider_id', 'rc.budget_line_id', 'rc.business_plan_attachment_id',
    ])
    .where('v.case_id', '=', caseId)
    .where('v.status', '=', 'approved')
    .orderBy('rc.position')
    .execute();
}
export type ApprovedComponent = Awaited<ReturnType<typeof approvedComponents>>[number];
