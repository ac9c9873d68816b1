import { z } from 'zod';
import { CASE_KINDS, DOCUMENT_TYPES, LEGAL_STATUSES, RELATIONSHIPS, SEXES, STAGES } from '../cases.js';
import { closed, countryCode, instant, isoDate, storedJson, uuid } from './common.js';

const name = z.string().trim().min(1).max(120);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null));

export const documentInput = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  number: z.string().trim().min(1).max(60),
  issuingCountry: countryCode.nullable().optional(),
  expiryDate: isoDate.nullable().optional(),
});

/** A person's fields as sent, without defaults: a correction (`personPatch`) changes only what it names. */
const personFields = {
  givenName: name,
  familyName: name,
  otherNames: z.array(name).max(20),
  originalScriptName: optionalText(200),
  transliteration: optionalText(200),
  sex: z.enum(SEXES),
  birthDate: isoDate.nullable().optional(),
  birthDateEstimated: z.boolean(),
  nationality: countryCode.nullable().optional(),
  languages: z.array(z.string().min(2).max(20)).max(20),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
  documents: z.array(documentInput).max(20),
};

export const personInput = z.strictObject({
  ...personFields,
  otherNames: personFields.otherNames.default([]),
  birthDateEstimated: personFields.birthDateEstimated.default(false),
  languages: personFields.languages.default([]),
  documents: personFields.documents.default([]),
});
export type PersonInput = z.infer<typeof personInput>;

