import { z } from 'zod';
import { closed, instant, uuid } from './common.js';

/** The fields of the legacy shape: one row per person, with the key of their household. */
export const LEGACY_FIELDS = [
  'householdKey', 'legacyId', 'relationship', 'givenName', 'familyName', 'originalScriptName', 'sex', 'birthDate', 'nationality',
  'officeCode', 'legalStatus', 'countryOfReturn', 'kind', 'stage', 'registeredOn', 'approvedOn', 'departedOn', 'arrivedOn', 'closedOn',
  /** Vulnerability category codes of the person, separated by `;`, each through the value mappings. */
  'vulnerabilities',
  /** For a case of a person returned by a government (post-arrival): the day they were admitted into the country. */
  'admittedOn',
  /** The code of the case's project in Homeward (through the value mappings), of the office's organisation. */
  'projectCode',
  /** One identity document of the person: its type (closed list), number and issuing country (ISO 3166). */
  'documentType', 'documentNumber', 'documentCountry',
] as const;
/** The fields of a file of vulnerabilities: one row per vulnerability, linked to its case and person by their legacy ids. */
export const VULNERABILITY_FIELDS = ['legacyId', 'caseLegacyId', 'personLegacyId', 'category', 'identifiedOn', 'vulnerabilityStatus', 'details'] as const;
/**
 * The fields of a file of reintegration components: one row per component, linked to its case by
 * the case's legacy id; the amount a decimal in the currency (ISO 4217), turned into minor units.
 */
export const COMPONENT_FIELDS = [
  'legacyId', 'caseLegacyId', 'componentType', 'description', 'amount', 'currency', 'startsOn', 'endsOn', 'componentStatus',
] as const;
/**
 * The fields of a file of monitoring visits (a programme's monitoring history): one row per visit,
 * linked to its case by the case's legacy id; the scores as the old system gave them, decimals
 * from 0 to 1 (`IMPORTED_SCORE_RANGE`), kept apart from the scores of Homeward's instruments.
 */
export const VISIT_FIELDS = [
  'legacyId', 'caseLegacyId', 'visitedOn', 'visitMethod', 'visitOutcome', 'notReachedReason',
  'compositeScore', 'economicScore', 'socialScore', 'psychosocialScore', 'visitNotes',
] as const;
/** The range an imported score must be in (Homeward's scale), with at most four decimals. */
export const IMPORTED_SCORE_RANGE = { min: 0, max: 1, decimals: 4 } as const;
/** What the file of a run holds. */
export const IMPORT_ENTITIES = ['households', 'vulnerabilities', 'components', 'visits'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];
export const MAPPING_FIELDS = [...new Set([...LEGACY_FIELDS, ...VULNERABILITY_FIELDS, ...COMPONENT_FIELDS, ...VISIT_FIELDS])] as [string, ...string[]];
export type LegacyField = (typeof LEGACY_FIELDS)[number] | (typeof VULNERABILITY_FIELDS)[number] | (typeof COMPONENT_FIELDS)[number]
  | (typeof VISIT_FIELDS)[number];
export const ENTITY_FIELDS: Record<ImportEntity, readonly LegacyField[]> = {
  households: LEGACY_FIELDS, vulnerabilities: VULNERABILITY_FIELDS, components: COMPONENT_FIELDS, visits: VISIT_FIELDS,
};
export const REQUIRED_LEGACY_FIELDS: readonly LegacyField[] = [
  'householdKey', 'legacyId', 'relationship', 'givenName', 'familyName', 'legalStatus', 'countryOfReturn', 'stage', 'registeredOn',
];
export const REQUIRED_FIELDS: Record<ImportEntity, readonly LegacyField[]> = {
  households: REQUIRED_LEGACY_FIELDS,
  vulnerabilities: ['legacyId', 'caseLegacyId', 'personLegacyId', 'category', 'identifiedOn'],
  components: ['legacyId', 'caseLegacyId', 'componentType', 'amount', 'currency', 'startsOn', 'componentStatus'],
  visits: ['legacyId', 'caseLegacyId', 'visitedOn', 'visitMethod', 'visitOutcome'],
};
/**
 * The fields of a cases file, for a person file whose cases are in a file of their own (one row per
 * case, `legacyId` the case's legacy id: the person file's household key). With such a file, the
 * person file maps none of `CASE_FIELDS_OF_PERSON_FILE`.
 */
