import { z } from 'zod';
import { instant, uuid } from './common.js';

/** The shortest reason for placing or lifting a legal hold or a restriction, and for an erasure. */
export const PERSON_DECISION_REASON_MIN = 20;

/** The kinds of data an erasure destroys (docs/data-protection.md, "Erasure"). */
export const ERASURE_KINDS = [
  'names', 'contacts', 'identity_documents', 'travel_documents', 'notes', 'attachments', 'health_records',
  'vulnerability_details', 'counselling_notes', 'case_texts', 'import_rows',
] as const;
export type ErasureKind = (typeof ERASURE_KINDS)[number];

/** Why an erasure is refused now: each blocker is the error code the erasure answers with. */
export const ERASURE_BLOCKERS = ['ERASURE_BLOCKED_LEGAL_HOLD', 'ERASURE_BLOCKED_OPEN_PAYMENT', 'ERASURE_BLOCKED_ACTIVE_CASE'] as const;

/** The length is checked by the use case, so that a short reason answers with its own code. */
export const personDecisionBody = z.strictObject({ reason: z.string().max(2000) });

// ---- Answers ----

const decisionView = z.object({
  reason: z.string(),
  placedAt: instant,
  placedBy: z.string(),
});

/** A person as the data-protection officer sees them: who, and the decisions in force. */
export const personProtectionView = z.object({
  person: z.object({
    id: uuid,
    givenName: z.string(),
    familyName: z.string(),
    sex: z.string(),
    birthYear: z.number().nullable(),
    erasedAt: instant.nullable(),
  }),
  cases: z.array(z.object({ id: uuid, caseNumber: z.string(), stage: z.string() })),
  legalHold: decisionView.nullable(),
  restriction: decisionView.nullable(),
});

export const erasurePreviewView = z.object({
  personId: uuid,
  counts: z.array(z.object({ kind: z.enum(ERASURE_KINDS), count: z.number() })),
  blockers: z.array(z.enum(ERASURE_BLOCKERS)),
});

export const erasureResultView = z.object({
  personId: uuid,
  erasedAt: instant,
  counts: z.array(z.object({ kind: z.enum(ERASURE_KINDS), count: z.number() })),
});

export type PersonProtectionView = z.input<typeof personProtectionView>;
export type ErasurePreviewView = z.input<typeof erasurePreviewView>;
export type ErasureResultView = z.input<typeof erasureResultView>;
