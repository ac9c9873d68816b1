import type { RawBuilder, Selectable } from 'kysely';
import type { Beneficiaries, CommunityProjectValues } from '../../../shared/schemas/community.js';
import { scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { officeInScope, scopeSql } from '../../platform/scope.js';
import { findCase, loadMembers } from '../cases/index.js';
import { errors } from './community.errors.js';
import type { CommunityProjectTable } from './community.tables.js';

export type CommunityProjectRow = Selectable<CommunityProjectTable>;

/** Community projects and trainings the actor manages: `community.manage`'s scope on the office (`alias.office_id`). */
export const manageable = (actor: Actor, alias: 'cp' | 'gt'): RawBuilder<boolean> =>
  scopeSql(actor, scopeFor(actor, 'community.manage'), { office: `${alias}.office_id` });

/** The office a new record belongs to: the one named, else the actor's own, in `community.manage`'s scope. */
export async function officeFor(ex: Executor, actor: Actor, officeId: string | undefined) {
  const id = officeId ?? actor.officeId;
  if (!id) throw errors.COMMUNITY_OFFICE_REQUIRED({ field: 'officeId' });
  const office = await ex.selectFrom('office').select(['id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
  if (!office || !officeInScope(actor, scopeFor(actor, 'community.manage'), office)) throw platformErrors.OFFICE_NOT_FOUND({ field: 'officeId' });
  return office;
}

/**
 * A case and its principal applicant's name as the actor may see them (`community.manage`'s
 * scope, restricted cases included), or null: read through the cases module, never its tables.
 */
export async function visibleCase(ex: Executor, actor: Actor, caseId: string) {
  try {
    const c = await findCase(ex, actor, caseId, 'community.manage');
    const members = await loadMembers(ex, caseId);
    return { case: c, members: members.map((m) => ({ personId: m.person_id, name: `${m.given_name} ${m.family_name}`.trim() })) };
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  }
}

export const principalName = (v: NonNullable<Awaited<ReturnType<typeof visibleCase>>>) =>
  v.members.find((m) => m.personId === v.case.principal_person_id)?.name ?? v.members[0]?.name ?? '';

export const beneficiaryColumns = (b: Beneficiaries) => ({
  returnees_female: b.returneesFemale, returnees_male: b.returneesMale, returnees_other: b.returneesOther,
  community_female: b.communityFemale, community_male: b.communityMale, community_other: b.communityOther,
});

export const projectColumns = (input: CommunityProjectValues) => ({
  title: input.title, country_code: input.countryCode, place: input.place, project_id: input.projectId,
  budget_minor: input.budgetMinor, currency: input.currency, starts_on: input.startsOn, ends_on: input.endsOn,
  ...beneficiaryColumns(input.beneficiaries),
});

/** What the audit trail keeps of a community project (no returnee is named in it). */
export const audited = (p: CommunityProjectRow) => ({
  officeId: p.office_id, title: p.title, countryCode: p.country_code, place: p.place, projectId: p.project_id,
  budgetMinor: p.budget_minor, currency: p.currency, startsOn: p.starts_on, endsOn: p.ends_on, status: p.status, statusReason: p.status_reason,
  beneficiaries: presentBeneficiaries(p),
});

export const presentBeneficiaries = (p: CommunityProjectRow) => ({
  returneesFemale: p.returnees_female, returneesMale: p.returnees_male, returneesOther: p.returnees_other,
  communityFemale: p.community_female, communityMale: p.community_male, communityOther: p.community_other,
});

/** Community projects the actor manages, with their office's and AVRR project's names (`cp`). */
export const communityQuery = (ex: Executor, actor: Actor) =>
  ex
    .selectFrom('community_project as cp')
    .innerJoin('office as o', 'o.id', 'cp.office_id')
    .leftJoin('project as pr', 'pr.id', 'cp.project_id')
    .selectAll('cp')
    .select(['o.name as office_name', 'pr.name as project_name'])
    .where(manageable(actor, 'cp'));

export type CommunityListRow = CommunityProjectRow & { office_name: string; project_name: string | null };

export const presentSummary = (p: CommunityListRow) => ({
  id: p.id, version: p.version, officeId: p.office_id, officeName: p.office_name, title: p.title, countryCode: p.country_code, place: p.place,
  projectId: p.project_id, projectName: p.project_name, budgetMinor: p.budget_minor, currency: p.currency, startsOn: p.starts_on, endsOn: p.ends_on,
  status: p.status, statusReason: p.status_reason, statusChangedAt: p.status_changed_at, beneficiaries: presentBeneficiaries(p),
  createdAt: p.created_at, updatedAt: p.updated_at,
});

/** One community project the actor manages, its row locked for a change (404 outside the scope). */
export async function lockProject(ex: Executor, actor: Actor, id: string): Promise<CommunityProjectRow> {
  const row = await ex.selectFrom('community_project as cp').selectAll('cp').where('cp.id', '=', id).where(manageable(actor, 'cp')).forUpdate().executeTakeFirst();
  if (!row) throw errors.COMMUNITY_PROJECT_NOT_FOUND();
  return row;
}

/** One community project as the actor reads it: partners, and the linked returnees they may see (404 outside the scope). */
export async function loadCommunityProject(ex: Executor, actor: Actor, id: string) {
  const row = await communityQuery(ex, actor).where('cp.id', '=', id).executeTakeFirst();
  if (!row) throw errors.COMMUNITY_PROJECT_NOT_FOUND();
  const partners = await ex
    .selectFrom('community_project_partner as pp')
    .leftJoin('service_provider as sp', 'sp.id', 'pp.provider_id')
    .select(['pp.provider_id', 'pp.name', 'sp.name as provider_name'])
    .where('pp.community_project_id', '=', id)
    .orderBy('pp.position')
    .execute();
  const links = await ex.selectFrom('community_project_returnee').select(['case_id', 'linked_at']).where('community_project_id', '=', id).orderBy('linked_at').execute();
  const returnees = [];
  let hidden = 0;
  for (const l of links) {
    const v = await visibleCase(ex, actor, l.case_id);
    if (!v) hidden += 1;
    else returnees.push({ caseId: l.case_id, caseNumber: v.case.case_number, name: principalName(v), linkedAt: l.linked_at });
  }
  return {
    ...presentSummary(row),
    partners: partners.map((p) => ({ providerId: p.provider_id, name: p.provider_name ?? p.name ?? '' })),
    returnees,
    hiddenReturnees: hidden,
  };
}

/**
 * For the payments module (a community project's spending): the project's office, currency, budget,
 * status and the partners it names, its row locked when asked, whoever asks (the caller checks the
 * office against its own permission's scope); null when there is none.
 */
export async function communityProjectForPayments(ex: Executor, id: string, lock = false) {
  let q = ex.selectFrom('community_project as cp').innerJoin('office as o', 'o.id', 'cp.office_id')
    .select(['cp.id', 'cp.office_id', 'o.organisation_id', 'cp.currency', 'cp.budget_minor', 'cp.status', 'cp.title']).where('cp.id', '=', id);
  if (lock) q = q.forUpdate('cp');
  const p = await q.executeTakeFirst();
  if (!p) return null;
  const partners = await ex.selectFrom('community_project_partner as pp').leftJoin('service_provider as sp', 'sp.id', 'pp.provider_id')
    .select(['pp.provider_id', 'pp.name', 'sp.name as provider_name']).where('pp.community_project_id', '=', id).orderBy('pp.position').execute();
  return { ...p, partners: partners.map((x) => ({ providerId: x.provider_id, name: x.provider_name ?? x.name ?? '' })) };
}