export const CASE_FILE_FIELDS = [
  'legacyId', 'officeCode', 'legalStatus', 'countryOfReturn', 'projectCode', 'kind', 'stage', 'registeredOn', 'approvedOn', 'departedOn', 'arrivedOn', 'closedOn', 'admittedOn',
] as const satisfies readonly LegacyField[];
export const REQUIRED_CASE_FILE_FIELDS: readonly LegacyField[] = ['legacyId', 'legalStatus', 'countryOfReturn', 'stage', 'registeredOn'];
/** The case's fields a person file carries when there is no cases file. */
export const CASE_FIELDS_OF_PERSON_FILE: readonly LegacyField[] = CASE_FILE_FIELDS.filter((f) => f !== 'legacyId');
/** Which of a run's files a report row comes from. */
export const IMPORT_REPORT_FILES = ['persons', 'cases'] as const;
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'rejected'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Which column holds each field, and per field the file's codes turned into Homeward's (e.g. "REJ" -> asylum_rejected). */
export const importMapping = z.object({
  columns: z.partialRecord(z.enum(MAPPING_FIELDS as [LegacyField, ...LegacyField[]]), z.string().max(200)),
  values: z.partialRecord(z.enum(MAPPING_FIELDS as [LegacyField, ...LegacyField[]]), z.record(z.string().max(200), z.string().max(200))).default({}),
  dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
}).strict();
export type ImportMapping = z.output<typeof importMapping>;

export const uploadQuery = z.object({ officeId: uuid.optional() }).strict();
export const mappingBody = z.object({
  officeId: uuid.optional(), name: text(100),
  /** What the mapped file holds. */
  entity: z.enum(IMPORT_ENTITIES).default('households'),
  mapping: importMapping,
  /** A person file's mapping saved with the mapping of its cases file (`CASE_FILE_FIELDS`), as a pair. */
  casesMapping: importMapping.optional(),
}).strict()
  .refine((b) => !b.casesMapping || b.entity === 'households', { message: 'Only a person file has a cases file.', path: ['casesMapping'] });
export const mappingListQuery = z.object({ officeId: uuid.optional() }).strict();
export const runBody = z.object({
  fileId: uuid,
  mode: z.enum(['dry_run', 'import']),
  /** What the file holds; a file of vulnerabilities links each row to a case and person of earlier imports of the source. */
  entity: z.enum(IMPORT_ENTITIES).default('households'),
  mapping: importMapping,
  /** The system the file comes from; with the legacy ids, what keeps a second import of it from doubling anything. */
  source: text(100),
  /** A person file (entity `households`) whose cases are in a second uploaded file, with that file's own mapping (`CASE_FILE_FIELDS`). */
  casesFileId: uuid.optional(),
  casesMapping: importMapping.optional(),
}).strict()
  .refine((b) => !b.casesFileId === !b.casesMapping, { message: 'A cases file needs its mapping, and a mapping its file.', path: ['casesMapping'] })
  .refine((b) => !b.casesFileId || b.entity === 'households', { message: 'Only a person file has a cases file.', path: ['casesFileId'] });
