import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { findCase } from '../cases/index.js';
import { documentName, renderPdf, type PdfSection } from './travel-pdf.js';
import { escortLabel, loadBookings } from './travel.repo.js';
import { errors } from './travel.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

const legLine = (l: { carrier: string; flight_or_route: string; from_code: string; to_code: string; departs_local: string; departs_time_zone: string; arrives_local: string; arrives_time_zone: string }) =>
  `${l.carrier} ${l.flight_or_route}: ${l.from_code} ${l.departs_local.slice(0, 16).replace('T', ' ')} (${l.departs_time_zone}) - ${l.to_code} ${l.arrives_local.slice(0, 16).replace('T', ' ')} (${l.arrives_time_zone})`;

async function load(db: Db, actor: Actor, caseId: string, bookingId: string) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const b = (await loadBookings(db, caseId)).find((x) => x.booking.id === bookingId);
  if (!b) throw errors.TRAVEL_BOOKING_NOT_FOUND();
  const people = await db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'birth_date', 'nationality'])
    .where('id', 'in', b.members.map((m) => m.person_id))
    .execute();
  const office = await db.selectFrom('office').select(['name', 'country_code']).where('id', '=', c.office_id).executeTakeFirstOrThrow();
  return { c, b, people, office };
}

/** The itinerary letter of a booking, for the travellers: journey, transit, escort, transfer. Audited. */
export async function itineraryPdf(actor: Actor, caseId: string, bookingId: string, { db, clock }: Deps) {
  requirePermission(actor, 'case.read');
  const { c, b, people, office } = await load(db, actor, caseId, bookingId);
  const now = clock.now();
  const sections: PdfSection[] = [
    {
      heading: 'Travellers',
      table: {
        columns: [{ title: 'Name', width: 3 }, { title: 'Date of birth', width: 1 }, { title: 'Nationality', width: 1 }],
        rows: people.map((p) => [documentName(p.family_name, p.given_name), p.birth_date ?? '', p.nationality ?? '']),
      },
    },
    {
      heading: 'Journey',
      lines: [
        ['Booking reference', b.booking.booking_reference ?? 'to be confirmed'],
        ['Travel date', b.booking.travel_date],
        ...b.legs.map((l) => [`Leg ${l.position}`, legLine(l)] as [string, string]),
      ],
      paragraphs: ['All times are local times at the airport or border crossing concerned.'],
    },
  ];
  if (b.transits.length) {
    sections.push({ heading: 'Transit', lines: b.transits.map((t) => [t.airport_code, t.assistance_status === 'confirmed' ? 'Transit assistance confirmed' : t.assistance_status === 'requested' ? 'Transit assistance requested' : 'Change of flight'] as [string, string]) });
  }
  if (b.escorts.length) {
    sections.push({ heading: 'Accompanied by', lines: b.escorts.map((e) => [e.kind === 'medical' ? 'Medical escort' : 'Escort', `${escortLabel(e)} (legs ${e.leg_positions.join(', ')})`] as [string, string]) });
  }
  if (b.arrangements.length) {
    sections.push({
      heading: 'Before departure',
      lines: b.arrangements.map((a) => [a.kind === 'transfer' ? 'Transfer to the airport' : 'Accommodation', `${a.provider}, ${new Date(a.starts_at).toISOString().slice(0, 16).replace('T', ' ')} UTC${a.details ? ` - ${a.details}` : ''}`] as [string, string]),
    });
  }
  sections.push({ paragraphs: [`Issued by ${office.name} on ${now.toISOString().slice(0, 10)}. Please keep this letter with your travel documents.`] });
  const pdf = await renderPdf({ title: 'Travel itinerary', subtitle: `File ${c.case_number}`, sections, footer: `Homeward - ${office.name}` });
  await audit(db, auditContextOf(actor), { event: 'travel.itinerary.downloaded', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id });
  return { pdf, fileName: `itinerary-${c.case_number}.pdf` };
}

/** The request for assistance at a transit airport, for the airport or partner there. Audited. */
export async function transitRequestPdf(actor: Actor, caseId: string, transitId: string, { db, clock }: Deps) {
  requirePermission(actor, 'case.read');
  await findCase(db, actor, caseId, 'case.read');
  const t = await db
    .selectFrom('travel_transit as t')
    .innerJoin('travel_booking as b', 'b.id', 't.booking_id')
    .select(['t.booking_id', 't.airport_code'])
    .where('t.id', '=', transitId)
    .where('b.case_id', '=', caseId)
    .executeTakeFirst();
  if (!t) throw errors.TRAVEL_TRANSIT_NOT_FOUND();
  const { c, b, people, office } = await load(db, actor, caseId, t.booking_id);
  const arriving = b.legs.find((l) => l.to_code === t.airport_code);
  const leaving = b.legs.find((l) => l.from_code === t.airport_code);
  const now = clock.now();
  const sections: PdfSection[] = [
    { paragraphs: [`We kindly request assistance for the passengers below during their transit at ${t.airport_code}: meeting them at the arrival gate and accompanying them to their connecting flight.`] },
    {
      heading: 'Passengers',
      table: {
        columns: [{ title: 'Name', width: 3 }, { title: 'Date of birth', width: 1 }, { title: 'Nationality', width: 1 }, { title: 'Special assistance', width: 2 }],
        rows: people.map((p) => [documentName(p.family_name, p.given_name), p.birth_date ?? '', p.nationality ?? '', b.members.find((m) => m.person_id === p.id)?.needs ?? '']),
      },
    },
    {
      heading: 'Flights',
      lines: [
        ['Booking reference', b.booking.booking_reference ?? 'to be confirmed'],
        ['Arriving', arriving ? legLine(arriving) : '-'],
        ['Connecting', leaving ? legLine(leaving) : '-'],
      ],
    },
  ];
  if (b.escorts.length) sections.push({ heading: 'Escort', lines: b.escorts.map((e) => [e.kind === 'medical' ? 'Medical escort' : 'Escort', escortLabel(e)] as [string, string]) });
  sections.push({ heading: 'Contact', lines: [['Office', office.name], ['Requested by', actor.name], ['E-mail', actor.email], ['Date', now.toISOString().slice(0, 10)]] });
  const pdf = await renderPdf({ title: `Request for transit assistance - ${t.airport_code}`, subtitle: `File ${c.case_number}`, sections, footer: `Homeward - ${office.name}` });
  await audit(db, auditContextOf(actor), { event: 'travel.transit_request.downloaded', entityType: 'travel_transit', entityId: transitId, caseId, officeId: c.office_id });
  return { pdf, fileName: `transit-${t.airport_code}-${c.case_number}.pdf` };
}
