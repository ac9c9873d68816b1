import { HANDOVER_FROM_STAGES, type SendHandoverInput } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase } from '../cases/index.js';
import { insertConsent } from './consent.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { handoverQuery, receivingOfficers } from './handovers.js';
import { presentHandover } from './handovers.present.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * The host office hands the case to the origin office in the country of return, for a stated
 * purpose, with the returnee's consent to share recorded for that purpose. Allowed once the case
 * is approved: during travel preparation or after departure.
 */
export async function sendHandover({ caseId, handover: input }: { caseId: string; handover: SendHandoverInput }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'handover.send');
  return changeCase(ctx, { caseId, permission: 'handover.send' }, async ({ trx, case: c }) => {
    if (actor.officeId !== c.office_id) throw platformErrors.FORBIDDEN(undefined, 'Only the case’s own office hands it over.');
    if (c.kind !== 'voluntary_return') throw errors.HANDOVER_NOT_APPLICABLE();
    if (!(HANDOVER_FROM_STAGES as readonly string[]).includes(c.stage)) {
      throw errors.HANDOVER_STAGE_INVALID({ stage: c.stage, allowed: HANDOVER_FROM_STAGES });
    }
    const office = await trx.selectFrom('office').select(['id', 'kind', 'country_code']).where('id', '=', input.toOfficeId).executeTakeFirst();
    if (!office) throw platformErrors.OFFICE_NOT_FOUND({ field: 'toOfficeId' });
    if (office.kind !== 'origin') throw errors.HANDOVER_OFFICE_INVALID({ field: 'toOfficeId' });
    if (office.country_code !== c.country_of_return) {
      throw errors.HANDOVER_OFFICE_INVALID({ field: 'toOfficeId' }, 'The office is not in the case’s country of return.');
    }
    // A restricted case goes to a named officer of the receiving office, who may receive handovers.
    if (c.restricted && !input.receivingOfficerId) {
      throw errors.HANDOVER_RECEIVER_REQUIRED({ field: 'receivingOfficerId' });
    }
    if (input.receivingOfficerId && !(await receivingOfficers(trx, office.id)).some((u) => u.id === input.receivingOfficerId)) {
      throw errors.HANDOVER_RECEIVER_INVALID({ field: 'receivingOfficerId' });
    }
    const open = await trx.selectFrom('handover').select(['id', 'status']).where('case_id', '=', c.id).where('status', 'in', ['pending', 'accepted']).executeTakeFirst();
    if (open) throw errors.HANDOVER_ALREADY_OPEN({ handoverId: open.id, status: open.status }, open.status === 'pending' ? 'A handover of this case is waiting for an answer.' : 'The case has already been handed over.');
    const now = clock.now();
    await insertConsent(trx, actor, c, { ...input.consent, purpose: input.purpose }, now);
    const row = await trx
      .insertInto('handover')
      .values({
        case_id: c.id, from_office_id: c.office_id, to_office_id: office.id, purpose: input.purpose, from_stage: c.stage,
        note: input.note || null, receiving_officer_id: input.receivingOfficerId ?? null, sent_by: actor.userId, sent_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'handover.sent', entityType: 'handover', entityId: row.id, caseId: c.id, officeId: c.office_id,
      after: { toOfficeId: office.id, purpose: input.purpose, fromStage: c.stage, note: input.note ?? null, receivingOfficerId: input.receivingOfficerId ?? null },
    });
    return presentHandover(await handoverQuery(trx).where('h.id', '=', row.id).executeTakeFirstOrThrow());
  });
}
