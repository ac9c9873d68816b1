/**
 * Travel in the demo data: documents from approval on, bookings in every status (requested,
 * booked, ticketed, cancelled, no-show, rebooked) with transit points, escorts, the transfer to the
 * airport and the money handed over at departure, and flights shared by several cases so that the
 * Movements page has manifests with several households. Everything goes through the travel use
 * cases, with the clock at the time it happened; choices come from a seeded random per case.
 */
import { travelDocumentBody, travelDocumentPatch, type BookingInput, type LegInput } from '../../../shared/schemas/travel.js';
import { travellersWithoutDecision } from '../../modules/decisions/index.js';
import {
  addArrangement, addEscort, addTravelDocument, changeBookingStatus, confirmDeparture, createBooking, localToInstant, rebook, recordPayment, updateTransit,
  updateTravelDocument,
} from '../../modules/travel/index.js';
import type { DemoCapability, DemoCaseContext, DemoMove } from './demo-context.js';
import type { PlannedCase } from './demo-plan.js';
import { Random } from './random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface LegTemplate { carrier: string; flight: string; from: string; to: string; dep: string; depZone: string; depDay: number; arr: string; arrZone: string; arrDay: number }
const leg = (carrier: string, flight: string, from: string, dep: string, depZone: string, depDay: number, to: string, arr: string, arrZone: string, arrDay: number): LegTemplate =>
  ({ carrier, flight, from, to, dep, depZone, depDay, arr, arrZone, arrDay });

/** The first leg from each host or transit office's airport; the weekday its departures share. */
const FROM: Record<string, { legs: Record<string, LegTemplate[]>; weekday: number }> = {
  BE: { weekday: 2, legs: { hub: [leg('Turkish Airlines', 'TK 1938', 'BRU', '11:05', 'Europe/Brussels', 0, 'IST', '15:50', 'Europe/Istanbul', 0)] } },
  DE: { weekday: 3, legs: { hub: [leg('Turkish Airlines', 'TK 1590', 'FRA', '11:00', 'Europe/Berlin', 0, 'IST', '15:15', 'Europe/Istanbul', 0)] } },
  NL: { weekday: 4, legs: { hub: [leg('Turkish Airlines', 'TK 1952', 'AMS', '11:35', 'Europe/Amsterdam', 0, 'IST', '16:10', 'Europe/Istanbul', 0)] } },
  GB: { weekday: 2, legs: { hub: [leg('Turkish Airlines', 'TK 1980', 'LHR', '11:20', 'Europe/London', 0, 'IST', '17:20', 'Europe/Istanbul', 0)] } },
  MA: { weekday: 1, legs: { NG: [leg('Royal Air Maroc', 'AT 555', 'RBA', '12:00', 'Africa/Casablanca', 0, 'LOS', '17:00', 'Africa/Lagos', 0)] } },
  ID: { weekday: 5, legs: { hub: [leg('Qatar Airways', 'QR 955', 'CGK', '17:55', 'Asia/Jakarta', 0, 'DOH', '22:35', 'Asia/Qatar', 0)] } },
  MX: {
    weekday: 1,
    legs: {
      EC: [leg('Avianca', 'AV 205', 'MEX', '08:00', 'America/Mexico_City', 0, 'BOG', '11:35', 'America/Bogota', 0), leg('Avianca', 'AV 8377', 'BOG', '13:20', 'America/Bogota', 0, 'UIO', '14:50', 'America/Guayaquil', 0)],
      BR: [leg('Aeroméxico', 'AM 16', 'MEX', '23:00', 'America/Mexico_City', 0, 'GRU', '13:00', 'America/Sao_Paulo', 1)],
    },
  },
};
/** The onward leg from the hub to the country of return. */
const ONWARD: Record<string, Record<string, LegTemplate>> = {
  IST: {
    IQ: leg('Turkish Airlines', 'TK 788', 'IST', '18:45', 'Europe/Istanbul', 0, 'BGW', '22:10', 'Asia/Baghdad', 0),
    AF: leg('Ariana Afghan Airlines', 'FG 702', 'IST', '19:00', 'Europe/Istanbul', 0, 'KBL', '02:30', 'Asia/Kabul', 1),
    NG: leg('Turkish Airlines', 'TK 625', 'IST', '18:40', 'Europe/Istanbul', 0, 'LOS', '23:15', 'Africa/Lagos', 0),
    LK: leg('Turkish Airlines', 'TK 730', 'IST', '19:55', 'Europe/Istanbul', 0, 'CMB', '06:25', 'Asia/Colombo', 1),
    BR: leg('Turkish Airlines', 'TK 15', 'IST', '19:10', 'Europe/Istanbul', 0, 'GRU', '03:50', 'America/Sao_Paulo', 1),
  },
  DOH: {
    LK: leg('Qatar Airways', 'QR 664', 'DOH', '01:45', 'Asia/Qatar', 1, 'CMB', '08:45', 'Asia/Colombo', 1),
    AF: leg('Kam Air', 'RQ 4112', 'DOH', '01:30', 'Asia/Qatar', 1, 'KBL', '06:30', 'Asia/Kabul', 1),
  },
};

