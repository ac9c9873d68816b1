import { z } from 'zod';
import { isoDate, uuid } from './common.js';

/** Why a case is handed to the origin office. */
export const HANDOVER_PURPOSES = ['reception', 'reintegration', 'medical_continuity', 'monitoring'] as const;
export type HandoverPurpose = (typeof HANDOVER_PURPOSES)[number];
export const HANDOVER_STATUSES = ['pending', 'accepted', 'declined'] as const;
/** The stages a case may be handed over from: once approved, before or after departure. */
export const HANDOVER_FROM_STAGES = ['approved', 'travel_preparation', 'departed'] as const;

export const RECEPTION_SERVICES = [
  'airport_reception', 'immigration_customs', 'onward_transport', 'temporary_accommodation', 'immediate_assistance', 'medical_care',
] as const;
export const RECEPTION_STATUSES = ['planned', 'provided', 'not_needed', 'cancelled'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code, e.g. EUR');
const costMinor = z.number().int().min(0).max(1_000_000_000);

export const consentInput = z.strictObject({
  asylumHistory: z.boolean(),
  counsellingNotes: z.boolean(),
  healthInformation: z.boolean(),
  consentedOn: isoDate,
});
export const consentBody = consentInput.extend({ purpose: z.enum(HANDOVER_PURPOSES) });
export type ConsentInput = z.infer<typeof consentBody>;

export const sendHandoverBody = z.strictObject({
  toOfficeId: uuid,
  purpose: z.enum(HANDOVER_PURPOSES),
  note: z.string().trim().max(2000).optional(),
  /** The officer of the receiving office the case goes to; required for a restricted case. */
  receivingOfficerId: uuid.optional(),
  consent: consentInput,
});
export type SendHandoverInput = z.infer<typeof sendHandoverBody>;

export const declineHandoverBody = z.strictObject({ reason: z.string().trim().max(2000) });
export const incomingQuery = z.strictObject({ status: z.enum(HANDOVER_STATUSES).optional() });

export const arrivalBody = z.strictObject({
  arrivedOn: isoDate,
  place: text(200),
  receivedByUserId: uuid.optional(),
  receivedByName: z.string().trim().max(200).optional(),
});
export type ArrivalInput = z.infer<typeof arrivalBody>;

export const receptionServiceBody = z.strictObject({
  service: z.enum(RECEPTION_SERVICES),
  status: z.enum(RECEPTION_STATUSES),
  costMinor: costMinor.nullable().optional(),
  currency: currency.nullable().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ReceptionServiceInput = z.infer<typeof receptionServiceBody>;
export const receptionServicePatch = z.strictObject({
  status: z.enum(RECEPTION_STATUSES).optional(),
  costMinor: costMinor.nullable().optional(),
  currency: currency.nullable().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ReceptionServicePatch = z.infer<typeof receptionServicePatch>;

export const admissionDateBody = z.strictObject({ admissionDate: isoDate });
