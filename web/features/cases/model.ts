/**
 * The case vocabulary the web app shows. Values mirror the server's closed lists (see
 * docs/http-api.md); labels come from the catalogue (`stage.<value>`, `legalStatus.<value>`...).
 */

export const STAGES = [
  'registered',
  'counselling',
  'decision_recorded',
  'application_submitted',
  'approved',
  'travel_preparation',
  'departed',
  'arrived',
  'reintegration',
  'monitoring',
  'closed',
  'withdrawn',
  'ineligible',
  'suspended',
] as const;
export type Stage = (typeof STAGES)[number];

export const LEGAL_STATUSES = [
  'asylum_pending',
  'asylum_rejected',
  'irregular_stay',
  'regular_stay',
  'stranded_migrant',
  'other',
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export const CASE_KINDS = ['voluntary_return', 'post_arrival'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const RELATIONSHIPS = [
  'principal',
  'spouse',
  'partner',
  'child',
  'stepchild',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'other_relative',
  'unrelated',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
/** A household member's relationship to the principal applicant (the principal is set apart). */
export const MEMBER_RELATIONSHIPS = RELATIONSHIPS.filter((r) => r !== 'principal');

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'birth_certificate',
  'refugee_id',
  'residence_permit',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Stages that end or pause a case are told apart by colour as well as by text. */
export const STAGE_COLOURS: Record<string, string> = {
  registered: 'gray',
  counselling: 'blue',
  decision_recorded: 'blue',
  application_submitted: 'indigo',
  approved: 'teal',
  travel_preparation: 'cyan',
  departed: 'violet',
  arrived: 'grape',
  reintegration: 'green',
  monitoring: 'lime',
  closed: 'dark',
  withdrawn: 'orange',
  ineligible: 'red',
  suspended: 'yellow',
};

export interface IdentityDocument {
  id?: string;
  type: DocumentType;
  number: string;
  issuingCountry?: string | null;
  expiryDate?: string | null;
}

export interface Person {
  id: string;
  version: number;
  givenName: string;
  familyName: string;
  otherNames: string[];
  originalScriptName?: string | null;
  transliteration?: string | null;
  sex: Sex;
  birthDate?: string | null;
  birthDateEstimated: boolean;
  nationality?: string | null;
  languages: string[];
  phone?: string | null;
  email?: string | null;
  documents: IdentityDocument[];
}

export interface CaseMember {
  id: string;
  relationship: Relationship;
  travelling: boolean;
  isPrincipal: boolean;
  person: Person;
}

export interface AllowedTransition {
  to: Stage;
  reasonRequired: boolean;
}

export interface CaseRecord {
  id: string;
  caseNumber: string;
  kind: CaseKind;
  stage: Stage;
  /** Absent when the user reads the case as the origin office and the returnee did not consent to share it. */
  legalStatus?: LegalStatus;
  /** 'origin' for staff of the office the case was handed over to. */
  audience?: 'host' | 'origin';
  countryOfReturn: string;
  officeId: string;
  officeName: string;
  originOfficeId: string | null;
  ownerId: string;
  ownerName: string;
  organisationId: string;
  restricted: boolean;
  projectId: string | null;
  admissionDate: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  members: CaseMember[];
  allowedTransitions: AllowedTransition[];
  /** Moves made by an action with its own form: decision, application, withdrawal, departure, arrival. */
  availableActions: CaseAction[];
}

export type CaseAction = 'decision' | 'application' | 'withdrawal' | 'departure' | 'arrival';

/** One row of POST /api/cases/search. Name fields vary by server version, hence the options. */
export interface CaseSummary {
  id: string;
  caseNumber: string;
  kind?: CaseKind;
  stage: Stage;
  legalStatus?: LegalStatus;
  countryOfReturn?: string;
  officeId?: string;
  officeName?: string;
  ownerId?: string;
  ownerName?: string;
  principalName?: string;
  principal?: { givenName?: string; familyName?: string; birthDate?: string | null; nationality?: string | null };
  principalGivenName?: string;
  principalFamilyName?: string;
  nationality?: string | null;
  memberCount?: number;
  updatedAt: string;
}

export const principalNameOf = (row: CaseSummary): string =>
  row.principalName ??
  [row.principal?.givenName ?? row.principalGivenName, row.principal?.familyName ?? row.principalFamilyName]
    .filter(Boolean)
    .join(' ');

export const fullName = (person: Pick<Person, 'givenName' | 'familyName'>): string =>
  [person.givenName, person.familyName].filter(Boolean).join(' ');

export type SortKey = 'caseNumber' | 'principalName' | 'stage' | 'updatedAt';

/** The body of POST /api/cases/search, also what a saved filter stores. */
export interface CaseFilter {
  q?: string;
  stage?: Stage[];
  officeId?: string;
  ownerId?: string;
  nationality?: string;
  countryOfReturn?: string;
  legalStatus?: LegalStatus;
  kind?: CaseKind;
  sort?: SortKey;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface SearchResult<T> {
  items: T[];
  total: number;
  /** The count stopped at `total`: there are more matches. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface DuplicateCandidate {
  personId: string;
  caseId: string;
  caseNumber: string;
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  nationality?: string | null;
  score: number;
}
