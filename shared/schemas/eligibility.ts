import { z } from 'zod';
import { LEGAL_STATUSES, STAGES } from '../cases.js';
import { VULNERABILITY_CATEGORIES } from '../protection.js';
import { closed, countryCode, instant, isoDate, storedJson } from './common.js';

/** Vocabulary of projects, eligibility rules and entitlements, shared by the server and the web app. */
export const PROJECT_STATUSES = ['draft', 'active', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];


export const ENTITLEMENT_COMPONENTS = ['travel', 'installation_grant', 'reintegration_cash', 'reintegration_in_kind', 'medical'] as const;
export type EntitlementComponentKey = (typeof ENTITLEMENT_COMPONENTS)[number];

export const CRITERIA = [
  'legalStatus', 'nationality', 'countryOfReturn', 'principalAge', 'vulnerability', 'arrival', 'minimumStay', 'applicationWindow',
  'previousAssistance', 'householdSize', 'unaccompaniedMinors',
] as const;
export type CriterionKey = (typeof CRITERIA)[number];

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code, e.g. EUR');
const minor = z.number().int().min(0).max(1_000_000_000_000);
const countries = z.array(countryCode).max(250);

export const donorInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  sharePercent: z.number().gt(0).max(100).multipleOf(0.01),
});

export const projectBody = z
  .strictObject({
    code: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash, underscore'),
    name: z.string().trim().min(1).max(200),
    donors: z.array(donorInput).max(20),
    hostCountries: countries.min(1),
    returnCountries: countries.min(1),
    startsOn: isoDate,
    endsOn: isoDate,
    budgetMinor: minor.nullable(),
    currency: currencyCode,
    status: z.enum(PROJECT_STATUSES),
  });
export type ProjectInput = z.infer<typeof projectBody>;

export const projectListQuery = z.strictObject({ status: z.enum(PROJECT_STATUSES).optional() });

const ageRange = z.strictObject({ min: z.number().int().min(0).max(120).nullable(), max: z.number().int().min(0).max(120).nullable() });

/** Each criterion is optional: absent (or null) means the project does not restrict on it. */
export const criteriaSchema = z.strictObject({
  legalStatuses: z.array(z.enum(LEGAL_STATUSES)).min(1).nullable().optional(),
  nationalitiesAllowed: countries.min(1).nullable().optional(),
  nationalitiesExcluded: countries.min(1).nullable().optional(),
  returnCountries: countries.min(1).nullable().optional(),
  principalAge: ageRange.nullable().optional(),
  /** 'any': at least one active vulnerability; 'categories': at least one of the listed. */
  vulnerability: z.strictObject({ mode: z.enum(['any', 'categories']), categories: z.array(z.enum(VULNERABILITY_CATEGORIES)).max(20) }).nullable().optional(),
  arrivedAfter: isoDate.nullable().optional(),
  arrivedBefore: isoDate.nullable().optional(),
  minimumStayMonths: z.number().int().min(1).max(600).nullable().optional(),
  registeredFrom: isoDate.nullable().optional(),
  registeredUntil: isoDate.nullable().optional(),
  /** 'never': no earlier departure of any member; 'withinYears': none within the last N years. */
  previousAssistance: z.strictObject({ mode: z.enum(['never', 'withinYears']), years: z.number().int().min(1).max(50).nullable() }).nullable().optional(),
  maxMembers: z.number().int().min(1).max(50).nullable().optional(),
  /** false: minors travelling without an adult of the household are not accepted. */
  unaccompaniedMinorsAccepted: z.boolean().nullable().optional(),
});
export type Criteria = z.infer<typeof criteriaSchema>;

const amounts = {
  /** Per travelling person; when set, the adult and child amounts are not used. */
  perPersonMinor: minor.nullable(),
  perAdultMinor: minor.nullable(),
  perChildMinor: minor.nullable(),
  householdCapMinor: minor.nullable(),
};
export const componentOverride = z.strictObject({ country: countryCode, ...amounts });
export const entitlementComponent = z.strictObject({
  component: z.enum(ENTITLEMENT_COMPONENTS),
  ...amounts,
  overrides: z.array(componentOverride).max(100),
});
export type EntitlementComponent = z.infer<typeof entitlementComponent>;

/** Only the listed components are granted: travel alone means nothing beyond travel. */
export const entitlementsSchema = z.strictObject({
  currency: currencyCode,
  components: z.array(entitlementComponent).max(ENTITLEMENT_COMPONENTS.length),
});
export type Entitlements = z.infer<typeof entitlementsSchema>;

