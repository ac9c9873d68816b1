import type { ReceptionServiceInput } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase } from '../cases/index.js';
import { checkCost, presentService, requireAdmissionDate, requireOriginOffice, serviceQuery } from './reception.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Records a reception service with its status and cost (in minor units of an ISO 4217 currency). */
export async function addReceptionService({ caseId, service: input }: { caseId: string; service: ReceptionServiceInput }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'reception.manage');
  const cost = input.costMinor ?? null;
  const currency = input.currency ?? null;
  checkCost(cost, currency);
  return changeCase(ctx, { caseId, permission: 'reception.manage' }, async ({ trx, case: c }) => {
    requireOriginOffice(actor, c);
    requireAdmissionDate(c);
    const now = clock.now();
    const row = await trx
      .insertInto('reception_service')
      .values({ case_id: c.id, service: input.service, status: input.status, cost_minor: cost, currency, note: input.note || null, recorded_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'reception.service.added', entityType: 'reception_service', entityId: row.id, caseId: c.id, officeId: c.origin_office_id,
      after: { service: input.service, status: input.status, costMinor: cost, currency, note: input.note ?? null },
    });
    return presentService(await serviceQuery(trx).where('s.id', '=', row.id).executeTakeFirstOrThrow());
  });
}
