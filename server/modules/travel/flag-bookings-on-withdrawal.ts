import type { Tx } from '../../platform/db.js';
import { OPEN_BOOKING_STATUSES } from './travel.repo.js';

/**
 * A withdrawn case's open bookings are flagged for cancellation (the travel team cancels them with
 * the carrier), in the withdrawal's transaction. Registered with the decisions module's
 * `onCaseWithdrawn` by the composition; answers the flagged ids for the withdrawal's audit event.
 */
export async function flagBookingsOnWithdrawal(trx: Tx, caseId: string, now: Date): Promise<{ flaggedBookings: string[] }> {
  const flagged = await trx
    .updateTable('travel_booking')
    .set({ cancellation_flagged_at: now, updated_at: now })
    .where('case_id', '=', caseId)
    .where('status', 'in', [...OPEN_BOOKING_STATUSES])
    .where('cancellation_flagged_at', 'is', null)
    .returning('id')
    .execute();
  return { flaggedBookings: flagged.map((b) => b.id) };
}
