import type { UnsafeAreaInput } from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { casePayments } from './payments.present.js';

/** Flags a case's place of return as unsafe to revisit (with the reason), or clears the flag; audited either way. */
export async function setUnsafeArea({ caseId, change }: { caseId: string; change: UnsafeAreaInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  return changeCase(ctx, { caseId, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    const before = await trx.selectFrom('case_unsafe_area').select(['reason']).where('case_id', '=', c.id).executeTakeFirst();
    if (change.unsafe) {
      const reason = change.reason!;
      await trx.insertInto('case_unsafe_area').values({ case_id: c.id, reason, set_by: actor.userId, set_at: now })
        .onConflict((oc) => oc.column('case_id').doUpdateSet({ reason, set_by: actor.userId, set_at: now })).execute();
      await audit(trx, auditContextOf(actor), {
        event: 'case.unsafe_area.set', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
        before: before ? { reason: before.reason } : null, after: { reason },
      });
    } else if (before) {
      await trx.deleteFrom('case_unsafe_area').where('case_id', '=', c.id).execute();
      await audit(trx, auditContextOf(actor), {
        event: 'case.unsafe_area.cleared', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id, before: { reason: before.reason }, after: null,
      });
    }
    return casePayments(trx, c.id);
  });
}
