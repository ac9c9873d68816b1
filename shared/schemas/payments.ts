import { z } from 'zod';
import { amountMinorSchema, currencySchema } from '../money.js';
import { closed, countryCode, instant, isoDate, uuid } from './common.js';

/** Payments of reintegration assistance: tranches, their conditions, disbursements, receipts, places unsafe to revisit. */

export const CONDITION_KINDS = ['business_plan_approved', 'training_attended', 'receipts_previous_tranche', 'other'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export const DISBURSEMENT_METHODS = ['cash', 'bank_transfer', 'mobile_money', 'voucher', 'in_kind'] as const;
export const RECIPIENTS = ['provider', 'returnee'] as const;
export const DISBURSEMENT_STATUSES = ['awaiting_approval', 'paid', 'rejected', 'reversed'] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];
export const QUEUE_KINDS = ['due', 'awaiting_approval', 'missing_receipts'] as const;

const reason = z.string().trim().min(1).max(1000);

export const conditionInput = z
  .strictObject({
    kind: z.enum(CONDITION_KINDS),
    /** The group training attended (training_attended only). */
    trainingId: uuid.optional(),
    /** What has to happen (other only). */
    text: z.string().trim().min(1).max(500).optional(),
  })
  .refine((c) => c.kind !== 'other' || c.text, { path: ['text'], message: 'payments.condition.textRequired' })
  .refine((c) => c.kind === 'other' || c.text === undefined, { path: ['text'], message: 'payments.condition.textOnlyOther' })
  .refine((c) => c.kind === 'training_attended' || c.trainingId === undefined, { path: ['trainingId'], message: 'payments.condition.trainingOnly' });
export type ConditionInput = z.infer<typeof conditionInput>;

export const trancheInput = z.strictObject({
  amountMinor: amountMinorSchema({ min: 1 }),
  currency: currencySchema,
  dueOn: isoDate,
  conditions: z.array(conditionInput).max(10).default([]),
});
export type TrancheInput = z.infer<typeof trancheInput>;

/** The schedule of a component's tranches not released yet (released ones stay as they are). */
export const scheduleBody = z.strictObject({ tranches: z.array(trancheInput).min(1).max(12) });
export type ScheduleInput = z.infer<typeof scheduleBody>;

export const conditionMetBody = z.strictObject({ note: z.string().trim().min(1).max(1000).optional() });

