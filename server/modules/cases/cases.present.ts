import { isErasedPersonName } from '../../../shared/person-name.js';
import type { Actor } from '../../platform/actor.js';
import type { CaseRow, MemberRow } from './cases.repo.js';
import type { Transition } from './case-workflow.js';
import type { CaseFieldPolicy } from './field-policy.js';

/** Where an imported record came from (its legacy source and id), or null for one entered in Homeward. */
const provenance = (r: { legacy_source: string | null; legacy_id: string | null }) =>
  r.legacy_source !== null && r.legacy_id !== null ? { source: r.legacy_source, legacyId: r.legacy_id } : null;

export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    relationship: m.relationship,
    travelling: m.travelling,
    isPrincipal: m.relationship === 'principal',
    person: {
      id: m.person_id,
      version: m.person_version,
      erased: isErasedPersonName(m.given_name),
      givenName: m.given_name,
      familyName: m.family_name,
      otherNames: m.other_names,
      originalScriptName: m.original_script_name,
      transliteration: m.transliteration,
      sex: m.sex,
      birthDate: m.birth_date,
      birthDateEstimated: m.birth_date_estimated,
      nationality: m.nationality,
      languages: m.languages,
      phone: m.phone,
      email: m.email,
      documents: m.documents.map((d) => ({ id: d.id, type: d.type, number: d.number, issuingCountry: d.issuing_country, expiryDate: d.expiry_date })),
      // An erased person keeps no id of the old system.
      importedFrom: provenance(m),
    },
  };
}

export function presentCase(
  c: CaseRow,
  members: MemberRow[],
  allowed: Transition[],
  actor: Actor,
  policy: Pick<CaseFieldPolicy, 'audience' | 'legalStatus'>,
) {
  return {
    id: c.id,
    caseNumber: c.case_number,
    kind: c.kind,
    stage: c.stage,
    stageChangedAt: c.stage_changed_at.toISOString(),
    // Absent when the actor reads the case as the origin office without the returnee's consent.
    ...(policy.legalStatus ? { legalStatus: c.legal_status } : {}),
    audience: policy.audience,
    countryOfReturn: c.country_of_return,
    officeId: c.office_id,
    officeName: c.office_name,
    originOfficeId: c.origin_office_id,
    originOfficeName: c.origin_office_name,
    organisationId: c.organisation_id,
    ownerId: c.owner_id,
    ownerName: c.owner_name,
    restricted: c.restricted,
    projectId: c.project_id,
    admissionDate: c.admission_date,
    // The days of the case's history kept on the case: moved to approved and to departed, or imported.
    approvedOn: c.approved_on,
    departedOn: c.departed_on,
    importedFrom: provenance(c),
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    version: c.version,
    members: members.map(presentMember),
    // Generic stage changes; moves owned by an action (decision, application, withdrawal,
    // departure, arrival) are offered as that action instead.
    allowedTransitions: allowed
      .filter((t) => !t.via && actor.grants.has(t.permission))
      .map((t) => ({ to: t.to, reasonRequired: t.reasonRequired })),
    availableActions: [...new Set(allowed.filter((t) => t.via && actor.grants.has(t.permission)).map((t) => t.via!))],
  };
}
export type CaseView = ReturnType<typeof presentCase>;
