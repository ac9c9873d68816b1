import type { z } from 'zod';
import type { departureBody } from '../../../shared/schemas/travel.js';
import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, findCase } from '../cases/index.js';
import { journeyTimes } from './departure-time.js';
import { findBooking } from './travel.repo.js';
import { errors } from './travel.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/**
 * Confirms, per travelling member of a ticketed booking, that they departed or did not show up.
 * A no-show sets the booking to no_show (the case stays in travel preparation; rebook); when every
 * member of the booking has departed it reads departed. When every travelling member of the case
 * has departed, the case moves to departed: withdrawal ends there.
 *
 * Neither is recorded before the first leg's departure time (local time in its zone, against the
 * server clock): 409 TRAVEL_DEPARTURE_BEFORE_FLIGHT, unless the actor holds
 * `travel.departure.override` for the case and gives a reason (400
 * TRAVEL_DEPARTURE_OVERRIDE_REASON_REQUIRED without; 403 TRAVEL_DEPARTURE_OVERRIDE_FORBIDDEN for a
 * reason without the permission). The reason is kept with each member's record and in the audit event.
 */
export async function confirmDeparture(
  actor: Actor, caseId: string, bookingId: string, expected: number, input: z.input<typeof departureBody>, { db, clock }: { db: Db; clock: Clock },
) {
  requirePermission(actor, 'travel.manage');
  return changeCase({ actor, db, clock }, { caseId, permission: 'travel.manage' }, async ({ trx, case: c, move }) => {
    const b = await findBooking(trx, caseId, bookingId, true);
    if (b.version !== expected) throw staleVersion();
    if (b.status !== 'ticketed') {
      throw errors.TRAVEL_DEPARTURE_NOT_TICKETED({ status: b.status });
    }
    if (c.stage !== 'travel_preparation') throw errors.TRAVEL_CASE_STAGE({ stage: c.stage }, 'The case is not in travel preparation.');
    const members = await trx
      .selectFrom('travel_booking_member as bm')
      .leftJoin('travel_departure as d', (j) => j.onRef('d.booking_id', '=', 'bm.booking_id').onRef('d.person_id', '=', 'bm.person_id'))
      .select(['bm.person_id', 'd.outcome'])
      .where('bm.booking_id', '=', bookingId)
      .execute();
    if (new Set(input.members.map((m) => m.personId)).size !== input.members.length) {
      throw platformErrors.VALIDATION_FAILED({ field: 'members' }, 'A member is listed twice.');
    }
    for (const [i, m] of input.members.entries()) {
      const on = members.find((x) => x.person_id === m.personId);
      if (!on) throw errors.TRAVEL_MEMBER_NOT_ON_BOOKING({ field: `members.${i}.personId` });
      if (on.outcome) throw errors.TRAVEL_DEPARTURE_ALREADY_CONFIRMED({ personId: m.personId });
    }
    const now = clock.now();
    const journey = await journeyTimes(trx, bookingId);
    const early = !!journey && now < journey.departsAt;
    const given = input.overrideReason?.trim() || undefined;
    const reason = early ? given ?? null : null;
    if (early) {
      const scheduled = {
        departsAt: journey.departsAt.toISOString(), departsLocal: journey.departsLocal.slice(0, 16), departsTimeZone: journey.departsTimeZone,
        carrier: journey.carrier, flight: journey.flight,
      };
      const mayOverride = can(actor, 'travel.departure.override') && await findCase(trx, actor, caseId, 'travel.departure.override').then(() => true, () => false);
      if (!mayOverride) {
        if (given) throw errors.TRAVEL_DEPARTURE_OVERRIDE_FORBIDDEN({ ...scheduled, permission: 'travel.departure.override' });
        throw errors.TRAVEL_DEPARTURE_BEFORE_FLIGHT({ ...scheduled, canOverride: false });
      }
      if (!reason) throw errors.TRAVEL_DEPARTURE_OVERRIDE_REASON_REQUIRED({ field: 'overrideReason', ...scheduled, canOverride: true });
    }
    await trx
      .insertInto('travel_departure')
      .values(input.members.map((m) => ({
        booking_id: bookingId, person_id: m.personId, outcome: m.outcome, confirmed_by: actor.userId, confirmed_at: now, override_reason: reason,
      })))
      .execute();
    const noShow = input.members.some((m) => m.outcome === 'no_show');
    // Every member of this booking now departed (on this confirmation or an earlier one)?
    const allDeparted = !noShow && members.every((x) => x.outcome === 'departed' || input.members.some((m) => m.personId === x.person_id));
    const after = await trx
      .updateTable('travel_booking')
      .set({ status: noShow ? 'no_show' : allDeparted ? 'departed' : b.status, version: b.version + 1, updated_at: now })
      .where('id', '=', bookingId)
      .returning(['id', 'version', 'status'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.departure.confirmed', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { status: b.status },
      after: {
        status: after.status, members: input.members, scheduledDeparture: journey?.departsAt.toISOString() ?? null, overridden: early,
        ...(early ? { overrideReason: reason } : {}),
      },
    });
    // Every travelling member of the household has departed (on this or an earlier booking)?
    const waiting = await trx
      .selectFrom('case_member as m')
      .select('m.person_id')
      .where('m.case_id', '=', caseId)
      .where('m.travelling', '=', true)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('travel_departure as d').innerJoin('travel_booking as tb', 'tb.id', 'd.booking_id')
          .select('d.person_id').whereRef('d.person_id', '=', 'm.person_id').where('tb.case_id', '=', caseId).where('d.outcome', '=', 'departed'))),
      )
      .execute();
    const departed = waiting.length === 0;
    if (departed) await move('departed', 'departure');
    return { id: after.id, version: after.version, status: after.status, caseDeparted: departed, overridden: early };
  });
}
