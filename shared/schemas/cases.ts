import { z } from 'zod';
import { CASE_KINDS, DOCUMENT_TYPES, LEGAL_STATUSES, RELATIONSHIPS, SEXES, STAGES } from '../cases.js';
import { countryCode, isoDate, uuid } from './common.js';

const name = z.string().trim().min(1).max(120);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null));

export const documentInput = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  number: z.string().trim().min(1).max(60),
  issuingCountry: countryCode.nullable().optional(),
  expiryDate: isoDate.nullable().optional(),
});

export const personInput = z.strictObject({
  givenName: name,
  familyName: name,
  otherNames: z.array(name).max(20).default([]),
  originalScriptName: optionalText(200),
  transliteration: optionalText(200),
  sex: z.enum(SEXES),
  birthDate: isoDate.nullable().optional(),
  birthDateEstimated: z.boolean().default(false),
  nationality: countryCode.nullable().optional(),
  languages: z.array(z.string().min(2).max(20)).max(20).default([]),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
  documents: z.array(documentInput).max(20).default([]),
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

export const addMemberBody = z.strictObject({ relationship: z.enum(RELATIONSHIPS), person: personInput });
export const personPatch = personInput.partial().strict();
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
