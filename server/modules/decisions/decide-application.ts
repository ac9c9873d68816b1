import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { assertEligibility } from './application-gates.js';
import { errors } from './decisions.errors.js';

export interface DecideApplicationInput {
  caseId: string;
  expectedVersion: number;
  outcome: 'approved' | 'rejected';
  reason?: string | null;
}

/** A second person approves (case approved) or rejects with a reason (case ineligible). The submitter cannot. */
export async function decideApplication({ caseId, expectedVersion, outcome, reason: given }: DecideApplicationInput, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'case.approve');
  const reason = given?.trim() || null;
  if (outcome === 'rejected' && !reason) throw errors.APPLICATION_REJECTION_REASON_REQUIRED({ field: 'reason' });
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.read' }, async ({ trx, case: c, now, move }) => {
    const pending = await trx.selectFrom('application').select(['id', 'submitted_by']).where('case_id', '=', caseId).where('outcome', 'is', null).executeTakeFirst();
    if (!pending || !stageAllows('application.decide', c)) throw errors.APPLICATION_NOT_PENDING({ stage: c.stage });
    if (pending.submitted_by === actor.userId) throw errors.APPLICATION_SELF_APPROVAL();
    if (outcome === 'approved') await assertEligibility(trx, caseId, now, true);
    await trx.updateTable('application').set({ outcome, decided_by: actor.userId, decided_at: now, reason }).where('id', '=', pending.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: outcome === 'approved' ? 'application.approved' : 'application.rejected', entityType: 'application', entityId: pending.id, caseId, officeId: c.office_id,
      before: { outcome: null }, after: { outcome, reason },
    });
    await move(outcome === 'approved' ? 'approved' : 'ineligible', 'application', reason ?? undefined);
  });
}
