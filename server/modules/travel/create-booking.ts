import type { BookingInput } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase, findCase } from '../cases/index.js';
import { Deps, insertBooking, legSummary } from './bookings.repo.js';
import { assertBookable } from './assert-bookable.js';

/** Books travel for the travelling members; an approved case moves to travel preparation. */
export async function createBooking(actor: Actor, caseId: string, input: BookingInput, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  await assertBookable(db, await findCase(db, actor, caseId, 'travel.manage'));
  return changeCase({ actor, db, clock }, { caseId, permission: 'travel.manage' }, async ({ trx, case: c, move }) => {
    await assertBookable(trx, c);
    const now = clock.now();
    const { booking, members } = await insertBooking(trx, actor, caseId, input, null, now);
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.created', entityType: 'travel_booking', entityId: booking.id, caseId, officeId: c.office_id,
      after: { status: booking.status, travelDate: booking.travel_date, bookingReference: booking.booking_reference, members: members.length, legs: legSummary(input) },
    });
    if (c.stage === 'approved') await move('travel_preparation', 'departure');
    return { id: booking.id, version: booking.version };
  });
}
