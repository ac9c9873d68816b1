import type { ConsentInput } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { changeCase } from '../cases/index.js';
import { insertConsent } from './consent.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The host office records (or renews) the returnee's consent for a purpose. */
export async function recordConsent({ caseId, consent: input }: { caseId: string; consent: ConsentInput }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'handover.send');
  return changeCase(ctx, { caseId, permission: 'handover.send' }, async ({ trx, case: c }) => {
    if (actor.officeId !== c.office_id) throw platformErrors.FORBIDDEN(undefined, 'Only the case’s own office records consent to share it.');
    return { id: await insertConsent(trx, actor, c, input, clock.now()) };
  });
}
