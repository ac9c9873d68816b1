import type { IntlShape } from 'react-intl';
import { newIdempotencyKey } from '../../../lib/api';
import { isValidIsoDate, todayIso } from '../../../lib/dates';
import type { DocumentType, Sex } from '../../../../shared/cases';
import type { PersonView as Person } from '../../../../shared/schemas/cases';

/** A person as typed into a form: every field a string (or list) so inputs stay controlled. */
export interface DocumentDraft {
  key: string;
  type: DocumentType | '';
  number: string;
  issuingCountry: string | null;
  expiryDate: string;
}

export interface PersonDraft {
  givenName: string;
  familyName: string;
  otherNames: string[];
  originalScriptName: string;
  transliteration: string;
  sex: Sex | '';
  birthDate: string;
  birthDateEstimated: boolean;
  nationality: string | null;
  languages: string[];
  phone: string;
  email: string;
  documents: DocumentDraft[];
}

/** The Person body of POST /api/cases and /members (optional fields absent when empty). */
export interface PersonPayload {
  givenName: string;
  familyName: string;
  otherNames: string[];
  originalScriptName?: string;
  transliteration?: string;
  sex: Sex;
  birthDate?: string;
  birthDateEstimated: boolean;
  nationality?: string;
  languages: string[];
  phone?: string;
  email?: string;
  documents: { type: DocumentType; number: string; issuingCountry?: string; expiryDate?: string }[];
}

export const emptyDocument = (): DocumentDraft => ({
  key: newIdempotencyKey(),
  type: '',
  number: '',
  issuingCountry: null,
  expiryDate: '',
});

export const emptyPerson = (): PersonDraft => ({
  givenName: '',
  familyName: '',
  otherNames: [],
  originalScriptName: '',
  transliteration: '',
  sex: '',
  birthDate: '',
  birthDateEstimated: false,
  nationality: null,
  languages: [],
  phone: '',
  email: '',
  documents: [],
});

export const draftFromPerson = (person: Person): PersonDraft => ({
  givenName: person.givenName ?? '',
  familyName: person.familyName ?? '',
  otherNames: person.otherNames ?? [],
  originalScriptName: person.originalScriptName ?? '',
  transliteration: person.transliteration ?? '',
  sex: person.sex ?? '',
  birthDate: person.birthDate ?? '',
  birthDateEstimated: Boolean(person.birthDateEstimated),
  nationality: person.nationality ?? null,
  languages: person.languages ?? [],
  phone: person.phone ?? '',
  email: person.email ?? '',
  documents: (person.documents ?? []).map((d) => ({
    key: d.id ?? newIdempotencyKey(),
    type: d.type,
    number: d.number,
    issuingCountry: d.issuingCountry ?? null,
    expiryDate: d.expiryDate ?? '',
  })),
});

const opt = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

export function toPersonPayload(draft: PersonDraft): PersonPayload {
  return {
    givenName: draft.givenName.trim(),
    familyName: draft.familyName.trim(),
    otherNames: draft.otherNames.map((n) => n.trim()).filter(Boolean),
    originalScriptName: opt(draft.originalScriptName),
    transliteration: opt(draft.transliteration),
    sex: draft.sex as Sex,
    birthDate: opt(draft.birthDate),
    birthDateEstimated: draft.birthDateEstimated,
    nationality: opt(draft.nationality),
    languages: draft.languages,
    phone: opt(draft.phone),
    email: opt(draft.email),
    documents: draft.documents.map((d) => ({
      type: d.type as DocumentType,
      number: d.number.trim(),
      issuingCountry: opt(d.issuingCountry),
      expiryDate: opt(d.expiryDate),
    })),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d\s./-]{5,30}$/;

/** Client-side checks; keys are paths under `prefix` (e.g. `principal.documents.0.number`). */
export function validatePerson(intl: IntlShape, draft: PersonDraft, prefix: string): Record<string, string> {
  const t = (id: string) => intl.formatMessage({ id });
  const errors: Record<string, string> = {};
  const at = (field: string, id: string) => {
    errors[`${prefix}.${field}`] = t(id);
  };
  if (!draft.givenName.trim()) at('givenName', 'validation.required');
  if (!draft.familyName.trim()) at('familyName', 'validation.required');
  if (draft.givenName.length > 200) at('givenName', 'validation.tooLong');
  if (draft.familyName.length > 200) at('familyName', 'validation.tooLong');
  if (!draft.sex) at('sex', 'validation.choose');
  if (draft.birthDate) {
    if (!isValidIsoDate(draft.birthDate)) at('birthDate', 'validation.date');
    else if (draft.birthDate > todayIso()) at('birthDate', 'validation.dateInFuture');
  } else if (draft.birthDateEstimated) {
    at('birthDate', 'validation.estimatedNeedsDate');
  }
  if (draft.email.trim() && !EMAIL.test(draft.email.trim())) at('email', 'validation.email');
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) at('phone', 'validation.phone');
  draft.documents.forEach((doc, i) => {
    if (!doc.type) at(`documents.${i}.type`, 'validation.choose');
    if (!doc.number.trim()) at(`documents.${i}.number`, 'validation.required');
    if (doc.expiryDate && !isValidIsoDate(doc.expiryDate)) at(`documents.${i}.expiryDate`, 'validation.date');
  });
  return errors;
}

/** What the duplicate check compares; empty optional fields are left out. */
export function duplicateQueryOf(draft: PersonDraft) {
  const birthDate = isValidIsoDate(draft.birthDate) ? draft.birthDate : undefined;
  return {
    givenName: draft.givenName.trim(),
    familyName: draft.familyName.trim(),
    ...(draft.otherNames.length ? { otherNames: draft.otherNames } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(draft.nationality ? { nationality: draft.nationality } : {}),
    ...(draft.originalScriptName.trim() ? { originalScriptName: draft.originalScriptName.trim() } : {}),
  };
}
