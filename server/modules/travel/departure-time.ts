import type { Executor } from '../../platform/db.js';
import { localToInstant } from './local-time.js';

/** When a booking's journey leaves and arrives: its first leg's departure and its last leg's arrival, local and as instants. */
export async function journeyTimes(ex: Executor, bookingId: string) {
  const legs = await ex
    .selectFrom('travel_leg')
    .select(['position', 'carrier', 'flight_or_route', 'from_code', 'to_code', 'to_kind', 'departs_local', 'departs_time_zone', 'arrives_local', 'arrives_time_zone'])
    .where('booking_id', '=', bookingId)
    .orderBy('position')
    .execute();
  const first = legs[0];
  const last = legs[legs.length - 1];
  if (!first || !last) return null;
  return {
    carrier: first.carrier,
    flight: first.flight_or_route,
    fromCode: first.from_code,
    toCode: last.to_code,
    toKind: last.to_kind,
    departsLocal: first.departs_local,
    departsTimeZone: first.departs_time_zone,
    departsAt: localToInstant(first.departs_local, first.departs_time_zone),
    arrivesLocal: last.arrives_local,
    arrivesTimeZone: last.arrives_time_zone,
    arrivesAt: localToInstant(last.arrives_local, last.arrives_time_zone),
  };
}
export type JourneyTimes = NonNullable<Awaited<ReturnType<typeof journeyTimes>>>;

/** The calendar date ('YYYY-MM-DD') of an instant in an IANA time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The journey on which the case's returnees left: the booking with the latest departure
 * confirmation, its times, and when that confirmation was recorded. Null when nobody of the case
 * was confirmed departed (a case moved to departed some other way, before this rule).
 */
export async function caseDeparture(ex: Executor, caseId: string) {
  const last = await ex
    .selectFrom('travel_departure as d')
    .innerJoin('travel_booking as b', 'b.id', 'd.booking_id')
    .select(['d.booking_id', 'd.confirmed_at'])
    .where('b.case_id', '=', caseId)
    .where('d.outcome', '=', 'departed')
    .orderBy('d.confirmed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return null;
  const journey = await journeyTimes(ex, last.booking_id);
  if (!journey) return null;
  return { bookingId: last.booking_id, confirmedAt: new Date(last.confirmed_at), ...journey };
}
export type CaseDeparture = NonNullable<Awaited<ReturnType<typeof caseDeparture>>>;
