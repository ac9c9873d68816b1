import type { ArrivalInput } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase, readCase } from '../cases/index.js';
import { checkNotFuture } from './dates.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { requireOriginOffice } from './reception.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * The origin office confirms the returnee's arrival (date, place, who received them): the case
 * moves from departed to arrived. Needs the handover accepted by that office.
 */
export async function confirmArrival({ caseId, expectedVersion: expected, arrival: input }: { caseId: string; expectedVersion: number; arrival: ArrivalInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'reception.manage');
  const name = input.receivedByName?.trim() || null;
  if (!input.receivedByUserId && !name) {
    throw platformErrors.VALIDATION_FAILED({ field: 'receivedByName' }, 'Say who received the returnee: a colleague or a named person.');
  }
  await changeCase(ctx, { caseId, expectedVersion: expected, permission: 'reception.manage' }, async ({ trx, case: c, move }) => {
    if (c.stage !== 'departed') throw errors.ARRIVAL_STAGE_INVALID({ stage: c.stage });
    const accepted = await trx.selectFrom('handover').select(['to_office_id']).where('case_id', '=', c.id).where('status', '=', 'accepted').executeTakeFirst();
    if (!accepted || accepted.to_office_id !== c.origin_office_id) {
      throw errors.HANDOVER_NOT_ACCEPTED();
    }
    requireOriginOffice(actor, c);
    const now = clock.now();
    checkNotFuture(input.arrivedOn, now, 'arrivedOn');
    if (input.arrivedOn < c.stage_changed_at.toISOString().slice(0, 10)) {
      throw platformErrors.VALIDATION_FAILED({ field: 'arrivedOn' }, 'The arrival cannot be before the departure.');
    }
    if (input.receivedByUserId) {
      const u = await trx.selectFrom('app_user').select(['id', 'office_id', 'active']).where('id', '=', input.receivedByUserId).executeTakeFirst();
      if (!u || !u.active || u.office_id !== c.origin_office_id) {
        throw platformErrors.VALIDATION_FAILED({ field: 'receivedByUserId' }, 'The person who received the returnee must be an active user of the origin office, or give a name.');
      }
    }
    const values = {
      case_id: c.id, arrived_on: input.arrivedOn, place: input.place, received_by_user_id: input.receivedByUserId ?? null, received_by_name: name,
      recorded_by: actor.userId, recorded_at: now,
    };
    await trx.insertInto('arrival').values(values).execute();
    await move('arrived', 'arrival');
    await audit(trx, auditContextOf(actor), {
      event: 'arrival.confirmed', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.origin_office_id,
      after: { arrivedOn: input.arrivedOn, place: input.place, receivedByUserId: values.received_by_user_id, receivedByName: name },
    });
  });
  return readCase(db, actor, caseId);
}
