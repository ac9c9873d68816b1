import { z } from 'zod';
import { instant, isoDate, uuid } from './common.js';

/** The shortest reason a supervisor may give to open a case outside their scope. */
export const BREAK_GLASS_REASON_MIN = 20;

/** A case number or a case id: break-glass needs the case named, never found by a search. */
export const caseRefParams = z.strictObject({ id: z.string().trim().min(1).max(64) });
/** The length is checked by the use case, so that a short reason answers with its own code. */
export const breakGlassBody = z.strictObject({ reason: z.string().max(2000) });
export const accessLogQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
/** The break-glass report's period: days (UTC), both included; by default the last 30 days. */
export const breakGlassReportQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
/** Find a person by the number of one of their cases. */
export const personLookupBody = z.strictObject({ caseNumber: z.string().trim().min(1).max(64) });

// ---- Answers ----

export const breakGlassGrantView = z.object({
  id: uuid,
  caseId: uuid,
  caseNumber: z.string(),
  grantedAt: instant,
  expiresAt: instant,
});

export const personLookupView = z.object({
  caseId: uuid,
  caseNumber: z.string(),
  /** The members of the case: the DPO chooses whose access log to read. */
  persons: z.array(z.object({ id: uuid, givenName: z.string(), familyName: z.string(), relationship: z.string() })),
});

export const accessLogView = z.object({
  person: z.object({ id: uuid, givenName: z.string(), familyName: z.string() }),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  items: z.array(z.object({
    id: z.string(),
    at: instant,
    event: z.string(),
    caseNumber: z.string().nullable(),
    /** Who: null for the system. */
    actor: z.object({ id: uuid, name: z.string(), roles: z.array(z.string()), office: z.string().nullable() }).nullable(),
    /** Why: through a break-glass grant (with its reason), or within the actor's scope. */
    why: z.object({ kind: z.enum(['break_glass', 'in_scope']), reason: z.string().nullable(), grantId: uuid.nullable() }),
  })),
});

/** The break-glass accesses of the officer's organisation granted in a period, newest first. */
export const breakGlassReportView = z.object({
  from: isoDate,
  to: isoDate,
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  items: z.array(z.object({
    id: uuid,
    caseNumber: z.string(),
    grantedAt: instant,
    expiresAt: instant,
    reason: z.string(),
    /** The supervisor who broke the glass, and their office as it is now. */
    openedBy: z.object({ id: uuid, name: z.string(), office: z.string().nullable() }),
    reviewedAt: instant.nullable(),
    reviewedBy: z.string().nullable(),
  })),
});

export type BreakGlassGrantView = z.input<typeof breakGlassGrantView>;
export type BreakGlassReportView = z.input<typeof breakGlassReportView>;
export type PersonLookupView = z.input<typeof personLookupView>;
export type AccessLogView = z.input<typeof accessLogView>;

// ---- The right of access (requests) ----

/** The shortest reference or reason an officer gives for an access request. */
export const ACCESS_REQUEST_REFERENCE_MIN = 10;
export const ACCESS_REQUEST_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export const ACCESS_REQUEST_FORMATS = ['json', 'csv', 'pdf'] as const;
/** The length is checked by the use case, so that a short reference answers with its own code. */
export const accessRequestBody = z.strictObject({
  language: z.enum(ACCESS_REQUEST_LANGUAGES),
  reference: z.string().max(2000),
});
export const accessRequestDownloadQuery = z.strictObject({ format: z.enum(ACCESS_REQUEST_FORMATS) });

export const accessRequestView = z.object({
  id: uuid,
  personId: uuid,
  language: z.enum(ACCESS_REQUEST_LANGUAGES),
  reference: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'expired']),
  sectionsDone: z.number(),
  sectionsTotal: z.number(),
  errorCode: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: instant,
  finishedAt: instant.nullable(),
  expiresAt: instant,
});
export const accessRequestList = z.object({ items: z.array(accessRequestView) });
export type AccessRequestView = z.input<typeof accessRequestView>;
