import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { assertDecisionsRecorded, assertEligibility } from './application-gates.js';
import { errors } from './decisions.errors.js';

/** Submits the application: only when every travelling member has a current decision and the case is eligible. */
export async function submitApplication({ caseId, expectedVersion }: { caseId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'application.submit');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.read' }, async ({ trx, case: c, now, move }) => {
    if (!stageAllows('application.submit', c)) throw errors.APPLICATION_STAGE_INVALID({ stage: c.stage });
    await assertDecisionsRecorded(trx, caseId, 'APPLICATION_NEEDS_DECISIONS', 'Record a current decision for every travelling member first');
    await assertEligibility(trx, caseId, now, false);
    const row = await trx.insertInto('application').values({ case_id: caseId, submitted_by: actor.userId, submitted_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'application.submitted', entityType: 'application', entityId: row.id, caseId, officeId: c.office_id, after: { submittedBy: actor.userId } });
    await move('application_submitted', 'application');
  });
}
