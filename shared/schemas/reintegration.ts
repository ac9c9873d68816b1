import { z } from 'zod';
import { STAGES } from '../cases.js';
import { amountMinorSchema, currencySchema } from '../money.js';
import { isLanguageTag } from '../reference/languages.js';
import { COMPONENT_TYPES } from '../reintegration.js';
import { closed, instant, isoDate, uuid } from './common.js';

/** Where a component's delivery stands. */
export const COMPONENT_STATUSES = ['planned', 'in_progress', 'delivered', 'cancelled'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
/** What a plan's version is: drafted (and agreed), approved, or replaced by a later approved version. */
export const PLAN_VERSION_STATUSES = ['draft', 'approved', 'superseded'] as const;

/** One component of a draft: its type, whom it serves, what it costs and when. */
export const componentBody = z.strictObject({
  type: z.enum(COMPONENT_TYPES),
  description: z.string().trim().min(1).max(2000),
  memberIds: z.array(uuid).min(1).max(30),
  amountMinor: amountMinorSchema(),
  currency: currencySchema,
  startsOn: isoDate,
  endsOn: isoDate,
  /** Business set-up: the business plan, a case attachment. */
  businessPlanAttachmentId: uuid.nullish(),
  /** Business set-up: the income the business is expected to bring each month. */
  expectedMonthlyIncomeMinor: amountMinorSchema().nullish(),
  expectedMonthlyIncomeCurrency: currencySchema.nullish(),
  /** Job placement: the employer. */
  employer: z.string().trim().max(200).nullish(),
}).refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], message: 'The end comes on or after the start.' })
  .refine((b) => (b.expectedMonthlyIncomeMinor == null) === (b.expectedMonthlyIncomeCurrency == null), { path: ['expectedMonthlyIncomeMinor'], message: 'An amount with its currency.' })
  .refine((b) => b.type !== 'job_placement' || Boolean(b.employer), { path: ['employer'], message: 'Name the employer.' });
export type ComponentInput = z.infer<typeof componentBody>;

/** The returnee's agreement to the draft. */
export const agreementBody = z.strictObject({
  agreedOn: isoDate,
  /** The signed plan, a case attachment. */
  attachmentId: uuid,
  /** The language the plan was explained in: a BCP 47 tag. */
  language: z.string().refine((v) => isLanguageTag(v), 'A BCP 47 language tag, e.g. ar'),
});
export type AgreementInput = z.infer<typeof agreementBody>;

/** A delivery status of a component of the approved plan (a reason with a cancellation). */
export const componentStatusBody = z.strictObject({
  status: z.enum(['in_progress', 'delivered', 'cancelled']),
  reason: z.string().trim().max(2000).nullish(),
});
export type ComponentStatusInput = z.infer<typeof componentStatusBody>;

// ---- Answers ----

const who = z.object({ id: uuid, name: z.string() });
const money = z.object({ amountMinor: z.number(), currency: z.string() });

export const componentView = z.object({
  id: uuid,
  /** The same component in every version of the plan. */
  key: uuid,
  type: closed(COMPONENT_TYPES),
  description: z.string(),
  members: z.array(z.object({ id: uuid, name: z.string() })),
  amountMinor: z.number(),
  currency: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  status: closed(COMPONENT_STATUSES),
  cancelReason: z.string().nullable(),
  businessPlan: z.object({ id: uuid, fileName: z.string() }).nullable(),
  expectedMonthlyIncome: money.nullable(),
  employer: z.string().nullable(),
});
export type ComponentView = z.input<typeof componentView>;

export const planVersionView = z.object({
  id: uuid,
  number: z.number(),
  status: closed(PLAN_VERSION_STATUSES),
  draftedBy: who,
  draftedAt: instant,
  agreement: z.object({
    agreedOn: isoDate,
    language: z.string(),
    attachment: z.object({ id: uuid, fileName: z.string() }).nullable(),
    recordedBy: who,
    recordedAt: instant,
  }).nullable(),
  approvedBy: who.nullable(),
  approvedAt: instant.nullable(),
  supersededAt: instant.nullable(),
  components: z.array(componentView),
  /** The planned amounts added up per currency. */
  totals: z.array(money),
});
export type PlanVersionView = z.input<typeof planVersionView>;

/** The case's plan: the approved version, the draft (new or a proposed change) and every version. */
export const planView = z.object({
  /** The case (its ETag guards every change of the plan). */
  id: uuid,
  version: z.number(),
  stage: closed(STAGES),
  /** Whether the reader may edit the plan now (permission, office responsible, stage). */
  editable: z.boolean(),
  approved: planVersionView.nullable(),
  draft: planVersionView.nullable(),
  /** Every version, newest first. */
  versions: z.array(planVersionView),
});
export type PlanView = z.input<typeof planView>;
