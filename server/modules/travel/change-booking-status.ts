import type { BookingStatus } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { errors } from './travel.errors.js';
import { Deps, lockOpen } from './bookings.repo.js';

/** The moves of the booking status machine made by a plain status change; departed and no-show come from the departure, rebooked from a rebooking. */
const STATUS_MOVES: Record<BookingStatus, BookingStatus[]> = {
  requested: ['booked', 'cancelled'],
  booked: ['ticketed', 'cancelled'],
  ticketed: ['cancelled'],
  departed: [],
  cancelled: [],
  no_show: ['cancelled'],
  rebooked: [],
};

/** requested → booked → ticketed, or cancelled; no-show is recorded by the departure, rebooked by a rebooking. */
export async function changeBookingStatus(actor: Actor, caseId: string, bookingId: string, expected: number, input: { to: BookingStatus; bookingReference?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, expected);
    const from = b.status as BookingStatus;
    if (input.to === 'no_show' || input.to === 'departed') throw errors.TRAVEL_BOOKING_NEEDS_ACTION({ from, to: input.to, action: 'departure' });
    if (input.to === 'rebooked') throw errors.TRAVEL_BOOKING_NEEDS_ACTION({ from, to: input.to, action: 'rebook' }, 'Rebook the journey to replace this booking.');
    if (!STATUS_MOVES[from].includes(input.to)) {
      throw errors.TRAVEL_BOOKING_STATUS_INVALID({ from, to: input.to }, `A ${from} booking cannot become ${input.to}.`);
    }
    if (input.to !== 'cancelled' && c.stage !== 'travel_preparation') {
      throw errors.TRAVEL_CASE_STAGE({ stage: c.stage }, 'The case is no longer in travel preparation: the booking can only be cancelled.');
    }
    if (input.to === 'booked' && !input.bookingReference && !b.booking_reference) {
      throw errors.TRAVEL_BOOKING_REFERENCE_REQUIRED({ field: 'bookingReference' });
    }
    const after = await trx
      .updateTable('travel_booking')
      .set({ status: input.to, booking_reference: input.bookingReference ?? b.booking_reference, version: b.version + 1, updated_at: clock.now() })
      .where('id', '=', bookingId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.status.changed', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { status: from, bookingReference: b.booking_reference }, after: { status: after.status, bookingReference: after.booking_reference },
    });
    return { id: after.id, version: after.version };
  });
}
