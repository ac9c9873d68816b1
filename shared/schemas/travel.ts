import { z } from 'zod';
import { amountMinorSchema, currencySchema } from '../money.js';
import { STAGES } from '../cases.js';
import { closed, countryCode, instant, isoDate, uuid } from './common.js';

export const TRAVEL_DOCUMENT_TYPES = ['passport', 'laissez_passer', 'visa', 'transit_visa', 'exit_permit'] as const;
export const TRAVEL_DOCUMENT_STATUSES = ['to_request', 'requested', 'issued', 'refused', 'expired', 'cancelled'] as const;
/**
 * `departed`: every traveller on a ticketed booking was confirmed departed (set by the departure
 * confirmation only, like `no_show`); the booking is then closed.
 */
export const BOOKING_STATUSES = ['requested', 'booked', 'ticketed', 'departed', 'cancelled', 'no_show', 'rebooked'] as const;
export const TRANSIT_ASSISTANCE_STATUSES = ['not_requested', 'requested', 'confirmed', 'refused'] as const;
export const ESCORT_KINDS = ['operational', 'medical'] as const;
export const ARRANGEMENT_KINDS = ['accommodation', 'transfer'] as const;
export const PAYMENT_KINDS = ['pocket_money', 'installation_grant'] as const;
export const DEPARTURE_OUTCOMES = ['departed', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Whether the runtime knows the IANA time zone (Intl is the reference, not a hand-made list). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));
/** An IATA airport code (3 letters) or a border-crossing code (up to 10 letters, digits and dashes). */
const placeCode = z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z0-9-]{3,10}$/, 'A 3-letter IATA airport code or a border-crossing code'));
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'A local date and time, e.g. 2026-05-04T23:40');
const timeZone = z.string().trim().refine(isTimeZone, 'An IANA time zone, e.g. Europe/Brussels');

export const travelDocumentBody = z.strictObject({
  personId: uuid,
  type: z.enum(TRAVEL_DOCUMENT_TYPES),
  number: z.string().trim().max(40).optional().transform((v) => (v ? v.replace(/\s+/g, '').toUpperCase() : undefined)),
  issuingAuthority: optionalText(200),
  issuingCountry: countryCode.optional(),
  requestedOn: isoDate.optional(),
  issuedOn: isoDate.optional(),
  expiresOn: isoDate.optional(),
  status: z.enum(TRAVEL_DOCUMENT_STATUSES),
  notes: optionalText(2000),
});
export type TravelDocumentInput = z.infer<typeof travelDocumentBody>;
export const travelDocumentPatch = travelDocumentBody.omit({ personId: true });

export const legInput = z.strictObject({
  carrier: text(80),
  flightOrRoute: z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z0-9 -]{2,20}$/, 'A flight number or route, e.g. TK 1938')),
  fromCode: placeCode,
  fromKind: z.enum(['airport', 'border_crossing']).default('airport'),
  toCode: placeCode,
  toKind: z.enum(['airport', 'border_crossing']).default('airport'),
  departsLocal: localTime,
  departsTimeZone: timeZone,
  arrivesLocal: localTime,
  arrivesTimeZone: timeZone,
});
export type LegInput = z.infer<typeof legInput>;

export const bookingMemberInput = z.strictObject({ personId: uuid, specialAssistance: optionalText(300) });

export const bookingBody = z.strictObject({
  bookingReference: optionalText(40),
  notes: optionalText(2000),
  /** The travelling members on this booking; all travelling members of the case when left out. */
  members: z.array(bookingMemberInput).min(1).max(30).optional(),
  legs: z.array(legInput).min(1).max(8),
});
export type BookingInput = z.infer<typeof bookingBody>;

export const bookingStatusBody = z.strictObject({
  to: z.enum(BOOKING_STATUSES),
  bookingReference: optionalText(40),
});

export const transitBody = z.strictObject({
  airportCode: placeCode,
  assistanceStatus: z.enum(TRANSIT_ASSISTANCE_STATUSES).default('requested'),
  assistanceReference: optionalText(60),
  notes: optionalText(1000),
});
export const transitStatusBody = z.strictObject({
  assistanceStatus: z.enum(TRANSIT_ASSISTANCE_STATUSES),
  assistanceReference: optionalText(60),
});

export const escortBody = z.strictObject({
  kind: z.enum(ESCORT_KINDS),
  userId: uuid.optional(),
  name: optionalText(200),
  organisation: optionalText(200),
  legPositions: z.array(z.number().int().min(1).max(8)).min(1).max(8),
});

export const arrangementBody = z.strictObject({
  kind: z.enum(ARRANGEMENT_KINDS),
  provider: text(200),
  details: optionalText(1000),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).optional(),
});

export const paymentBody = z.strictObject({
  kind: z.enum(PAYMENT_KINDS),
  personId: uuid.optional(),
  // Minor units by the ISO 4217 exponent (shared/money.ts): 50,000 IQD is 50,000,000.
  amountMinor: amountMinorSchema({ min: 1 }),
  currency: currencySchema,
  receiptAttachmentId: uuid.optional(),
  paidBy: uuid.optional(),
  paidAt: z.iso.datetime({ offset: true }).optional(),
});

/** Longest reason for recording a departure before the flight has left. */
export const DEPARTURE_OVERRIDE_REASON_MAX = 500;
export const departureBody = z.strictObject({
  members: z.array(z.strictObject({ personId: uuid, outcome: z.enum(DEPARTURE_OUTCOMES) })).min(1).max(30),
  /**
   * Why the departure (or no-show) is recorded before the first leg's departure time: needed, with
   * the permission `travel.departure.override`, only then; recorded in the audit event.
   */
  overrideReason: optionalText(DEPARTURE_OVERRIDE_REASON_MAX),
});

