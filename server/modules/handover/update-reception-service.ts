import type { ReceptionServicePatch } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase } from '../cases/index.js';
import { errors } from './handover.errors.js';
import { checkCost, presentService, requireAdmissionDate, requireOriginOffice, serviceQuery } from './reception.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function updateReceptionService({ caseId, serviceId, expectedVersion: expected, patch: input }: { caseId: string; serviceId: string; expectedVersion: number; patch: ReceptionServicePatch }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'reception.manage');
  return changeCase(ctx, { caseId, permission: 'reception.manage' }, async ({ trx, case: c }) => {
    requireOriginOffice(actor, c);
    requireAdmissionDate(c);
    const s = await serviceQuery(trx).where('s.id', '=', serviceId).where('s.case_id', '=', c.id).forUpdate('s').executeTakeFirst();
    if (!s) throw errors.RECEPTION_SERVICE_NOT_FOUND();
    if (s.version !== expected) throw staleVersion();
    const cost = input.costMinor === undefined ? s.cost_minor : input.costMinor;
    const currency = input.currency === undefined ? s.currency : input.currency;
    checkCost(cost, currency);
    const after = { status: input.status ?? s.status, costMinor: cost, currency, note: input.note === undefined ? s.note : input.note || null };
    await trx
      .updateTable('reception_service')
      .set({ status: after.status as 'planned', cost_minor: cost, currency, note: after.note, version: s.version + 1, updated_at: clock.now() })
      .where('id', '=', s.id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'reception.service.updated', entityType: 'reception_service', entityId: s.id, caseId: c.id, officeId: c.origin_office_id,
      before: { status: s.status, costMinor: s.cost_minor, currency: s.currency, note: s.note }, after,
    });
    return presentService(await serviceQuery(trx).where('s.id', '=', s.id).executeTakeFirstOrThrow());
  });
}
