import { isMoneyCurrency } from '../../../shared/money.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import type { ProjectInput } from '../../../shared/schemas/eligibility.js';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { errors } from './eligibility.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export const projectNotFound = () => errors.PROJECT_NOT_FOUND();

/** Checks what the schema cannot: real codes, period order, donor shares summing to at most 100. */
export function validateProject(input: ProjectInput) {
  input.hostCountries.forEach((c, i) => {
    if (!isCountryCode(c)) throw platformErrors.VALIDATION_FAILED({ field: `hostCountries.${i}` }, 'Unknown host country code.');
  });
  input.returnCountries.forEach((c, i) => {
    if (!isCountryCode(c)) throw platformErrors.VALIDATION_FAILED({ field: `returnCountries.${i}` });
  });
  if (!isMoneyCurrency(input.currency)) throw platformErrors.VALIDATION_FAILED({ field: 'currency' }, 'An active ISO 4217 currency with a minor unit is required.');
  if (input.endsOn < input.startsOn) throw errors.PROJECT_PERIOD_INVALID({ field: 'endsOn' });
  const total = input.donors.reduce((s, d) => s + Math.round(d.sharePercent * 100), 0);
  if (total > 100 * 100) throw errors.PROJECT_DONOR_SHARES_EXCEED({ field: 'donors', total: total / 100 });
  const names = input.donors.map((d) => d.name.toLowerCase());
  if (new Set(names).size !== names.length) throw errors.PROJECT_DONOR_DUPLICATE({ field: 'donors' });
}

export async function loadProject(ex: Executor, id: string) {
  const p = await ex.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return null;
  const donors = await ex.selectFrom('project_donor').select(['name', 'share_percent']).where('project_id', '=', id).orderBy('position').execute();
  const published = await ex
    .selectFrom('eligibility_rules')
    .select((eb) => eb.fn.max('rules_version').as('v'))
    .where('project_id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    donors: donors.map((d) => ({ name: d.name, sharePercent: Number(d.share_percent) })),
    hostCountries: p.host_countries,
    returnCountries: p.return_countries,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    budgetMinor: p.budget_minor === null ? null : Number(p.budget_minor),
    currency: p.currency,
    status: p.status,
    publishedRulesVersion: published?.v ?? null,
    version: p.version,
    updatedAt: p.updated_at,
  };
}
export type ProjectView = NonNullable<Awaited<ReturnType<typeof loadProject>>>;

export async function replaceDonors(ex: Executor, projectId: string, donors: ProjectInput['donors']) {
  await ex.deleteFrom('project_donor').where('project_id', '=', projectId).execute();
  if (donors.length) {
    await ex.insertInto('project_donor').values(donors.map((d, i) => ({ project_id: projectId, position: i + 1, name: d.name, share_percent: d.sharePercent }))).execute();
  }
}

export const columns = (input: ProjectInput) => ({
  code: input.code,
  name: input.name,
  host_countries: input.hostCountries,
  return_countries: input.returnCountries,
  starts_on: input.startsOn,
  ends_on: input.endsOn,
  budget_minor: input.budgetMinor,
  currency: input.currency,
  status: input.status,
});

export const snapshot = (p: ProjectView) => ({
  code: p.code, name: p.name, donors: p.donors, hostCountries: p.hostCountries, returnCountries: p.returnCountries, startsOn: p.startsOn,
  endsOn: p.endsOn, budgetMinor: p.budgetMinor, currency: p.currency, status: p.status,
});

export async function codeTaken(ex: Executor, code: string, exceptId?: string) {
  let q = ex.selectFrom('project').select('id').where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

/** The projects a donor funds (any share), as a subquery other modules' filters read (the statistics' donor filter). */
export const projectsOfDonorSql = (donor: string) => sql<string>`(SELECT pd.project_id FROM project_donor pd WHERE pd.name = ${donor})`;

/**
 * The projects a reader may filter by, and their donors' names: every project, or those of one
 * organisation. Neither holds personal data.
 */
export async function projectChoices(ex: Executor, organisationId: string | null) {
  let q = ex.selectFrom('project').select(['id', 'code', 'name']).orderBy('code');
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const projects = await q.execute();
  const ids = projects.map((p) => p.id);
  const donors = ids.length
    ? await ex.selectFrom('project_donor').select('name').distinct().where('project_id', 'in', ids).orderBy('name').execute()
    : [];
  return { projects, donors: donors.map((d) => d.name) };
}