export const movementsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export const manifestQuery = z.strictObject({
  carrier: z.string().trim().min(1).max(80),
  flight: z.string().trim().toUpperCase().min(2).max(20),
  date: isoDate,
});

// ---- Answers ----

export const LEG_POINT_KINDS = ['airport', 'border_crossing'] as const;
/** What a write answers: the record and its new version (also its ETag). */
export const versionedRef = z.object({ id: uuid, version: z.number() });
export const createdRef = z.object({ id: uuid });
export const rebooked = versionedRef.extend({ replaces: uuid });
export const departureRecorded = versionedRef.extend({
  status: closed(BOOKING_STATUSES),
  caseDeparted: z.boolean(),
  /** Recorded before the first leg's departure time, by a holder of `travel.departure.override` with a reason. */
  overridden: z.boolean(),
});
export const revealedNumber = z.object({ id: uuid, number: z.string() });

const legView = z.object({
  id: uuid,
  position: z.number(),
  carrier: z.string(),
  flightOrRoute: z.string(),
  fromCode: z.string(),
  fromKind: closed(LEG_POINT_KINDS),
  toCode: z.string(),
  toKind: closed(LEG_POINT_KINDS),
  /** Local wall-clock time 'YYYY-MM-DDTHH:MM:SS' in the given IANA zone. */
  departsLocal: z.string(),
  departsTimeZone: z.string(),
  arrivesLocal: z.string(),
  arrivesTimeZone: z.string(),
  /** The instants of those local times (computed with their zones). */
  departsAt: instant,
  arrivesAt: instant,
});
export const travelDocumentView = z.object({
  id: uuid,
  version: z.number(),
  personId: uuid,
  holder: z.string(),
  type: closed(TRAVEL_DOCUMENT_TYPES),
  /** The last three characters only; the full number is revealed on request (audited). */
  maskedNumber: z.string().nullable(),
  issuingAuthority: z.string().nullable(),
  issuingCountry: z.string().nullable(),
  requestedOn: isoDate.nullable(),
  issuedOn: isoDate.nullable(),
  expiresOn: isoDate.nullable(),
  status: closed(TRAVEL_DOCUMENT_STATUSES),
  notes: z.string().nullable(),
  expiresBeforeTravel: z.boolean(),
  travelDate: isoDate.nullable(),
});
export const bookingView = z.object({
  id: uuid,
  version: z.number(),
  status: closed(BOOKING_STATUSES),
  bookingReference: z.string().nullable(),
  travelDate: isoDate,
  replacesBookingId: uuid.nullable(),
  notes: z.string().nullable(),
  /** Flagged for cancellation by a withdrawal. */
  toCancel: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: instant.nullable(),
  legs: z.array(legView),
  members: z.array(z.object({
    personId: uuid,
    givenName: z.string(),
    familyName: z.string(),
    specialAssistance: z.string().nullable(),
    departure: z.object({
      outcome: closed(DEPARTURE_OUTCOMES),
      confirmedAt: instant.nullable(),
      /** Why it was recorded before the flight had left (a supervisor's override); null otherwise. */
      overrideReason: z.string().nullable(),
    }).nullable(),
  })),
  transits: z.array(z.object({
    id: uuid, version: z.number(), airportCode: z.string(), assistanceStatus: closed(TRANSIT_ASSISTANCE_STATUSES), assistanceReference: z.string().nullable(), notes: z.string().nullable(),
  })),
  escorts: z.array(z.object({
    id: uuid, kind: closed(ESCORT_KINDS), userId: uuid.nullable(), name: z.string().nullable(), organisation: z.string().nullable(), label: z.string(), legPositions: z.array(z.number()),
  })),
  arrangements: z.array(z.object({
    id: uuid, kind: closed(ARRANGEMENT_KINDS), provider: z.string(), details: z.string().nullable(), startsAt: instant, endsAt: instant.nullable(),
  })),
  payments: z.array(z.object({
    id: uuid,
    kind: closed(PAYMENT_KINDS),
    amountMinor: z.number(),
    currency: z.string(),
    personId: uuid.nullable(),
    recipient: z.string().nullable(),
    receiptAttachmentId: uuid.nullable(),
    receiptFileName: z.string().nullable(),
    paidBy: z.string(),
    paidAt: instant,
  })),
});
export const caseTravelView = z.object({
  caseId: uuid,
  stage: closed(STAGES),
  canManage: z.boolean(),
  canBook: z.boolean(),
  members: z.array(z.object({ personId: uuid, givenName: z.string(), familyName: z.string(), travelling: z.boolean() })),
  documents: z.array(travelDocumentView),
  bookings: z.array(bookingView),
  flags: z.object({ documentsExpiringBeforeTravel: z.array(uuid), bookingsToCancel: z.array(uuid) }),
});
export const movementsView = z.object({
  from: isoDate,
  to: isoDate,
  flights: z.array(z.object({
    carrier: z.string(),
    flight: z.string(),
    date: isoDate,
    fromCode: z.string(),
    toCode: z.string(),
    departsLocal: z.string(),
    departsTimeZone: z.string(),
    travellers: z.number(),
    cases: z.array(z.object({
      caseId: uuid,
      caseNumber: z.string(),
      bookingId: uuid,
      bookingStatus: closed(BOOKING_STATUSES),
      bookingReference: z.string().nullable(),
      travellers: z.number(),
      escorted: z.boolean(),
      toCancel: z.boolean(),
    })),
  })),
});

export type TravelDocumentView = z.input<typeof travelDocumentView>;
export type BookingView = z.input<typeof bookingView>;
export type CaseTravelView = z.input<typeof caseTravelView>;
export type MovementsView = z.input<typeof movementsView>;
