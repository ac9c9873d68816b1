import type { IntlShape } from 'react-intl';
import { newIdempotencyKey } from '../../../lib/api';
import { isValidIsoDate } from '../../../lib/dates';
import type { CaseKind, LegalStatus, Relationship } from '../../../../shared/cases';
import { emptyPerson, toPersonPayload, validatePerson, type PersonDraft, type PersonPayload } from '../person/person-draft';

export interface MemberDraft {
  key: string;
  relationship: Relationship | '';
  person: PersonDraft;
  /** Signature of the duplicate candidates the user said are someone else. */
  confirmedFor: string | null;
}

export interface CaseDetailsDraft {
  kind: CaseKind;
  legalStatus: LegalStatus | '';
  countryOfReturn: string | null;
  officeId: string | null;
  /** Post-arrival cases: the date the person was admitted into the country ('' when not known yet). */
  admissionDate: string;
}

export interface WizardDraft {
  principal: PersonDraft;
  principalConfirmedFor: string | null;
  members: MemberDraft[];
  details: CaseDetailsDraft;
}

export interface RegisterCaseBody {
  kind: CaseKind;
  legalStatus: LegalStatus;
  countryOfReturn: string;
  officeId?: string;
  admissionDate?: string;
  principal: PersonPayload;
  members: { relationship: Relationship; person: PersonPayload }[];
}

export const STEP_PRINCIPAL = 0;
export const STEP_HOUSEHOLD = 1;
export const STEP_DETAILS = 2;
export const STEP_REVIEW = 3;

export const emptyMember = (): MemberDraft => ({
  key: newIdempotencyKey(),
  relationship: '',
  person: emptyPerson(),
  confirmedFor: null,
});

export const emptyWizard = (officeId: string | null): WizardDraft => ({
  principal: emptyPerson(),
  principalConfirmedFor: null,
  members: [],
  details: { kind: 'voluntary_return', legalStatus: '', countryOfReturn: null, officeId, admissionDate: '' },
});

export const memberPrefix = (index: number) => `members.${index}.person`;

export function validateStep(intl: IntlShape, draft: WizardDraft, step: number): Record<string, string> {
  const t = (id: string) => intl.formatMessage({ id });
  if (step === STEP_PRINCIPAL) return validatePerson(intl, draft.principal, 'principal');
  if (step === STEP_HOUSEHOLD) {
    return draft.members.reduce<Record<string, string>>((errors, member, index) => {
      if (!member.relationship) errors[`members.${index}.relationship`] = t('validation.choose');
      return { ...errors, ...validatePerson(intl, member.person, memberPrefix(index)) };
    }, {});
  }
  if (step === STEP_DETAILS) {
    const errors: Record<string, string> = {};
    if (!draft.details.kind) errors.kind = t('validation.choose');
    if (!draft.details.legalStatus) errors.legalStatus = t('validation.choose');
    if (!draft.details.countryOfReturn) errors.countryOfReturn = t('validation.choose');
    if (!draft.details.officeId) errors.officeId = t('validation.choose');
    if (draft.details.kind === 'post_arrival' && draft.details.admissionDate && !isValidIsoDate(draft.details.admissionDate)) {
      errors.admissionDate = t('handover.validation.date');
    }
    return errors;
  }
  return {};
}

/** Which step shows the field at a server error path. */
export const stepOfPath = (path: string) =>
  path.startsWith('principal') ? STEP_PRINCIPAL : path.startsWith('members') ? STEP_HOUSEHOLD : STEP_DETAILS;

export function toRegisterBody(draft: WizardDraft): RegisterCaseBody {
  return {
    kind: draft.details.kind,
    legalStatus: draft.details.legalStatus as LegalStatus,
    countryOfReturn: draft.details.countryOfReturn ?? '',
    ...(draft.details.officeId ? { officeId: draft.details.officeId } : {}),
    ...(draft.details.kind === 'post_arrival' && draft.details.admissionDate ? { admissionDate: draft.details.admissionDate } : {}),
    principal: toPersonPayload(draft.principal),
    members: draft.members.map((m) => ({
      relationship: m.relationship as Relationship,
      person: toPersonPayload(m.person),
    })),
  };
}
