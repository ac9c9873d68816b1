import { z } from 'zod';
import { amountMinorSchema, currencySchema } from '../money.js';
import { closed, countryCode, instant, isoDate, pageQuery, uuid } from './common.js';

/** Where a community project stands: planned -> active -> completed; planned or active -> cancelled (with a reason). */
export const COMMUNITY_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export type CommunityStatus = (typeof COMMUNITY_STATUSES)[number];
/** The moves a community project may make. */
export const COMMUNITY_TRANSITIONS: Record<CommunityStatus, readonly CommunityStatus[]> = {
  planned: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};
/** What a group training teaches. */
export const TRAINING_KINDS = ['business_basic', 'business_advanced', 'vocational', 'life_skills', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const COMPLETIONS = ['completed', 'not_completed'] as const;
export type Completion = (typeof COMPLETIONS)[number];
/** Share of sessions attended from which completion is suggested (the user still sets it). */
export const COMPLETION_SUGGESTED_FROM = 0.8;

const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(1_000_000);

/** Beneficiaries by group (returnees, community members) and sex. */
export const beneficiariesBody = z.strictObject({
  returneesFemale: count,
  returneesMale: count,
  returneesOther: count,
  communityFemale: count,
  communityMale: count,
  communityOther: count,
});
export type Beneficiaries = z.infer<typeof beneficiariesBody>;

/** A partner: a provider of the registry, or a name the registry does not hold. */
export const partnerBody = z.union([z.strictObject({ providerId: uuid }), z.strictObject({ name: text(200) })]);

/** A community project as created or edited; the office is the user's own unless another in scope is named (only on creation). */
export const communityProjectBody = z
  .strictObject({
    officeId: uuid.optional(),
    title: text(200),
    countryCode,
    place: text(200),
    projectId: uuid.nullable().optional().transform((v) => v ?? null),
    budgetMinor: amountMinorSchema(),
    currency: currencySchema,
    partners: z.array(partnerBody).max(50).default([]),
    startsOn: isoDate,
    endsOn: isoDate,
    beneficiaries: beneficiariesBody,
  })
  .refine((p) => p.endsOn >= p.startsOn, { message: 'The end date is on or after the start date.', path: ['endsOn'] });
export type CommunityProjectInput = z.input<typeof communityProjectBody>;
export type CommunityProjectValues = z.infer<typeof communityProjectBody>;

export const communityStatusBody = z.strictObject({
  status: z.enum(COMMUNITY_STATUSES),
  reason: z.string().trim().max(1000).optional(),
});
export type CommunityStatusInput = z.infer<typeof communityStatusBody>;

export const communitySearchBody = z.strictObject({
  status: z.enum(COMMUNITY_STATUSES).optional(),
  officeId: uuid.optional(),
  ...pageQuery,
});
export type CommunitySearchInput = z.infer<typeof communitySearchBody>;

export const linkReturneeBody = z.strictObject({ caseId: uuid });
export const returneeParams = z.strictObject({ id: uuid, caseId: uuid });

/** A group training as created or edited. */
export const trainingBody = z.strictObject({
  officeId: uuid.optional(),
  title: text(200),
  kind: z.enum(TRAINING_KINDS),
  providerId: uuid,
});
export type TrainingInput = z.input<typeof trainingBody>;
export type TrainingValues = z.infer<typeof trainingBody>;

export const trainingListBody = z.strictObject({ officeId: uuid.optional(), ...pageQuery });
export type TrainingListInput = z.infer<typeof trainingListBody>;

/** One session: the day, the local start time (HH:MM), how long, where. */
export const sessionBody = z.strictObject({
  heldOn: isoDate,
  startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time as HH:MM'),
  durationMinutes: z.number().int().min(1).max(1440),
  place: text(200),
});
export type SessionInput = z.input<typeof sessionBody>;
export const sessionParams = z.strictObject({ id: uuid, sessionId: uuid });

export const enrolBody = z.strictObject({ caseId: uuid, personId: uuid });
export const participantParams = z.strictObject({ id: uuid, personId: uuid });

/** Attendance of one session, for the enrolled people named (others keep what was recorded). */
export const attendanceBody = z.strictObject({
  attendance: z.array(z.strictObject({ personId: uuid, present: z.boolean() })).min(1).max(500)
    .refine((a) => new Set(a.map((x) => x.personId)).size === a.length, { message: 'Each person is listed once.' }),
});
export type AttendanceInput = z.infer<typeof attendanceBody>;

export const completionBody = z.strictObject({ completion: z.enum(COMPLETIONS) });

// ---- Answers ----

export const beneficiariesView = z.object({
  returneesFemale: z.number(), returneesMale: z.number(), returneesOther: z.number(),
  communityFemale: z.number(), communityMale: z.number(), communityOther: z.number(),
});

export const communityProjectView = z.object({
  id: z.string(),
  version: z.number(),
  officeId: z.string(),
  officeName: z.string(),
  title: z.string(),
  countryCode: z.string(),
  place: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  budgetMinor: z.number(),
  currency: z.string(),
  partners: z.array(z.object({ providerId: z.string().nullable(), name: z.string() })),
  startsOn: z.string(),
  endsOn: z.string(),
  status: closed(COMMUNITY_STATUSES),
  statusReason: z.string().nullable(),
  statusChangedAt: instant.nullable(),
  beneficiaries: beneficiariesView,
  /** The linked cases the reader may see: reference number and the principal applicant's name. */
  returnees: z.array(z.object({ caseId: z.string(), caseNumber: z.string(), name: z.string(), linkedAt: instant })),
  /** Linked cases outside the reader's reach: counted, never named. */
  hiddenReturnees: z.number(),
  createdAt: instant,
  updatedAt: instant,
});
export const communityProjectPage = z.object({ items: z.array(communityProjectView.omit({ returnees: true, hiddenReturnees: true, partners: true })), total: z.number(), page: z.number(), pageSize: z.number() });

export const trainingSessionView = z.object({ id: z.string(), heldOn: z.string(), startsAt: z.string(), durationMinutes: z.number(), place: z.string() });
export const trainingParticipantView = z.object({
  personId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  name: z.string(),
  /** Session id -> present; sessions without a record are absent from the map. */
  attendance: z.record(z.string(), z.boolean()),
  attended: z.number(),
  totalSessions: z.number(),
  /** Suggested from attendance (at least 80 % of sessions); null before any session. */
  suggestedCompletion: closed(COMPLETIONS).nullable(),
  completion: closed(COMPLETIONS).nullable(),
});
export const trainingView = z.object({
  id: z.string(),
  version: z.number(),
  officeId: z.string(),
  officeName: z.string(),
  title: z.string(),
  kind: closed(TRAINING_KINDS),
  providerId: z.string(),
  providerName: z.string(),
  sessions: z.array(trainingSessionView),
  participants: z.array(trainingParticipantView),
  /** Enrolled people outside the reader's reach: counted, never named. */
  hiddenParticipants: z.number(),
  createdAt: instant,
  updatedAt: instant,
});
export const trainingSummary = z.object({
  id: z.string(), version: z.number(), officeId: z.string(), officeName: z.string(), title: z.string(), kind: closed(TRAINING_KINDS),
  providerName: z.string(), sessionCount: z.number(), participantCount: z.number(), updatedAt: instant,
});
export const trainingPage = z.object({ items: z.array(trainingSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export type CommunityProjectView = z.input<typeof communityProjectView>;
export type CommunityProjectPage = z.input<typeof communityProjectPage>;
export type TrainingView = z.input<typeof trainingView>;
export type TrainingPage = z.input<typeof trainingPage>;
export type TrainingParticipantView = z.input<typeof trainingParticipantView>;
export type TrainingSessionView = z.input<typeof trainingSessionView>;
