import { z } from 'zod';
import { amountMinorSchema, currencySchema } from '../money.js';
import { countryCode, isoDate, uuid } from './common.js';

export const TRAVEL_DOCUMENT_TYPES = ['passport', 'laissez_passer', 'visa', 'transit_visa', 'exit_permit'] as const;
export const TRAVEL_DOCUMENT_STATUSES = ['to_request', 'requested', 'issued', 'refused', 'expired', 'cancelled'] as const;
export const BOOKING_STATUSES = ['requested', 'booked', 'ticketed', 'cancelled', 'no_show', 'rebooked'] as const;
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

export const departureBody = z.strictObject({
  members: z.array(z.strictObject({ personId: uuid, outcome: z.enum(DEPARTURE_OUTCOMES) })).min(1).max(30),
});

export const movementsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export const manifestQuery = z.strictObject({
  carrier: z.string().trim().min(1).max(80),
  flight: z.string().trim().toUpperCase().min(2).max(20),
  date: isoDate,
});