export const disbursementBody = z
  .strictObject({
    trancheId: uuid,
    recipient: z.enum(RECIPIENTS),
    /** The service provider paid (recipient provider). */
    providerId: uuid.optional(),
    /** The member of the household paid (recipient returnee; the principal applicant when absent). */
    personId: uuid.optional(),
    method: z.enum(DISBURSEMENT_METHODS),
    amountMinor: amountMinorSchema({ min: 1 }),
    currency: currencySchema,
    paidOn: isoDate,
    reference: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((d) => (d.recipient === 'provider') === (d.providerId !== undefined), { path: ['providerId'], message: 'payments.disbursement.providerRequired' })
  .refine((d) => d.recipient === 'returnee' || d.personId === undefined, { path: ['personId'], message: 'payments.disbursement.personOnlyReturnee' });
export type DisbursementInput = z.infer<typeof disbursementBody>;

/** A payment of a community project's spending: to a service provider, or to a partner the project names. */
export const COMMUNITY_RECIPIENTS = ['provider', 'partner'] as const;
export const communityDisbursementBody = z
  .strictObject({
    recipient: z.enum(COMMUNITY_RECIPIENTS),
    /** The service provider paid (recipient provider). */
    providerId: uuid.optional(),
    /** The partner paid, as the project names it (recipient partner). */
    partnerName: z.string().trim().min(1).max(200).optional(),
    method: z.enum(DISBURSEMENT_METHODS),
    amountMinor: amountMinorSchema({ min: 1 }),
    currency: currencySchema,
    paidOn: isoDate,
    reference: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((d) => (d.recipient === 'provider') === (d.providerId !== undefined), { path: ['providerId'], message: 'payments.disbursement.providerRequired' })
  .refine((d) => (d.recipient === 'partner') === (d.partnerName !== undefined), { path: ['partnerName'], message: 'payments.disbursement.partnerRequired' });
export type CommunityDisbursementInput = z.infer<typeof communityDisbursementBody>;
export const communityDisbursementParams = z.strictObject({ id: uuid, disbursementId: uuid });

export const reasonBody = z.strictObject({ reason });
export const receiptBody = z.strictObject({ attachmentId: uuid });

export const unsafeAreaBody = z
  .strictObject({ unsafe: z.boolean(), reason: reason.optional() })
  .refine((b) => !b.unsafe || b.reason, { path: ['reason'], message: 'payments.unsafe.reasonRequired' });
export type UnsafeAreaInput = z.infer<typeof unsafeAreaBody>;

export const unsafeLocationBody = z.strictObject({ country: countryCode, place: z.string().trim().min(1).max(200), reason });
export type UnsafeLocationInput = z.infer<typeof unsafeLocationBody>;

export const thresholdBody = z.strictObject({ amountMinor: amountMinorSchema(), currency: currencySchema });
export type ThresholdInput = z.infer<typeof thresholdBody>;

export const caseTrancheParams = z.strictObject({ id: uuid, trancheId: uuid });
export const caseConditionParams = z.strictObject({ id: uuid, trancheId: uuid, conditionId: uuid });
export const caseComponentParams = z.strictObject({ id: uuid, componentId: uuid });
export const caseDisbursementParams = z.strictObject({ id: uuid, disbursementId: uuid });
export const projectLocationParams = z.strictObject({ projectId: uuid, locationId: uuid });

export const queueQuery = z.strictObject({
  kind: z.enum(QUEUE_KINDS),
  /** One office's cases (host or origin office); every case of the actor's scope otherwise. */
  officeId: uuid.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type QueueQuery = z.infer<typeof queueQuery>;

// ---- Answers ----

const who = z.object({ id: uuid, name: z.string() });
const conversion = z.object({ currency: z.string(), amountMinor: z.number(), rate: z.string(), source: z.string() });

export const conditionView = z.object({
  id: uuid,
  kind: closed(CONDITION_KINDS),
  trainingId: uuid.nullable(),
  text: z.string().nullable(),
  met: z.boolean(),
  metBy: who.nullable(),
  metAt: instant.nullable(),
  note: z.string().nullable(),
});

/** What every payment shows, whoever it belongs to (a case's tranche or a community project). */
const paymentFields = {
  method: closed(DISBURSEMENT_METHODS),
  amountMinor: z.number(),
  currency: z.string(),
  paidOn: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  status: closed(DISBURSEMENT_STATUSES),
};

export const disbursementView = z.object({
  id: uuid,
  caseId: uuid,
  trancheId: uuid,
  recipient: closed(RECIPIENTS),
  providerId: uuid.nullable(),
  personId: uuid.nullable(),
  ...paymentFields,
  /** The amount in the component's, the project's and the budget line's currencies, at the rate of the payment day, as stored. */
  inComponentCurrency: conversion,
  inProjectCurrency: conversion.nullable(),
  inBudgetLineCurrency: conversion.extend({ budgetLineId: uuid }).nullable(),
  threshold: z.object({ amountMinor: z.number(), currency: z.string() }).nullable(),
  needsApproval: z.boolean(),
  recordedBy: who,
  recordedAt: instant,
  decision: z.object({ decision: closed(['approved', 'rejected'] as const), reason: z.string().nullable(), decidedBy: who, decidedAt: instant }).nullable(),
  receipts: z.array(z.object({ id: uuid, attachmentId: uuid.nullable(), waiverReason: z.string().nullable(), recordedBy: who, recordedAt: instant })),
  /** A receipt or a waiver is recorded. */
  receiptDone: z.boolean(),
  reversal: z.object({ reason: z.string(), reversedBy: who, reversedAt: instant }).nullable(),
});
export type DisbursementView = z.input<typeof disbursementView>;

export const trancheView = z.object({
  id: uuid,
  position: z.number(),
  amountMinor: z.number(),
  currency: z.string(),
  dueOn: z.string(),
  released: z.boolean(),
  releasedBy: who.nullable(),
  releasedAt: instant.nullable(),
  /** Paid so far in the component's currency (paid and awaiting approval, not rejected or reversed). */
  paidMinor: z.number(),
  conditions: z.array(conditionView),
  disbursements: z.array(disbursementView),
});

export const paymentComponentView = z.object({
  id: uuid,
  componentKey: uuid,
  type: z.string(),
  status: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  providerId: uuid.nullable(),
  budgetLineId: uuid.nullable(),
  scheduledMinor: z.number(),
  tranches: z.array(trancheView),
});

export const unsafeLocationView = z.object({ id: uuid, projectId: uuid, country: z.string(), place: z.string(), reason: z.string(), createdBy: who, createdAt: instant });
export type UnsafeLocationView = z.input<typeof unsafeLocationView>;

export const unsafeAreaView = z.object({
  /** Flagged on the case or by a location of its project. */
  unsafe: z.boolean(),
  flag: z.object({ reason: z.string(), setBy: who, setAt: instant }).nullable(),
  locations: z.array(unsafeLocationView),
});

export const casePaymentsView = z.object({
  caseId: uuid,
  unsafeArea: unsafeAreaView,
  components: z.array(paymentComponentView),
});
export type CasePaymentsView = z.input<typeof casePaymentsView>;

export const scheduleProposal = z.object({
  componentId: uuid,
  unsafeArea: z.boolean(),
  tranches: z.array(z.object({ amountMinor: z.number(), currency: z.string(), dueOn: z.string(), conditions: z.array(z.object({ kind: closed(CONDITION_KINDS) })) })),
});

export const unsafeLocationList = z.object({ items: z.array(unsafeLocationView) });

export const thresholdView = z.object({
  officeId: uuid,
  amountMinor: z.number().nullable(),
  currency: z.string().nullable(),
  setBy: who.nullable(),
  setAt: instant.nullable(),
});

export const caseCostView = z.object({
  caseId: uuid,
  projectCurrency: z.string().nullable(),
  byCurrency: z.array(z.object({ currency: z.string(), amountMinor: z.number(), items: z.number(), projectAmountMinor: z.number().nullable() })),
  /** The whole cost in the project's currency, when every item's conversion is stored (null otherwise). */
  projectTotalMinor: z.number().nullable(),
});

/** A line of the disbursement queue: a case's tranche or payment, or (waiting for approval or a receipt) a community project's payment. */
export const queueItem = z.object({
  kind: closed(QUEUE_KINDS),
  caseId: uuid.nullable(),
  caseNumber: z.string().nullable(),
  officeId: uuid,
  trancheId: uuid.nullable(),
  componentType: z.string().nullable(),
  position: z.number().nullable(),
  dueOn: z.string().nullable(),
  released: z.boolean(),
  amountMinor: z.number(),
  currency: z.string(),
  disbursementId: uuid.nullable(),
  paidOn: z.string().nullable(),
  communityProject: z.object({ id: uuid, title: z.string() }).nullable(),
});
export const queueView = z.object({ items: z.array(queueItem), total: z.number(), page: z.number(), pageSize: z.number() });

/** A payment of a community project, its value in the project's currency at the rate of the payment day as stored. */
export const communityDisbursementView = z.object({
  id: uuid,
  communityProjectId: uuid,
  recipient: closed(COMMUNITY_RECIPIENTS),
  providerId: uuid.nullable(),
  providerName: z.string().nullable(),
  partnerName: z.string().nullable(),
  ...paymentFields,
  inProjectCurrency: conversion,
  threshold: z.object({ amountMinor: z.number(), currency: z.string() }).nullable(),
  needsApproval: z.boolean(),
  recordedBy: who,
  recordedAt: instant,
  decision: z.object({ decision: closed(['approved', 'rejected'] as const), reason: z.string().nullable(), decidedBy: who, decidedAt: instant }).nullable(),
  receipts: z.array(z.object({ id: uuid, fileName: z.string().nullable(), contentType: z.string().nullable(), waiverReason: z.string().nullable(), recordedBy: who, recordedAt: instant })),
  receiptDone: z.boolean(),
  reversal: z.object({ reason: z.string(), reversedBy: who, reversedAt: instant }).nullable(),
});
export type CommunityDisbursementView = z.input<typeof communityDisbursementView>;

/** A community project's payments, newest first, with its budget, what is paid and what awaits approval in its currency. */
export const communityDisbursementList = z.object({
  currency: z.string(),
  budgetMinor: z.number(),
  paidMinor: z.number(),
  awaitingMinor: z.number(),
  items: z.array(communityDisbursementView),
});
export type CommunityDisbursementList = z.input<typeof communityDisbursementList>;
