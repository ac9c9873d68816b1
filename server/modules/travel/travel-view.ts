import { can, type Actor } from '../../platform/actor.js';
import type { Db, Executor } from '../../platform/db.js';
import { findCase } from '../cases/index.js';
import { localToInstant } from './local-time.js';
import { escortLabel, isOpenBooking, loadBookings, maskNumber, travellingMembers, type LoadedBooking } from './travel.repo.js';

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

export function presentBooking(b: LoadedBooking) {
  const { booking } = b;
  return {
    id: booking.id,
    version: booking.version,
    status: booking.status,
    bookingReference: booking.booking_reference,
    travelDate: booking.travel_date,
    replacesBookingId: booking.replaces_booking_id,
    notes: booking.notes,
    /** The case was withdrawn while this booking was open: someone must cancel it. */
    toCancel: booking.cancellation_flagged_at !== null && isOpenBooking(booking.status),
    createdBy: booking.created_by_name,
    createdAt: iso(booking.created_at),
    legs: b.legs.map((l) => ({
      id: l.id, position: l.position, carrier: l.carrier, flightOrRoute: l.flight_or_route,
      fromCode: l.from_code, fromKind: l.from_kind, toCode: l.to_code, toKind: l.to_kind,
      departsLocal: l.departs_local, departsTimeZone: l.departs_time_zone, arrivesLocal: l.arrives_local, arrivesTimeZone: l.arrives_time_zone,
      departsAt: localToInstant(l.departs_local, l.departs_time_zone).toISOString(), arrivesAt: localToInstant(l.arrives_local, l.arrives_time_zone).toISOString(),
    })),
    members: b.members.map((m) => ({
      personId: m.person_id, givenName: m.given_name, familyName: m.family_name, specialAssistance: m.needs,
      departure: m.outcome ? { outcome: m.outcome, confirmedAt: iso(m.confirmed_at), overrideReason: m.override_reason ?? null } : null,
    })),
    transits: b.transits.map((t) => ({
      id: t.id, version: t.version, airportCode: t.airport_code, assistanceStatus: t.assistance_status, assistanceReference: t.assistance_reference, notes: t.notes,
    })),
    escorts: b.escorts.map((e) => ({
      id: e.id, kind: e.kind, userId: e.user_id, name: e.name, organisation: e.organisation, label: escortLabel(e), legPositions: e.leg_positions,
    })),
    arrangements: b.arrangements.map((a) => ({ id: a.id, kind: a.kind, provider: a.provider, details: a.details, startsAt: iso(a.starts_at), endsAt: iso(a.ends_at) })),
    payments: b.payments.map((p) => ({
      id: p.id, kind: p.kind, amountMinor: Number(p.amount_minor), currency: p.currency, personId: p.person_id,
      recipient: p.given_name ? `${p.given_name} ${p.family_name}` : null, receiptAttachmentId: p.receipt_attachment_id,
      receiptFileName: p.receipt_file_name, paidBy: p.paid_by_name, paidAt: iso(p.paid_at),
    })),
  };
}

/** Documents of a case, numbers masked, each flagged when it expires before the travel date of its holder's open booking. */
export async function loadDocuments(ex: Executor, caseId: string, bookings: LoadedBooking[]) {
  const docs = await ex
    .selectFrom('travel_document as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .selectAll('d')
    .select(['p.given_name', 'p.family_name'])
    .where('d.case_id', '=', caseId)
    .orderBy('d.created_at')
    .execute();
  return docs.map((d) => {
    const open = bookings.find((b) => isOpenBooking(b.booking.status) && b.members.some((m) => m.person_id === d.person_id));
    const expiresBeforeTravel = !!open && !!d.expires_on && ['issued', 'requested', 'to_request'].includes(d.status) && d.expires_on < open.booking.travel_date;
    return {
      id: d.id,
      version: d.version,
      personId: d.person_id,
      holder: `${d.given_name} ${d.family_name}`,
      type: d.type,
      maskedNumber: maskNumber(d.number_last),
      issuingAuthority: d.issuing_authority,
      issuingCountry: d.issuing_country,
      requestedOn: d.requested_on,
      issuedOn: d.issued_on,
      expiresOn: d.expires_on,
      status: d.status,
      notes: d.notes,
      expiresBeforeTravel,
      travelDate: open?.booking.travel_date ?? null,
    };
  });
}

/** The travel tab of a case: documents (masked), bookings with everything attached, flags, what the actor may do. */
export async function travelView(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const loaded = await loadBookings(db, caseId);
  const documents = await loadDocuments(db, caseId, loaded);
  const members = await travellingMembers(db, caseId);
  const bookings = loaded.map(presentBooking);
  return {
    caseId,
    stage: c.stage,
    canManage: can(actor, 'travel.manage'),
    canBook: ['approved', 'travel_preparation'].includes(c.stage),
    members: members.map((m) => ({ personId: m.personId, givenName: m.givenName, familyName: m.familyName, travelling: m.travelling })),
    documents,
    bookings,
    flags: {
      documentsExpiringBeforeTravel: documents.filter((d) => d.expiresBeforeTravel).map((d) => d.id),
      bookingsToCancel: bookings.filter((b) => b.toCancel).map((b) => b.id),
    },
  };
}
