import type { ArrivalInput } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase, readCase } from '../cases/index.js';
import { caseDeparture, dateIn } from '../travel/index.js';
import { today } from './dates.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { requireOriginOffice } from './reception.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * The origin office confirms the returnee's arrival (date, place, who received them): the case
 * moves from departed to arrived. Needs the handover accepted by that office. The date is the local
 * date at the place of arrival (the zone of the journey's last leg, UTC without a journey): not
 * after today there, and not before the departure (409 ARRIVAL_BEFORE_DEPARTURE): the day the
 * first leg left, in that zone, or without a journey on record the day the departure was confirmed.
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
    const departure = await caseDeparture(trx, c.id);
    const zone = departure?.arrivesTimeZone ?? 'UTC';
    if (input.arrivedOn > (departure ? dateIn(now, zone) : today(now))) {
      throw platformErrors.VALIDATION_FAILED({ field: 'arrivedOn' }, 'The date cannot be in the future.');
    }
    // The flight's departure, when the journey is known (a confirmation recorded later, after the
    // flight, does not move it: the returnee may well have landed before someone recorded it);
    // otherwise the day the case moved to departed.
    const earliest = departure ? dateIn(departure.departsAt, zone) : today(c.stage_changed_at);
    if (input.arrivedOn < earliest) {
      throw errors.ARRIVAL_BEFORE_DEPARTURE({
        field: 'arrivedOn', earliest, arrivalTimeZone: zone,
        ...(departure ? {
          departsAt: departure.departsAt.toISOString(), departsLocal: departure.departsLocal.slice(0, 16), departsTimeZone: departure.departsTimeZone,
          departureConfirmedAt: departure.confirmedAt.toISOString(),
        } : { departedAt: c.stage_changed_at.toISOString() }),
      });
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
    // An arrival day a legacy file gave (imported, with no place or receiver) gives way to the confirmation.
    const imported = await trx.selectFrom('arrival').select(['arrived_on', 'legacy_source']).where('case_id', '=', c.id).where('legacy_source', 'is not', null).executeTakeFirst();
    await trx.insertInto('arrival').values(values)
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...values, legacy_source: null }).where('arrival.legacy_source', 'is not', null))
      .execute();
    await move('arrived', 'arrival');
    await audit(trx, auditContextOf(actor), {
      event: 'arrival.confirmed', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.origin_office_id,
      ...(imported ? { before: { arrivedOn: imported.arrived_on, importedFrom: imported.legacy_source } } : {}),
      after: { arrivedOn: input.arrivedOn, place: input.place, receivedByUserId: values.received_by_user_id, receivedByName: name },
    });
  });
  return readCase(db, actor, caseId);
}
