/** Case vocabulary shared by the server, the web app and the demo data. */
export const STAGES = [
  'registered', 'counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation',
  'departed', 'arrived', 'reintegration', 'monitoring', 'closed', 'withdrawn', 'ineligible', 'suspended',
] as const;
export type Stage = (typeof STAGES)[number];

export const LEGAL_STATUSES = ['asylum_pending', 'asylum_rejected', 'irregular_stay', 'regular_stay', 'stranded_migrant', 'other'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export const CASE_KINDS = ['voluntary_return', 'post_arrival'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const RELATIONSHIPS = ['spouse', 'partner', 'child', 'stepchild', 'parent', 'sibling', 'grandparent', 'grandchild', 'other_relative', 'unrelated'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number] | 'principal';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const DOCUMENT_TYPES = ['passport', 'national_id', 'birth_certificate', 'refugee_id', 'residence_permit', 'other'] as const;
export type Sex = (typeof SEXES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** A document number as a search compares it: upper case, letters and digits only. */
export const normaliseDocumentNumber = (n: string) => n.toUpperCase().replace(/[^A-Z0-9]/g, '');
