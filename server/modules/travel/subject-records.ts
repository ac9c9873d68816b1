import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the travel module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function travelSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  // Bookings of the person's cases the person travels on.
  const bookings = await ex.selectFrom('travel_booking').selectAll().where('case_id', 'in', caseIds)
    .where((eb) => eb.exists(eb.selectFrom('travel_booking_member as m').select('m.person_id').whereRef('m.booking_id', '=', 'travel_booking.id').where('m.person_id', '=', personId)))
    .orderBy('created_at').execute();
  const b = bookings.map((r) => r.id);
  const ofBookings = async <T>(read: (ids: string[]) => Promise<T[]>) => (b.length ? read(b) : []);
  const payments = await ofBookings((ids) => ex.selectFrom('travel_payment').selectAll().where('booking_id', 'in', ids).where('person_id', '=', personId).execute());
  return {
    // Numbers as stored (encrypted); the bundle decrypts them.
    travel_document: await ex.selectFrom('travel_document').selectAll().where('person_id', '=', personId).orderBy('created_at').execute(),
    travel_booking: bookings,
    travel_booking_member: await ofBookings((ids) => ex.selectFrom('travel_booking_member').selectAll().where('booking_id', 'in', ids).where('person_id', '=', personId).execute()),
    travel_leg: await ofBookings((ids) => ex.selectFrom('travel_leg').selectAll().where('booking_id', 'in', ids).orderBy('position').execute()),
    travel_transit: await ofBookings((ids) => ex.selectFrom('travel_transit').selectAll().where('booking_id', 'in', ids).execute()),
    travel_escort: await ofBookings((ids) => ex.selectFrom('travel_escort').selectAll().where('booking_id', 'in', ids).execute()),
    travel_arrangement: await ofBookings((ids) => ex.selectFrom('travel_arrangement').selectAll().where('booking_id', 'in', ids).execute()),
    travel_member_assistance: await ofBookings((ids) => ex.selectFrom('travel_member_assistance').selectAll().where('booking_id', 'in', ids).where('person_id', '=', personId).execute()),
    travel_payment: payments,
    travel_payment_correction: payments.length ? await ex.selectFrom('travel_payment_correction').selectAll().where('payment_id', 'in', payments.map((p) => p.id)).execute() : [],
    travel_departure: await ofBookings((ids) => ex.selectFrom('travel_departure').selectAll().where('booking_id', 'in', ids).where('person_id', '=', personId).execute()),
  };
}