export const runListQuery = z.object({ officeId: uuid.optional() }).strict();
export const reportQuery = z.object({
  outcome: z.enum(IMPORT_OUTCOMES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
}).strict();

// ---- Answers ----
export const importFileView = z.object({
  id: uuid, fileName: z.string(), sizeBytes: z.number(), sha256: z.string(), encoding: closed(ENCODINGS), delimiter: z.string(),
  headers: z.array(z.string()), createdAt: instant,
});
export type ImportFileView = z.input<typeof importFileView>;
export const mappingView = z.object({
  id: uuid, officeId: uuid, name: z.string(), entity: closed(IMPORT_ENTITIES), mapping: importMapping, casesMapping: importMapping.nullable(), updatedAt: instant,
});
export const mappingList = z.object({ items: z.array(mappingView) });
export type MappingView = z.input<typeof mappingView>;
export const runView = z.object({
  id: uuid, fileId: uuid, fileName: z.string(),
  /** The cases file of a person file whose cases are in a file of their own, else null. */
  casesFileId: uuid.nullable(), casesFileName: z.string().nullable(),
  mode: z.enum(['dry_run', 'import']), entity: closed(IMPORT_ENTITIES), status: closed(IMPORT_STATUSES), source: z.string(),
  rowsTotal: z.number(), rowsDone: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(),
  possibleDuplicates: z.number(), cancelRequested: z.boolean(), errorCode: z.string().nullable(),
  /** Rows per second since the run started, and the seconds it still needs at that rate (null before it knows). */
  rate: z.number().nullable(), secondsLeft: z.number().nullable(),
  createdAt: instant, startedAt: instant.nullable(), finishedAt: instant.nullable(),
});
export type ImportRunView = z.input<typeof runView>;
export const runList = z.object({ items: z.array(runView) });
export const reportRowView = z.object({
  /** The file of the line: the cases file's rejected rows are reported with the person file's rows. */
  file: closed(IMPORT_REPORT_FILES),
  line: z.number(), householdKey: z.string().nullable(), legacyId: z.string().nullable(), outcome: z.string(),
  reason: z.string().nullable(), column: z.string().nullable(), possibleDuplicateOf: z.string().nullable(),
});
export const reportPage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(reportRowView) });
export type ImportReportPage = z.input<typeof reportPage>;

// ---- Preview of an uploaded file, and the review of possible duplicates ----
export const DUPLICATE_DECISIONS = ['same', 'different'] as const;
export const duplicateParams = z.object({ id: uuid, line: z.coerce.number().int().min(1).max(100_000_000) }).strict();
export const duplicateQuery = z.object({
  /** Only the rows with a candidate still undecided. */
  open: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
export const duplicateDecisionBody = z.object({ candidateId: uuid, decision: z.enum(DUPLICATE_DECISIONS) }).strict();

export const filePreview = z.object({
  fileId: uuid, headers: z.array(z.string()),
  /** The first data rows, each as wide as the header. */
  rows: z.array(z.array(z.string())),
  /** The rows read for the values below, and whether that was the whole file. */
  sampledRows: z.number(), complete: z.boolean(),
  /** Per column its distinct values with their counts; null for a column of free text (too many values). */
  columns: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.string(), count: z.number() })).nullable() })),
});
export type ImportFilePreview = z.input<typeof filePreview>;
const personSummary = {
  givenName: z.string().nullable(), familyName: z.string().nullable(), originalScriptName: z.string().nullable(),
  birthDate: z.string().nullable(), nationality: z.string().nullable(),
};
export const duplicateCandidateView = z.object({
  personId: uuid, ...personSummary, caseId: uuid.nullable(), caseNumber: z.string().nullable(),
  /** 0 to 1: the name in any spelling or script, the date of birth and the nationality weighed as the duplicate warning does. */
  score: z.number(),
  decision: z.enum(DUPLICATE_DECISIONS).nullable(), decidedAt: instant.nullable(), decidedBy: z.string().nullable(),
});
export const duplicateView = z.object({
  line: z.number(), householdKey: z.string().nullable(), legacyId: z.string().nullable(),
  /** The person the import created (null for a dry run) and the case of their household. */
  personId: uuid.nullable(), caseId: uuid.nullable(), caseNumber: z.string().nullable(),
  ...personSummary,
  candidates: z.array(duplicateCandidateView),
});
export type ImportDuplicateView = z.input<typeof duplicateView>;
export const duplicatePage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(duplicateView) });
export type ImportDuplicatePage = z.input<typeof duplicatePage>;