const ESCORTS = [
  { kind: 'medical' as const, name: 'Dr. Anna Weber', organisation: 'MedFlight Escorts' },
  { kind: 'operational' as const, name: 'Marc Dubois', organisation: 'Homeward escort pool' },
  { kind: 'operational' as const, name: 'Youssef Amrani', organisation: 'Homeward escort pool' },
];
const NEEDS = ['Wheelchair to the gate', 'Meet and assist: travelling with an infant', 'Oxygen on board (certificate attached)'];
const AUTHORITIES: Record<string, string> = {
  IQ: 'Embassy of the Republic of Iraq', AF: 'Embassy of Afghanistan', NG: 'High Commission of Nigeria', BR: 'Consulate General of Brazil',
  LK: 'Embassy of Sri Lanka', EC: 'Consulate of Ecuador',
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (isoDay: string, n: number) => day(new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * DAY));

/** The journey of a case's office to its country of return, on a given date. */
function journey(c: PlannedCase, travelDate: string): LegInput[] | null {
  const from = FROM[c.officePrefix];
  if (!from) return null;
  const country = c.input.countryOfReturn;
  let templates = from.legs[country];
  if (!templates) {
    const hub = from.legs.hub?.[0];
    const onward = hub && ONWARD[hub.to]?.[country];
    if (!hub || !onward) return null;
    templates = [hub, onward];
  }
  return templates.map((t) => ({
    carrier: t.carrier, flightOrRoute: t.flight, fromCode: t.from, fromKind: 'airport' as const, toCode: t.to, toKind: 'airport' as const,
    departsLocal: `${addDays(travelDate, t.depDay)}T${t.dep}`, departsTimeZone: t.depZone, arrivesLocal: `${addDays(travelDate, t.arrDay)}T${t.arr}`, arrivesTimeZone: t.arrZone,
  }));
}

/** The first of the office's weekly departure days at least `after` days from `at`: cases of one office share flights. */
function departureDay(c: PlannedCase, at: Date, after: number) {
  const weekday = FROM[c.officePrefix]?.weekday ?? 2;
  let d = addDays(day(at), after);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== weekday) d = addDays(d, 1);
  return d;
}

/** When a journey's first leg leaves. */
const leavesAt = (legs: LegInput[]) => localToInstant(legs[0]!.departsLocal, legs[0]!.departsTimeZone);

/**
 * The travel date of a case that departs at `departAt`: the day of its departure, or the day before
 * when that day's flight leaves less than an hour before (a departure is confirmed after the flight left).
 */
function travelDateBefore(c: PlannedCase, departAt: Date) {
  let d = day(departAt);
  for (let i = 0; i < 3; i++) {
    const legs = journey(c, d);
    if (!legs || leavesAt(legs).getTime() <= departAt.getTime() - HOUR) return d;
    d = addDays(d, -1);
  }
  return d;
}

