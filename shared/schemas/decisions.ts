import { z } from 'zod';
import { isLanguageTag } from '../reference/languages.js';
import { STAGES } from '../cases.js';
import { closed, instant, isoDate, pageQuery, uuid } from './common.js';

export const DECIDED_BY = ['self', 'guardian', 'representative'] as const;

export const travellingBody = z.strictObject({ travelling: z.boolean() });

export const recordDecisionBody = z.strictObject({
  personId: uuid,
  decidedOn: isoDate,
  decidedBy: z.enum(DECIDED_BY),
  /** The legal guardian or representative who decided, named (required unless the person decided). */
  representativeName: z.string().trim().min(1).max(200).nullish(),
  /** The language the information was given in: a BCP 47 tag. */
  language: z.string().refine((v) => isLanguageTag(v), 'A BCP 47 language tag, e.g. ar'),
  informationUnderstood: z.boolean(),
  noPressure: z.boolean(),
  /** The signed declaration, uploaded first as an attachment of the case. */
  declarationAttachmentId: uuid,
  counsellorId: uuid,
});
export type RecordDecisionInput = z.infer<typeof recordDecisionBody>;

export const withdrawalBody = z.strictObject({ reason: z.string().trim().max(2000).nullish() });

export const applicationDecisionBody = z.strictObject({
  outcome: z.enum(['approved', 'rejected']),
  reason: z.string().trim().max(2000).nullish(),
});

export const applicationSearchBody = z.strictObject({ ...pageQuery });

// ---- Answers ----

export const DECISION_END_REASONS = ['superseded', 'withdrawn'] as const;
export const APPLICATION_OUTCOMES = ['approved', 'rejected', 'withdrawn'] as const;
const who = z.object({ id: uuid, name: z.string().nullable() });

export const informedDecisionView = z.object({
  id: uuid,
  version: z.number(),
  decidedOn: isoDate,
  decidedBy: closed(DECIDED_BY),
  representativeName: z.string().nullable(),
  language: z.string(),
  informationUnderstood: z.boolean(),
  noPressure: z.boolean(),
  /** The signed declaration (a case attachment); null when it is no longer readable. */
  declaration: z.object({ id: uuid, fileName: z.string().nullable() }).nullable(),
  counsellor: who.nullable(),
  recordedByName: z.string(),
  recordedAt: instant,
  endedAt: instant.nullable(),
  endedReason: closed(DECISION_END_REASONS).nullable(),
});
export const decisionsView = z.object({
  id: uuid,
  version: z.number(),
  stage: closed(STAGES),
  members: z.array(z.object({
    personId: uuid,
    name: z.string(),
    birthDate: isoDate.nullable(),
    isPrincipal: z.boolean(),
    travelling: z.boolean(),
    minor: z.boolean(),
    current: informedDecisionView.nullable(),
    history: z.array(informedDecisionView),
  })),
  /** Travelling members without a current decision. */
  withoutDecision: z.array(z.object({ personId: uuid, name: z.string() })),
  withdrawals: z.array(z.object({ id: uuid, fromStage: closed(STAGES), reason: z.string().nullable(), recordedByName: z.string(), at: instant })),
  applications: z.array(z.object({
    id: uuid,
    submittedBy: who,
    submittedAt: instant,
    outcome: closed(APPLICATION_OUTCOMES).nullable(),
    decidedBy: who.nullable(),
    decidedAt: instant.nullable(),
    reason: z.string().nullable(),
  })),
  counsellors: z.array(z.object({ id: uuid, name: z.string() })),
});
export const applicationQueue = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(z.object({
    id: uuid,
    caseId: uuid,
    caseNumber: z.string(),
    principalName: z.string(),
    countryOfReturn: z.string(),
    officeName: z.string(),
    travellers: z.number(),
    submittedBy: who,
    submittedAt: instant,
    /** The reader submitted it and may not approve it. */
    ownSubmission: z.boolean(),
  })),
});

export type InformedDecisionView = z.input<typeof informedDecisionView>;
export type DecisionsView = z.input<typeof decisionsView>;
export type ApplicationQueue = z.input<typeof applicationQueue>;
