import type { BookingInput, BookingStatus } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { errors } from './travel.errors.js';
import { Deps, insertBooking, legSummary, lockOpen } from './bookings.repo.js';
import { assertBookable } from './assert-bookable.js';

const REBOOKABLE: BookingStatus[] = ['requested', 'booked', 'ticketed', 'no_show'];

/** A new booking replaces the old one, which becomes rebooked. */
export async function rebook(actor: Actor, caseId: string, bookingId: string, expected: number, input: BookingInput, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, expected);
    if (!REBOOKABLE.includes(b.status as BookingStatus)) {
      throw errors.TRAVEL_BOOKING_STATUS_INVALID({ from: b.status, to: 'rebooked' }, `A ${b.status} booking cannot be rebooked.`);
    }
    if (c.stage !== 'travel_preparation') throw errors.TRAVEL_CASE_STAGE({ stage: c.stage }, 'Rebooking needs the case in travel preparation.');
    await assertBookable(trx, c);
    const now = clock.now();
    await trx.updateTable('travel_booking').set({ status: 'rebooked', version: b.version + 1, updated_at: now }).where('id', '=', bookingId).execute();
    const { booking } = await insertBooking(trx, actor, caseId, input, bookingId, now);
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.rebooked', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { status: b.status }, after: { status: 'rebooked', replacedBy: booking.id, legs: legSummary(input) },
    });
    return { id: booking.id, version: booking.version, replaces: bookingId };
  });
}
