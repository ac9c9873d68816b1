import { z } from 'zod';
import { CASE_KINDS, LEGAL_STATUSES, STAGES } from '../cases.js';
import { closed, countryCode, instant, isoDate, pageQuery, uuid } from './common.js';
import { ELIGIBILITY_OUTCOMES, ENTITLEMENT_COMPONENTS } from './eligibility.js';
import { BOOKING_STATUSES } from './travel.js';
import { COMPONENT_TYPES } from '../reintegration.js';
import { COMPONENT_STATUSES, PLAN_VERSION_STATUSES } from './reintegration.js';

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
/** How the incoming list may be sorted; without a sort, those waiting for an answer come first, newest first. */
export const INCOMING_SORTS = ['sentAt', 'caseNumber', 'status', 'fromOffice'] as const;
export type IncomingSort = (typeof INCOMING_SORTS)[number];
/** The incoming list's search (a POST: case numbers stay out of URLs). */
export const incomingSearchBody = z.strictObject({
  status: z.enum(HANDOVER_STATUSES).optional(),
  /** The country of the office that sent the handover (where the returnee comes from). */
  fromCountry: countryCode.optional(),
  /** The case's country of return (where the returnee goes). */
  countryOfReturn: countryCode.optional(),
  /** Sent on or after this day (UTC). */
  sentFrom: isoDate.optional(),
  /** Sent on or before this day (UTC). */
  sentTo: isoDate.optional(),
  /** A case number or part of one. */
  caseNumber: z.string().trim().max(40).optional(),
  sort: z.enum(INCOMING_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...pageQuery,
}).refine((b) => !b.sentFrom || !b.sentTo || b.sentFrom <= b.sentTo, { path: ['sentTo'], message: 'The end of the period comes after its start.' });
export type IncomingSearchInput = z.infer<typeof incomingSearchBody>;

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

// ---- Answers ----

export const CONSENT_END_REASONS = ['withdrawn', 'superseded'] as const;
/** What the returnee consented to share with the origin office, all purposes together. */
export const sharingView = z.object({ asylumHistory: z.boolean(), counsellingNotes: z.boolean(), healthInformation: z.boolean() });
export const handoverView = z.object({
  id: uuid,
  caseId: uuid,
  caseNumber: z.string(),
  countryOfReturn: z.string(),
  fromOfficeId: uuid,
  fromOfficeName: z.string(),
  /** The sending office's country. */
  fromCountry: z.string(),
  toOfficeId: uuid,
  toOfficeName: z.string(),
  purpose: closed(HANDOVER_PURPOSES),
  fromStage: closed(STAGES),
  note: z.string().nullable(),
  status: closed(HANDOVER_STATUSES),
  sentAt: instant,
  sentByName: z.string(),
  decidedAt: instant.nullable(),
  decidedByName: z.string().nullable(),
  declineReason: z.string().nullable(),
  receivingOfficerId: uuid.nullable(),
  receivingOfficerName: z.string().nullable(),
  restricted: z.boolean(),
  version: z.number(),
});
/** Returnees expected at the origin office: the last leg of an open booking lands between `from` and `to` (local dates). */
export const expectedArrivalsView = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(z.object({
    handoverId: uuid,
    /** Accepted: the office opens the case; pending: it sees the handover package only. */
    accepted: z.boolean(),
    caseId: uuid,
    caseNumber: z.string(),
    carrier: z.string(),
    flight: z.string(),
    toCode: z.string(),
    arrivesLocal: z.string(),
    arrivesTimeZone: z.string(),
    travellers: z.number(),
  })),
});
export const consentView = z.object({
  id: uuid,
  purpose: closed(HANDOVER_PURPOSES),
  asylumHistory: z.boolean(),
  counsellingNotes: z.boolean(),
  healthInformation: z.boolean(),
  consentedOn: isoDate,
  recordedByName: z.string(),
  recordedAt: instant,
  endedAt: instant.nullable(),
  endedReason: closed(CONSENT_END_REASONS).nullable(),
});
export const receptionServiceView = z.object({
  id: uuid,
  service: closed(RECEPTION_SERVICES),
  status: closed(RECEPTION_STATUSES),
  costMinor: z.number().nullable(),
  currency: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  recordedByName: z.string(),
  createdAt: instant,
  updatedAt: instant,
});
export const caseHandoverView = z.object({
  caseId: uuid,
  kind: closed(CASE_KINDS),
  stage: closed(STAGES),
  countryOfReturn: z.string(),
  originOfficeId: uuid.nullable(),
  admissionDate: isoDate.nullable(),
  audience: closed(['host', 'origin']),
  sharing: sharingView,
  handovers: z.array(handoverView),
  /** Only for the host office. */
  consents: z.array(consentView),
  arrival: z.object({
    arrivedOn: isoDate,
    /** Null only for an arrival imported from a legacy file (`importedFrom`), which seldom says where or who. */
    place: z.string().nullable(),
    receivedByUserId: uuid.nullable(),
    receivedByName: z.string().nullable(),
    recordedByName: z.string(),
    recordedAt: instant,
    /** The legacy source whose file gave this arrival day; null for an arrival confirmed in Homeward. */
    importedFrom: z.string().nullable(),
  }).nullable(),
  receptionServices: z.array(receptionServiceView),
  /** The journey the returnees left on (local times in their zones): the arrival form proposes its last stop and arrival date. */
  journey: z.object({
    carrier: z.string(), flight: z.string(), fromCode: z.string(), toCode: z.string(), toKind: closed(['airport', 'border_crossing']),
    departsLocal: z.string(), departsTimeZone: z.string(), arrivesLocal: z.string(), arrivesTimeZone: z.string(),
  }).nullable(),
  /** Colleagues who may have received the returnee (offered to the origin office only). */
  receivers: z.array(z.object({ id: uuid, name: z.string() })),
});
export const originOfficeList = z.object({
  restricted: z.boolean(),
  items: z.array(z.object({ id: uuid, name: z.string(), officers: z.array(z.object({ id: uuid, name: z.string() })) })),
});
export const consentRecorded = z.object({ id: uuid });
/**
 * What the origin office reads before accepting. Legal status, vulnerability details, medical
 * measure notes and counselling notes are null without the returnee's consent to share them.
 */
