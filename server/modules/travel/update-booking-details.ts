import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { Deps, assertOpen, lockOpen } from './bookings.repo.js';

/** Changes the booking's details (reference, notes) while it is open. */
export async function updateBookingDetails(actor: Actor, caseId: string, bookingId: string, expected: number, input: { bookingReference?: string; notes?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, expected);
    assertOpen(b);
    const after = await trx.updateTable('travel_booking')
      .set({ booking_reference: input.bookingReference ?? null, notes: input.notes ?? null, version: b.version + 1, updated_at: clock.now() })
      .where('id', '=', bookingId).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.updated', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { bookingReference: b.booking_reference, notes: b.notes }, after: { bookingReference: after.booking_reference, notes: after.notes },
    });
    return { id: after.id, version: after.version };
  });
}