export const createCaseBody = z.strictObject({
  kind: z.enum(CASE_KINDS),
  legalStatus: z.enum(LEGAL_STATUSES),
  countryOfReturn: countryCode,
  officeId: uuid.optional(),
  ownerId: uuid.optional(),
  principal: personInput,
  members: z.array(z.strictObject({ relationship: z.enum(RELATIONSHIPS), person: personInput })).max(30).default([]),
  /** Post-arrival cases: the date the person was admitted into the country (may also be recorded later). */
  admissionDate: isoDate.optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseBody>;

export const updateCaseBody = z.strictObject({
  legalStatus: z.enum(LEGAL_STATUSES).optional(),
  countryOfReturn: countryCode.optional(),
  ownerId: uuid.optional(),
});
export type UpdateCaseInput = z.infer<typeof updateCaseBody>;

/** Several cases handed to one new owner at once: each case with the version the client last saw. */
export const reassignCasesBody = z.strictObject({
  ownerId: uuid,
  cases: z
    .array(z.strictObject({ id: uuid, version: z.number().int().min(1) }))
    .min(1)
    .max(100)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, { message: 'A case is listed twice.' }),
});
export type ReassignCasesInput = z.infer<typeof reassignCasesBody>;

export const addMemberBody = z.strictObject({ relationship: z.enum(RELATIONSHIPS), person: personInput });
/**
 * A correction of a person: only the fields it names change. Built from the fields without their
 * defaults, so that a field left out is kept as it is, never reset (to no documents, say).
 */
export const personPatch = z.strictObject(personFields).partial().strict();
export type PersonPatch = z.infer<typeof personPatch>;

export const transitionBody = z.strictObject({ to: z.enum(STAGES), reason: z.string().trim().max(2000).optional() });

export const SORT_FIELDS = ['updatedAt', 'createdAt', 'caseNumber', 'principalName', 'stage'] as const;
export const caseFilter = z.strictObject({
  q: z.string().trim().max(200).optional(),
  stage: z.array(z.enum(STAGES)).max(20).optional(),
  officeId: uuid.optional(),
  ownerId: uuid.optional(),
  nationality: countryCode.optional(),
  countryOfReturn: countryCode.optional(),
  legalStatus: z.enum(LEGAL_STATUSES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  sort: z.enum(SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export const caseSearchBody = caseFilter.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  /**
   * The `nextCursor` of the previous page: the page after it in the same sort, however far down
   * the list (then `page` only numbers the page for display). Opaque; it holds no name.
   */
  cursor: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type CaseSearchInput = z.infer<typeof caseSearchBody>;

export const duplicateCheckBody = z.strictObject({
  givenName: z.string().trim().max(120).default(''),
  familyName: z.string().trim().max(120).default(''),
  otherNames: z.array(z.string().max(120)).max(20).optional(),
  originalScriptName: z.string().trim().max(200).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  nationality: countryCode.nullable().optional(),
});
export type DuplicateCheckInput = z.infer<typeof duplicateCheckBody>;

export const noteBody = z.strictObject({ body: z.string().trim().min(1).max(20_000), sensitive: z.boolean().default(false) });
export const savedFilterBody = z.strictObject({ name: z.string().trim().min(1).max(100), filter: caseFilter });
export const caseChildParams = z.strictObject({ id: uuid, childId: uuid });

// ---- Answers ----

const CASE_ACTIONS = ['decision', 'application', 'withdrawal', 'departure', 'arrival', 'reintegration'] as const;
export const AUDIENCES = ['host', 'origin'] as const;
/**
 * The legal status in an answer: absent (or, from older presenters, null) when the actor reads the
 * case as the origin office without the returnee's consent to share the asylum history.
 */
const withheldLegalStatus = closed(LEGAL_STATUSES).nullable().optional();

export const identityDocumentView = z.object({
  id: uuid,
  type: closed(DOCUMENT_TYPES),
  number: z.string(),
  issuingCountry: z.string().nullable(),
  expiryDate: isoDate.nullable(),
});
/** Where an imported record came from: the source named at its import, and its id in that system; null for a record entered in Homeward. */
const provenanceView = z.object({ source: z.string(), legacyId: z.string() }).nullable();
export const personView = z.object({
  id: uuid,
  version: z.number(),
  /** Whether the person was erased: their names then hold the marker `[erased]` and nothing else. */
  erased: z.boolean().describe('The person was erased (anonymised): givenName is the marker "[erased]", familyName is empty; show it as "Erased person" in the reader\'s language.'),
  givenName: z.string().describe('The given name, or the marker "[erased]" for an erased person (see `erased`).'),
  familyName: z.string(),
  otherNames: z.array(z.string()),
  originalScriptName: z.string().nullable(),
  transliteration: z.string().nullable(),
  sex: closed(SEXES),
  birthDate: isoDate.nullable(),
  birthDateEstimated: z.boolean(),
  nationality: z.string().nullable(),
  languages: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  documents: z.array(identityDocumentView),
  /** An imported person's provenance (`provenanceView`). An erased person keeps none. */
  importedFrom: provenanceView,
});
export const caseMemberView = z.object({
  id: uuid,
  relationship: closed([...RELATIONSHIPS, 'principal']),
  travelling: z.boolean(),
  isPrincipal: z.boolean(),
  person: personView,
});
export const caseView = z.object({
  id: uuid,
  caseNumber: z.string(),
  kind: closed(CASE_KINDS),
  stage: closed(STAGES),
  stageChangedAt: instant,
  legalStatus: withheldLegalStatus,
  /** 'origin' for staff of the office the case was handed over to. */
  audience: closed(AUDIENCES),
  countryOfReturn: z.string(),
  officeId: uuid,
  officeName: z.string(),
  originOfficeId: uuid.nullable(),
  originOfficeName: z.string().nullable(),
  organisationId: uuid,
  ownerId: uuid,
  ownerName: z.string(),
  restricted: z.boolean(),
  projectId: uuid.nullable(),
  admissionDate: isoDate.nullable(),
  /** The day the case was approved, and the day it departed (a voluntary return's): set by those moves, or imported from a legacy file. */
  approvedOn: isoDate.nullable(),
  departedOn: isoDate.nullable(),
  /** An imported case's provenance (`provenanceView`): its id there is the household key. */
  importedFrom: provenanceView,
  createdAt: instant,
  updatedAt: instant,
  version: z.number(),
  members: z.array(caseMemberView),
  allowedTransitions: z.array(z.object({ to: closed(STAGES), reasonRequired: z.boolean() })),
  /** Moves made by an action with its own form: decision, application, withdrawal, departure, arrival. */
  availableActions: z.array(closed(CASE_ACTIONS)),
});
/** A registration the registrant may not open afterwards (another owner, a restricted case) answers its id only. */
export const registeredCase = z.union([caseView, z.object({ id: uuid })]);

export const caseSummary = z.object({
  id: uuid,
  caseNumber: z.string(),
  kind: closed(CASE_KINDS),
  stage: closed(STAGES),
  legalStatus: withheldLegalStatus,
  countryOfReturn: z.string(),
  officeId: uuid,
  officeName: z.string(),
  ownerId: uuid,
  ownerName: z.string(),
  /** The case's version, for changes made from a list (reassigning several cases). */
  version: z.number(),
  memberCount: z.number(),
  principal: z.object({ givenName: z.string(), familyName: z.string(), nationality: z.string().nullable(), birthDate: isoDate.nullable() }),
  /** Name searches: how closely the principal's name matched. */
  score: z.number().optional(),
  updatedAt: instant,
  createdAt: instant,
});
export const caseSearchResult = z.object({
  items: z.array(caseSummary),
  total: z.number(),
  /** The count stopped at `total`: there are more matches. A name search ranks the cases of at most 100 matching members in the reader's scope (exact spellings first, then one typing error); past that it says so here. */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  /** The cursor of the next page, when there is one (lists ranked by name similarity page by number only). */
  nextCursor: z.string().nullable().optional(),
});
export const stageCountsView = z.object({
  counts: z.record(z.string(), z.number().optional()),
  /** Stages with 1 to 4 cases, withheld from those who count cases they cannot open. */
  suppressed: z.array(closed(STAGES)),
  total: z.number(),
});
/** Open cases (not withdrawn or closed) per owner in the supervisor's scope, busiest first. */
export const caseloadView = z.object({
  owners: z.array(z.object({ ownerId: uuid, ownerName: z.string(), officeId: uuid.nullable(), active: z.boolean(), openCases: z.number() })),
});
/** The cases handed over, with their new versions. */
export const reassignedCases = z.object({ ownerId: uuid, cases: z.array(z.object({ id: uuid, version: z.number(), changed: z.boolean() })) });
export const duplicateCandidates = z.object({
  candidates: z.array(z.object({
    personId: uuid,
    givenName: z.string(),
    familyName: z.string(),
    originalScriptName: z.string().nullable(),
    birthDate: isoDate.nullable(),
    nationality: z.string().nullable(),
    caseId: uuid,
    caseNumber: z.string(),
    stage: closed(STAGES),
    relationship: closed([...RELATIONSHIPS, 'principal']),
    score: z.number(),
  })),
});
// Recorded values, as the audit trail keeps them (already cut down to what the reader may see).
const auditValues = z.unknown();
/** The printable summary: the case as the reader sees it, its stage history, who printed it and when. */
export const caseSummaryPrintView = z.object({
  case: caseView,
  transitions: z.array(z.object({ id: uuid, fromStage: closed(STAGES).nullable(), toStage: closed(STAGES), reason: z.string().nullable(), actorName: z.string().nullable(), at: instant })),
  printedAt: instant,
  printedBy: z.string(),
});
export const caseHistoryView = z.object({
  transitions: z.array(z.object({ id: uuid, fromStage: closed(STAGES).nullable(), toStage: closed(STAGES), reason: z.string().nullable(), actorName: z.string().nullable(), at: instant })),
  events: z.array(z.object({
    id: z.number(),
    event: z.string(),
    at: instant,
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    actorName: z.string().nullable(),
    changedFields: z.array(z.string()),
    /** Only for readers of values: the fields recorded whose values they may not read. */
    withheldFields: z.array(z.string()).optional(),
    changes: z.object({ before: auditValues, after: auditValues }).optional(),
  })),
});
export const noteView = z.object({ id: uuid, body: z.string(), sensitive: z.boolean(), authorId: uuid, authorName: z.string(), createdAt: instant });
export const attachmentView = z.object({
  id: uuid,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  description: z.string().nullable(),
  uploadedByName: z.string(),
  createdAt: instant,
});
export const savedFilterView = z.object({ id: uuid, name: z.string(), filter: storedJson<z.input<typeof caseFilter>>(), createdAt: instant });

export type IdentityDocumentView = z.input<typeof identityDocumentView>;
export type PersonView = z.input<typeof personView>;
export type CaseMemberView = z.input<typeof caseMemberView>;
export type CaseView = z.input<typeof caseView>;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export type CaseSummary = z.input<typeof caseSummary>;
export type CaseSearchResult = z.input<typeof caseSearchResult>;
export type StageCountsView = z.input<typeof stageCountsView>;
export type CaseloadView = z.input<typeof caseloadView>;
export type ReassignedCases = z.input<typeof reassignedCases>;
export type DuplicateCandidate = z.input<typeof duplicateCandidates>['candidates'][number];
export type CaseHistoryView = z.input<typeof caseHistoryView>;
export type CaseSummaryPrintView = z.input<typeof caseSummaryPrintView>;
export type NoteView = z.input<typeof noteView>;
export type AttachmentView = z.input<typeof attachmentView>;
export type SavedFilterView = z.input<typeof savedFilterView>;
export type AllowedTransition = CaseView['allowedTransitions'][number];
/** The body of POST /api/cases/search, also what a saved filter stores. */
export type CaseFilter = z.input<typeof caseSearchBody>;
export type SortField = (typeof SORT_FIELDS)[number];
