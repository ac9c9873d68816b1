import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase } from '../cases/index.js';
import { errors } from './eligibility.errors.js';
import { checkColumns, latestCheck, outdatedness } from './checks.repo.js';
import { caseEligibility } from './case-eligibility.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Confirms the latest check; a final outcome other than the computed one is an override and needs a reason. */
export async function confirmCheck({ caseId, checkId, confirmation: input }: { caseId: string; checkId: string; confirmation: { finalOutcome: 'eligible' | 'ineligible'; overrideReason?: string } }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'eligibility.confirm');
  // An outdated check is marked as such (committed), then the confirmation is refused.
  const outcome = await changeCase(ctx, { caseId, permission: 'eligibility.confirm' }, async ({ trx, case: c }) => {
    const row = await checkColumns(trx).where('e.id', '=', checkId).where('e.case_id', '=', caseId).executeTakeFirst();
    if (!row) throw errors.ELIGIBILITY_CHECK_NOT_FOUND();
    const latest = await latestCheck(trx, caseId);
    if (latest?.id !== row.id) throw errors.ELIGIBILITY_CHECK_SUPERSEDED();
    if (row.confirmed_at) throw errors.ELIGIBILITY_CHECK_CONFIRMED();
    const now = clock.now();
    const { outdated } = await outdatedness(trx, row, now);
    if (outdated) {
      if (!row.outdated_at) await audit(trx, auditContextOf(actor), { event: 'eligibility.outdated', entityType: 'eligibility_check', entityId: row.id, caseId, officeId: c.office_id });
      return 'outdated' as const;
    }
    const override = input.finalOutcome !== row.outcome;
    const reason = input.overrideReason?.trim() || null;
    if (override && !reason) throw errors.ELIGIBILITY_OVERRIDE_REASON_REQUIRED({ field: 'overrideReason' });
    await trx
      .updateTable('eligibility_check')
      .set({ confirmed_by: actor.userId, confirmed_at: now, final_outcome: input.finalOutcome, override_reason: override ? reason : null })
      .where('id', '=', checkId)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: override ? 'eligibility.overridden' : 'eligibility.confirmed', entityType: 'eligibility_check', entityId: checkId, caseId, officeId: c.office_id,
      before: { outcome: row.outcome }, after: { finalOutcome: input.finalOutcome, overrideReason: override ? reason : null },
    });
    return 'confirmed' as const;
  });
  if (outcome === 'outdated') throw errors.ELIGIBILITY_CHECK_OUTDATED();
  return caseEligibility({ caseId }, ctx);
}
