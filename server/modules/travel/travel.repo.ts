import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { errors } from './travel.errors.js';

export const OPEN_BOOKING_STATUSES = ['requested', 'booked', 'ticketed'] as const;
export const isOpenBooking = (status: string) => (OPEN_BOOKING_STATUSES as readonly string[]).includes(status);

/** A travel document number as lists show it: the last three characters only. */
export const maskNumber = (last: string | null) => (last ? `••••${last}` : null);
export const lastCharacters = (plain: string) => plain.slice(-3);

export const bookingNotFound = () => errors.TRAVEL_BOOKING_NOT_FOUND();

/** One booking of the case (404 when it belongs to another case). */
export async function findBooking(ex: Executor, caseId: string, bookingId: string, lock = false) {
  let q = ex.selectFrom('travel_booking').selectAll().where('id', '=', bookingId).where('case_id', '=', caseId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw bookingNotFound();
  return row;
}
export type BookingRow = Awaited<ReturnType<typeof findBooking>>;

export async function loadLegs(ex: Executor, bookingIds: string[]) {
  if (!bookingIds.length) return [];
  return ex.selectFrom('travel_leg').selectAll().where('booking_id', 'in', bookingIds).orderBy('booking_id').orderBy('position').execute();
}

/** The members of the case who travel, in household order. */
export async function travellingMembers(ex: Executor, caseId: string) {
  return ex
    .selectFrom('case_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id as personId', 'p.given_name as givenName', 'p.family_name as familyName', 'm.travelling', 'm.position'])
    .where('m.case_id', '=', caseId)
    .orderBy('m.position')
    .execute();
}

/** Everything about a case's bookings: legs, members with departure outcomes, transits, escorts, arrangements, payments. */
export async function loadBookings(ex: Executor, caseId: string) {
  const bookings = await ex
    .selectFrom('travel_booking as b')
    .innerJoin('app_user as u', 'u.id', 'b.created_by')
    .selectAll('b')
    .select('u.name as created_by_name')
    .where('b.case_id', '=', caseId)
    .orderBy('b.created_at', 'desc')
    .orderBy(sql`b.id`)
    .execute();
  const ids = bookings.map((b) => b.id);
  if (!ids.length) return [];
  const [legs, members, transits, escorts, arrangements, payments] = await Promise.all([
    loadLegs(ex, ids),
    ex
      .selectFrom('travel_booking_member as bm')
      .innerJoin('person as p', 'p.id', 'bm.person_id')
      .leftJoin('travel_member_assistance as a', (j) => j.onRef('a.booking_id', '=', 'bm.booking_id').onRef('a.person_id', '=', 'bm.person_id'))
      .leftJoin('travel_departure as d', (j) => j.onRef('d.booking_id', '=', 'bm.booking_id').onRef('d.person_id', '=', 'bm.person_id'))
      .select(['bm.booking_id', 'bm.person_id', 'p.given_name', 'p.family_name', 'a.needs', 'd.outcome', 'd.confirmed_at', 'd.override_reason'])
      .where('bm.booking_id', 'in', ids)
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .execute(),
    ex.selectFrom('travel_transit').selectAll().where('booking_id', 'in', ids).orderBy('created_at').execute(),
    ex
      .selectFrom('travel_escort as e')
      .leftJoin('app_user as u', 'u.id', 'e.user_id')
      .selectAll('e')
      .select('u.name as user_name')
      .where('e.booking_id', 'in', ids)
      .orderBy('e.created_at')
      .orderBy('e.kind')
      .execute(),
    ex.selectFrom('travel_arrangement').selectAll().where('booking_id', 'in', ids).orderBy('starts_at').execute(),
    ex
      .selectFrom('travel_payment as p')
      .innerJoin('app_user as u', 'u.id', 'p.paid_by')
      .leftJoin('person as r', 'r.id', 'p.person_id')
      .leftJoin('case_attachment as att', 'att.id', 'p.receipt_attachment_id')
      .selectAll('p')
      .select(['u.name as paid_by_name', 'r.given_name', 'r.family_name', 'att.file_name as receipt_file_name'])
      .where('p.booking_id', 'in', ids)
      .orderBy('p.paid_at')
      .execute(),
  ]);
  return bookings.map((b) => ({
    booking: b,
    legs: legs.filter((l) => l.booking_id === b.id),
    members: members.filter((m) => m.booking_id === b.id),
    transits: transits.filter((t) => t.booking_id === b.id),
    escorts: escorts.filter((e) => e.booking_id === b.id),
    arrangements: arrangements.filter((a) => a.booking_id === b.id),
    payments: payments.filter((p) => p.booking_id === b.id),
  }));
}
export type LoadedBooking = Awaited<ReturnType<typeof loadBookings>>[number];

export const escortLabel = (e: { name: string | null; organisation: string | null; user_name?: string | null }) =>
  [e.user_name ?? e.name, e.organisation].filter(Boolean).join(', ');