/** A random stream per case and purpose, from the household's names (stable whatever the clock). */
const randomFor = (c: PlannedCase, salt: number) =>
  new Random([...`${c.input.principal.familyName}|${c.input.principal.givenName}|${c.officePrefix}|${salt}`].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7));

async function travellers(ctx: DemoCaseContext) {
  return ctx.db
    .selectFrom('case_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.birth_date', 'p.nationality'])
    .where('m.case_id', '=', ctx.caseId)
    .where('m.travelling', '=', true)
    .orderBy('m.position')
    .execute();
}

/** At approval: a travel document per traveller, requested from the embassy (some already hold a passport). */
async function documentsAtApproval(ctx: DemoCaseContext, at: Date) {
  const actor = ctx.actor('case', 'travel.manage');
  const r = randomFor(ctx.plan, 1);
  const deps = { db: ctx.db, clock: ctx.clockAt(at), cipher: ctx.cipher };
  for (const [i, p] of (await travellers(ctx)).entries()) {
    const hasPassport = r.chance(0.35);
    const number = `${String.fromCharCode(65 + r.int(0, 25))}${r.int(1_000_000, 9_999_999)}`;
    await addTravelDocument(actor, ctx.caseId, travelDocumentBody.parse(hasPassport
      ? { personId: p.id, type: 'passport', number, issuingAuthority: AUTHORITIES[ctx.plan.input.countryOfReturn], issuedOn: addDays(day(at), -r.int(400, 2500)), expiresOn: addDays(day(at), r.int(i === 0 && r.chance(0.2) ? 5 : 200, 2000)), status: 'issued' }
      : { personId: p.id, type: 'laissez_passer', issuingAuthority: AUTHORITIES[ctx.plan.input.countryOfReturn], requestedOn: day(at), status: 'requested' }), deps);
  }
}

/** Before booking: the requested emergency travel documents are issued. */
async function issueDocuments(ctx: DemoCaseContext, at: Date, travelDate: string) {
  const actor = ctx.actor('case', 'travel.manage');
  const r = randomFor(ctx.plan, 2);
  const docs = await ctx.db.selectFrom('travel_document').selectAll().where('case_id', '=', ctx.caseId).where('status', '=', 'requested').execute();
  for (const d of docs) {
    await updateTravelDocument(actor, ctx.caseId, d.id, d.version, travelDocumentPatch.parse({
      type: d.type, number: `LP${r.int(100_000, 999_999)}`, issuingAuthority: d.issuing_authority ?? undefined, requestedOn: d.requested_on ?? undefined,
      issuedOn: day(at), expiresOn: addDays(travelDate, r.int(20, 60)), status: 'issued',
    }), { db: ctx.db, clock: ctx.clockAt(at), cipher: ctx.cipher });
  }
}

type Fate = 'requested' | 'booked' | 'ticketed' | 'no_show' | 'cancelled';

/**
 * Books, and takes the booking as far as its fate. Cases that depart next get a ticketed booking
 * on the day they leave (some after a cancelled booking or a no-show and a rebooking); cases that
 * stay in travel preparation are spread over every status, on upcoming shared flights.
 */
