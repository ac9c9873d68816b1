import type { z } from 'zod';
import type { departureBody } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase } from '../cases/index.js';
import { findBooking } from './travel.repo.js';
import { errors } from './travel.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/**
 * Confirms, per travelling member of a ticketed booking, that they departed or did not show up.
 * A no-show sets the booking to no_show (the case stays in travel preparation; rebook). When every
 * travelling member of the case has departed, the case moves to departed: withdrawal ends there.
 */
export async function confirmDeparture(
  actor: Actor, caseId: string, bookingId: string, expected: number, input: z.infer<typeof departureBody>, { db, clock }: { db: Db; clock: Clock },
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
    await trx
      .insertInto('travel_departure')
      .values(input.members.map((m) => ({ booking_id: bookingId, person_id: m.personId, outcome: m.outcome, confirmed_by: actor.userId, confirmed_at: now })))
      .execute();
    const noShow = input.members.some((m) => m.outcome === 'no_show');
    const after = await trx
      .updateTable('travel_booking')
      .set({ status: noShow ? 'no_show' : b.status, version: b.version + 1, updated_at: now })
      .where('id', '=', bookingId)
      .returning(['id', 'version', 'status'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.departure.confirmed', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { status: b.status }, after: { status: after.status, members: input.members },
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
    return { id: after.id, version: after.version, status: after.status, caseDeparted: departed };
  });
}