export const handoverPackage = z.object({
  handover: handoverView,
  sharing: sharingView,
  case: z.object({ caseNumber: z.string(), kind: closed(CASE_KINDS), stage: closed(STAGES), countryOfReturn: z.string(), legalStatus: closed(LEGAL_STATUSES).nullable().optional() }),
  household: z.array(z.object({
    personId: uuid,
    relationship: z.string(),
    travelling: z.boolean(),
    givenName: z.string(),
    familyName: z.string(),
    originalScriptName: z.string().nullable(),
    sex: z.string(),
    birthDate: isoDate.nullable(),
    birthDateEstimated: z.boolean(),
    nationality: z.string().nullable(),
  })),
  vulnerabilities: z.array(z.object({
    id: uuid, personId: uuid, memberName: z.string(), category: z.string(), status: z.string(), identifiedOn: isoDate.nullable(), details: z.string().nullable().optional(),
  })),
  specialMeasures: z.array(z.object({
    id: uuid, personId: uuid, memberName: z.string(), kind: z.string(), title: z.string().nullable(), status: z.string(), dueOn: isoDate.nullable(), notes: z.string().nullable().optional(),
  })),
  /**
   * The latest confirmed entitlement, in minor units of `currency`: one line per component and
   * member (named), the totals per component and per member, and the household's.
   */
  entitlement: z.object({
    outcome: closed(ELIGIBILITY_OUTCOMES),
    rulesVersion: z.number(),
    confirmedAt: instant,
    currency: z.string(),
    lines: z.array(z.object({ component: closed(ENTITLEMENT_COMPONENTS), personId: uuid, memberName: z.string(), amountMinor: z.number() })),
    components: z.array(z.object({ component: closed(ENTITLEMENT_COMPONENTS), totalMinor: z.number() })),
    members: z.array(z.object({ personId: uuid, name: z.string(), totalMinor: z.number() })),
    householdTotalMinor: z.number(),
  }).nullable(),
  travel: z.array(z.object({
    id: uuid,
    status: closed(BOOKING_STATUSES),
    travelDate: isoDate,
    bookingReference: z.string().nullable(),
    legs: z.array(z.object({
      position: z.number(),
      carrier: z.string(),
      flightOrRoute: z.string(),
      fromCode: z.string(),
      fromKind: z.string(),
      toCode: z.string(),
      toKind: z.string(),
      departsLocal: z.string(),
      departsTimeZone: z.string(),
      arrivesLocal: z.string(),
      arrivesTimeZone: z.string(),
    })),
  })),
  /** The plan's current version (approved, else the draft): components without their descriptions, totals per currency. */
  reintegrationPlan: z.object({
    exists: z.boolean(),
    number: z.number().optional(),
    status: closed(PLAN_VERSION_STATUSES).optional(),
    agreed: z.boolean().optional(),
    components: z.array(z.object({
      type: closed(COMPONENT_TYPES), amountMinor: z.number(), currency: z.string(), startsOn: isoDate, endsOn: isoDate, status: closed(COMPONENT_STATUSES),
      /** Who delivers it (the provider's name) and the budget line its money comes from. */
      provider: z.string().nullable().optional(),
      budgetLine: z.object({ code: z.string(), name: z.string() }).nullable().optional(),
    })).optional(),
    totals: z.array(z.object({ currency: z.string(), amountMinor: z.number() })).optional(),
  }),
  /**
   * Absent without the returnee's consent to share counselling notes: the notes of the counselling
   * sessions (`at`: when the session took place, `authorName`: the counsellor) and the case's
   * sensitive notes, newest first.
   */
  counsellingNotes: z.array(z.object({
    id: uuid, source: closed(['counselling_session', 'case_note']), body: z.string(), authorName: z.string(), at: instant,
  })).nullable().optional(),
});
export const incomingPage = z.object({ items: z.array(handoverView), total: z.number(), page: z.number(), pageSize: z.number() });

export type HandoverView = z.input<typeof handoverView>;
export type ExpectedArrivalsView = z.input<typeof expectedArrivalsView>;
export type ConsentView = z.input<typeof consentView>;
export type ReceptionServiceView = z.input<typeof receptionServiceView>;
export type CaseHandoverView = z.input<typeof caseHandoverView>;
export type OriginOfficeList = z.input<typeof originOfficeList>;
export type HandoverPackage = z.input<typeof handoverPackage>;
export type IncomingPage = z.input<typeof incomingPage>;
