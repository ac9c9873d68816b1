import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase } from '../cases/index.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The returnee withdraws a consent: effective at once, the origin office stops seeing what it covered. */
export async function withdrawConsent({ caseId, consentId }: { caseId: string; consentId: string }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'handover.send');
  await changeCase(ctx, { caseId, permission: 'handover.send' }, async ({ trx, case: c }) => {
    if (actor.officeId !== c.office_id) throw platformErrors.FORBIDDEN(undefined, 'Only the case’s own office records consent to share it.');
    const now = clock.now();
    const row = await trx
      .updateTable('handover_consent')
      .set({ ended_at: now, ended_reason: 'withdrawn', ended_by: actor.userId })
      .where('id', '=', consentId)
      .where('case_id', '=', c.id)
      .where('ended_at', 'is', null)
      .returning(['id', 'purpose'])
      .executeTakeFirst();
    if (!row) throw errors.CONSENT_NOT_FOUND();
    await audit(trx, auditContextOf(actor), {
      event: 'handover.consent.withdrawn', entityType: 'handover_consent', entityId: row.id, caseId: c.id, officeId: c.office_id, details: { purpose: row.purpose },
    });
  });
}