async function bookTravel(ctx: DemoCaseContext, at: Date, next: { to: string; at: Date } | undefined) {
  const c = ctx.plan;
  const departing = next?.to === 'departed';
  // Cases still in travel preparation reached it at most a month ago: their flight is ahead.
  const travelDate = departing ? travelDateBefore(c, next.at) : departureDay(c, at, next ? 10 : 31);
  const legs = journey(c, travelDate);
  if (!legs) return;
  if ((await travellersWithoutDecision(ctx.db, ctx.caseId)).length) {
    skippedForDecisions += 1;
    return;
  }
  const r = randomFor(c, 3);
  const actor = ctx.actor('case', 'travel.manage');
  const at2 = (h: number) => ctx.clockAt(new Date(at.getTime() + h * HOUR));
  await issueDocuments(ctx, new Date(at.getTime() + HOUR), travelDate);
  const people = await travellers(ctx);
  const needs = r.chance(0.2) ? NEEDS[r.int(0, NEEDS.length - 1)] : undefined;
  const input: BookingInput = { legs, members: people.map((p, i) => ({ personId: p.id, specialAssistance: i === 0 ? needs : undefined })), notes: undefined, bookingReference: undefined };
  const fate: Fate = departing || next?.to === 'suspended' ? 'ticketed' : next ? 'booked'
    : r.weighted<Fate>([['requested', 2], ['booked', 2], ['ticketed', 2], ['no_show', 2], ['cancelled', 1]]);
  const ref = () => Array.from({ length: 6 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[r.int(0, 31)]).join('');
  const ticket = async (b: { id: string; version: number }, h: number) => {
    const booked = await changeBookingStatus(actor, ctx.caseId, b.id, b.version, { to: 'booked', bookingReference: ref() }, { db: ctx.db, clock: at2(h) });
    return changeBookingStatus(actor, ctx.caseId, b.id, booked.version, { to: 'ticketed' }, { db: ctx.db, clock: at2(h + 1) });
  };
  // A booking made earlier is still open (the case comes back from a suspension): it is replaced.
  const open = await ctx.db.selectFrom('travel_booking').select(['id', 'version']).where('case_id', '=', ctx.caseId).where('status', 'in', ['requested', 'booked', 'ticketed']).executeTakeFirst();
  const history = open ? 'none' : departing ? r.weighted<'none' | 'cancelled' | 'no_show'>([['none', 8], ['cancelled', 1], ['no_show', 1]]) : fate === 'no_show' ? 'no_show' : fate === 'cancelled' ? 'cancelled' : 'none';
  let b: { id: string; version: number };
  if (open) {
    b = await rebook(actor, ctx.caseId, open.id, open.version, input, { db: ctx.db, clock: at2(2) });
  } else if (history !== 'none') {
    // A first booking on the day the case reached travel preparation: cancelled, or nobody came to the airport.
    const first = await createBooking(actor, ctx.caseId, { ...input, legs: journey(c, day(at))! }, { db: ctx.db, clock: at2(2) });
    if (history === 'cancelled') {
      await changeBookingStatus(actor, ctx.caseId, first.id, first.version, { to: 'cancelled' }, { db: ctx.db, clock: at2(4) });
      b = await createBooking(actor, ctx.caseId, input, { db: ctx.db, clock: at2(5) });
    } else {
      const ticketed = await ticket(first, 3);
      // Recorded once that flight has left (a no-show is known at the gate, not before).
      const noShowAt = new Date(Math.max(at.getTime() + 12 * HOUR, leavesAt(journey(c, day(at))!).getTime() + 2 * HOUR));
      const noShow = await confirmDeparture(actor, ctx.caseId, first.id, ticketed.version, { members: people.map((p) => ({ personId: p.id, outcome: 'no_show' as const })) }, { db: ctx.db, clock: ctx.clockAt(noShowAt) });
      // Still to be rebooked: the case waits in travel preparation with its no-show.
      if (fate === 'no_show') return;
      b = await rebook(actor, ctx.caseId, first.id, noShow.version, input, { db: ctx.db, clock: ctx.clockAt(new Date(noShowAt.getTime() + 2 * HOUR)) });
    }
  } else {
    b = await createBooking(actor, ctx.caseId, input, { db: ctx.db, clock: at2(2) });
  }
  if (fate === 'requested' || fate === 'cancelled' || fate === 'no_show') return;
  if (fate === 'booked') {
    await changeBookingStatus(actor, ctx.caseId, b.id, b.version, { to: 'booked', bookingReference: ref() }, { db: ctx.db, clock: at2(26) });
    return;
  }
  b = await ticket(b, 26);
  // Transit assistance, escorts and transfers in full for the cases people look at now; a share of the older ones.
  if (departing && c.target !== 'departed' && !r.chance(0.3)) return;
  const transits = await ctx.db.selectFrom('travel_transit').select(['id', 'version']).where('booking_id', '=', b.id).execute();
  for (const t of transits) {
    await updateTransit(actor, ctx.caseId, t.id, t.version, { assistanceStatus: r.chance(0.6) ? 'confirmed' : 'requested', assistanceReference: `TA-${r.int(1000, 9999)}` }, { db: ctx.db, clock: at2(30) });
  }
  if (needs || r.chance(0.3)) {
    const e = ESCORTS[needs ? 0 : r.int(1, ESCORTS.length - 1)]!;
    await addEscort(actor, ctx.caseId, b.id, { ...e, legPositions: legs.map((_, i) => i + 1) }, { db: ctx.db, clock: at2(31) });
  }
  const [h, m] = legs[0]!.departsLocal.slice(11, 16).split(':').map(Number) as [number, number];
  const transferAt = new Date(Date.parse(`${legs[0]!.departsLocal.slice(0, 10)}T00:00:00Z`) + ((h - 4) * 60 + m) * 60_000);
  if (r.chance(0.4)) {
    await addArrangement(actor, ctx.caseId, b.id, { kind: 'accommodation', provider: 'Airport Hotel', details: 'Family room, breakfast included', startsAt: new Date(transferAt.getTime() - 14 * HOUR).toISOString(), endsAt: transferAt.toISOString() }, { db: ctx.db, clock: at2(32) });
  }
  await addArrangement(actor, ctx.caseId, b.id, { kind: 'transfer', provider: 'City Shuttle', details: 'Pick-up at the reception centre', startsAt: transferAt.toISOString() }, { db: ctx.db, clock: at2(32) });
}

let skippedForDecisions = 0;
/** Cases whose booking was left out because a traveller had no current decision (reported at the end of a load). */
export const demoTravelSkipped = () => skippedForDecisions;

/** Departure: the pocket money handed over at the airport and every traveller confirmed departed (the case moves on). */
export async function demoDeparture(m: DemoMove) {
  const booking = await m.db
    .selectFrom('travel_booking')
    .select(['id', 'version'])
    .where('case_id', '=', m.caseId)
    .where('status', '=', 'ticketed')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!booking) throw new Error(`demo data: case ${m.plan.officePrefix} departs without a ticketed booking`);
  const actor = m.actor('case', 'travel.manage');
  const members = await m.db.selectFrom('travel_booking_member').select('person_id').where('booking_id', '=', booking.id).execute();
  const r = randomFor(m.plan, 4);
  const currency = m.plan.officePrefix === 'GB' ? 'GBP' : m.plan.officePrefix === 'MX' ? 'MXN' : m.plan.officePrefix === 'ID' ? 'IDR' : m.plan.officePrefix === 'MA' ? 'MAD' : 'EUR';
  const amount = { EUR: 20000, GBP: 17500, MXN: 400000, IDR: 350000000, MAD: 200000 }[currency]!;
  const paidAt = new Date(m.at.getTime() - 2 * HOUR);
  await recordPayment(actor, m.caseId, booking.id, {
    kind: r.chance(0.7) ? 'pocket_money' : 'installation_grant', personId: members[0]!.person_id, amountMinor: amount * Math.max(1, members.length), currency, paidAt: paidAt.toISOString(),
  }, { db: m.db, clock: m.clockAt(paidAt) });
  await confirmDeparture(actor, m.caseId, booking.id, booking.version, { members: members.map((x) => ({ personId: x.person_id, outcome: 'departed' as const })) }, { db: m.db, clock: m.clockAt(m.at) });
}

export const demoTravel: DemoCapability = {
  name: 'travel',
  afterStep: async (ctx) => {
    if (ctx.plan.kind !== 'voluntary_return') return;
    if (ctx.stage === 'approved') await documentsAtApproval(ctx, new Date(ctx.at.getTime() + 3 * HOUR));
    if (ctx.stage === 'travel_preparation') await bookTravel(ctx, new Date(ctx.at.getTime() + HOUR), ctx.plan.steps[ctx.step]);
  },
};