export const rulesBody = z.strictObject({
  criteria: criteriaSchema,
  entitlements: entitlementsSchema,
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type RulesInput = z.infer<typeof rulesBody>;

export const assignProjectBody = z.strictObject({ projectId: z.uuid().nullable() });
export const hostArrivalBody = z.strictObject({ hostArrivalDate: isoDate.nullable() });
export const confirmCheckBody = z.strictObject({
  finalOutcome: z.enum(['eligible', 'ineligible']),
  overrideReason: z.string().trim().max(2000).optional(),
});
export const checkParams = z.strictObject({ id: z.uuid(), childId: z.uuid() });

/** A reason for one criterion: a code and parameters, rendered in the user's language. */
export interface CriterionResult {
  criterion: CriterionKey;
  passed: boolean;
  /** e.g. 'legalStatus.allowed', 'principalAge.tooYoung' */
  code: string;
  params: Record<string, string | number>;
}
export interface MemberEntitlement {
  personId: string;
  name: string;
  child: boolean;
  amountMinor: number;
}
export interface ComponentEntitlement {
  component: EntitlementComponentKey;
  /** The country override used, when any. */
  country: string | null;
  members: MemberEntitlement[];
  beforeCapMinor: number;
  capMinor: number | null;
  capped: boolean;
  totalMinor: number;
}
export interface EntitlementResult {
  currency: string;
  countryOfReturn: string;
  components: ComponentEntitlement[];
  members: MemberEntitlement[];
  householdTotalMinor: number;
}

// ---- Answers ----

export const ELIGIBILITY_OUTCOMES = ['eligible', 'ineligible'] as const;
/** none: no check yet; unconfirmed, outdated (the facts changed since), confirmed. */
export const ELIGIBILITY_STATUSES = ['none', 'unconfirmed', 'outdated', 'confirmed'] as const;

export const projectView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  donors: z.array(z.object({ name: z.string(), sharePercent: z.number() })),
  hostCountries: z.array(z.string()),
  returnCountries: z.array(z.string()),
  startsOn: isoDate,
  endsOn: isoDate,
  budgetMinor: z.number().nullable(),
  currency: z.string(),
  status: closed(PROJECT_STATUSES),
  publishedRulesVersion: z.number().nullable(),
  version: z.number(),
  updatedAt: instant,
});
export const rulesView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  rulesVersion: z.number(),
  status: closed(['draft', 'published']),
  /** As stored, validated by `criteriaSchema` and `entitlementsSchema` when written. */
  criteria: storedJson<Criteria>(),
  entitlements: storedJson<Entitlements>(),
  notes: z.string().nullable(),
  createdAt: instant,
  createdByName: z.string().nullable(),
  updatedAt: instant,
  publishedAt: instant.nullable(),
  publishedByName: z.string().nullable(),
  version: z.number(),
});
const memberEntitlement = z.object({ personId: z.uuid(), name: z.string(), child: z.boolean(), amountMinor: z.number() });
export const entitlementResult = z.object({
  currency: z.string(),
  countryOfReturn: z.string(),
  components: z.array(z.object({
    component: closed(ENTITLEMENT_COMPONENTS),
    country: z.string().nullable(),
    members: z.array(memberEntitlement),
    beforeCapMinor: z.number(),
    capMinor: z.number().nullable(),
    capped: z.boolean(),
    totalMinor: z.number(),
  })),
  members: z.array(memberEntitlement),
  householdTotalMinor: z.number(),
});
export const criterionResult = z.object({
  criterion: closed(CRITERIA),
  passed: z.boolean(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
/** The facts a check looked at. The legal status is absent for the origin office without consent. */
export const checkFacts = z.object({
  checkDate: isoDate,
  legalStatus: z.string().optional(),
  countryOfReturn: z.string(),
  hostCountry: z.string(),
  registeredOn: isoDate,
  hostArrivalDate: isoDate.nullable(),
  members: z.array(z.object({
    personId: z.uuid(),
    name: z.string(),
    relationship: z.string(),
    isPrincipal: z.boolean(),
    travelling: z.boolean(),
    birthDate: isoDate.nullable(),
    nationality: z.string().nullable(),
  })),
  vulnerabilities: z.array(z.object({ personId: z.uuid(), category: z.string() })),
  previousDepartures: z.array(z.object({ personId: z.uuid(), departedOn: isoDate })),
});
export const eligibilityCheckView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  rulesVersion: z.number(),
  outcome: closed(ELIGIBILITY_OUTCOMES),
  criteria: z.array(criterionResult),
  entitlement: entitlementResult,
  facts: checkFacts,
  /** Absent for the origin office without consent: six guesses would recover the legal status. */
  factsHash: z.string().optional(),
  checkedAt: instant,
  checkedByName: z.string(),
  confirmedAt: instant.nullable(),
  confirmedByName: z.string().nullable(),
  finalOutcome: closed(ELIGIBILITY_OUTCOMES).nullable(),
  overrideReason: z.string().nullable(),
  outdated: z.boolean(),
  outdatedAt: instant.nullable(),
});
export const caseEligibilityView = z.object({
  caseId: z.uuid(),
  caseVersion: z.number(),
  stage: closed(STAGES),
  countryOfReturn: z.string(),
  hostCountry: z.string(),
  hostArrivalDate: isoDate.nullable(),
  project: z.object({
    id: z.uuid(), code: z.string(), name: z.string(), status: closed(PROJECT_STATUSES), currency: z.string(), publishedRulesVersion: z.number().nullable(),
  }).nullable(),
  status: closed(ELIGIBILITY_STATUSES),
  check: eligibilityCheckView.nullable(),
});
export const checkRun = caseEligibilityView.extend({ checkId: z.uuid() });

export type ProjectView = z.input<typeof projectView>;
export type RulesView = z.input<typeof rulesView>;
export type EligibilityCheckView = z.input<typeof eligibilityCheckView>;
export type CaseEligibilityView = z.input<typeof caseEligibilityView>;
