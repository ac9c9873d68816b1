import { z } from 'zod';
import { STAGES } from '../cases.js';
import { amountMinorSchema, currencySchema } from '../money.js';
import { isLanguageTag } from '../reference/languages.js';
import { COMPONENT_TYPES, PLAN_ENTITLEMENT_COMPONENTS } from '../reintegration.js';
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
  /** Who delivers it: a usable service provider of the registry. */
  providerId: uuid.nullish(),
  /** Where its money comes from: a budget line of the case's project that lists the component's type. */
  budgetLineId: uuid.nullish(),
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

/**
 * The approval of the agreed draft. Past the confirmed entitlement (or without one) a holder of
 * reintegration.override gives `entitlementOverrideReason`; past a budget line's remaining amount a
 * holder of finance.override gives `budgetOverrideReason`.
 */
export const approvalBody = z.strictObject({
  entitlementOverrideReason: z.string().trim().max(500).nullish(),
  budgetOverrideReason: z.string().trim().max(500).nullish(),
});
export type ApprovalInput = z.infer<typeof approvalBody>;

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
  provider: z.object({ id: uuid, name: z.string() }).nullable(),
  budgetLine: z.object({ id: uuid, code: z.string(), name: z.string(), currency: z.string() }).nullable(),
  /** What the approvals committed for it on its budget line, net of releases, in the line's currency. */
  committed: money.nullable(),
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
  /** An approval past the confirmed entitlement (or without one): the reason and who gave it. */
  entitlementOverride: z.object({ reason: z.string(), by: who }).nullable(),
  components: z.array(componentView),
  /** The planned amounts added up per currency. */
  totals: z.array(money),
});
export type PlanVersionView = z.input<typeof planVersionView>;

const entitlementLine = z.object({ entitledMinor: z.number(), plannedMinor: z.number(), over: z.boolean() });

/**
 * The money check of the version to approve (the draft, else the approved one): planned amounts
 * per entitlement component and for the household, converted into the entitlement's currency at
 * today's rate, against the confirmed entitlement; and the components without a budget line.
 */
export const planCheckView = z.object({
  versionId: uuid,
  /** 'none': no confirmed eligible entitlement; approval then needs reintegration.override. */
  entitlement: z.enum(['confirmed', 'none']),
  currency: z.string().nullable(),
  components: z.array(entitlementLine.extend({ component: closed(PLAN_ENTITLEMENT_COMPONENTS) })),
  household: entitlementLine.nullable(),
  /** Components whose amount could not be converted (no rate in force today). */
  unconverted: z.array(z.object({ componentId: uuid, currency: z.string() })),
  withinEntitlement: z.boolean(),
  noBudgetLine: z.array(z.object({ componentId: uuid, type: closed(COMPONENT_TYPES) })),
});
export type PlanCheckView = z.input<typeof planCheckView>;

/** A budget line a component may draw on: the case's project's lines. */
export const planBudgetLinesView = z.object({
  lines: z.array(z.object({
    id: uuid, code: z.string(), name: z.string(), componentTypes: z.array(z.string()), donor: z.string(), currency: z.string(), remainingMinor: z.number(),
  })),
});
export type PlanBudgetLinesView = z.input<typeof planBudgetLinesView>;

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
  /** The money check of the draft (else the approved version); null without a plan. */
  check: planCheckView.nullable(),
});
export type PlanView = z.input<typeof planView>;
