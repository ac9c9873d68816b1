import { isMoneyCurrency } from '../../../shared/money.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import { criteriaSchema, entitlementsSchema, type Criteria, type Entitlements, type RulesInput } from '../../../shared/schemas/eligibility.js';
import type { Executor } from '../../platform/db.js';
import { projectNotFound } from './projects.repo.js';
import { errors } from './eligibility.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

const rulesNotFound = () => errors.RULES_NOT_FOUND();

/** Empty rules: no criterion, travel only. */
export const EMPTY_RULES: RulesInput = { criteria: {}, entitlements: { currency: 'EUR', components: [{ component: 'travel', perPersonMinor: 0, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] }] }, notes: null };

export function validateRules(input: RulesInput) {
  const c = input.criteria;
  for (const key of ['nationalitiesAllowed', 'nationalitiesExcluded', 'returnCountries'] as const) {
    c[key]?.forEach((code, i) => {
      if (!isCountryCode(code)) throw platformErrors.VALIDATION_FAILED({ field: `criteria.${key}.${i}` }, 'Unknown country code.');
    });
  }
  if (c.principalAge && c.principalAge.min !== null && c.principalAge.max !== null && c.principalAge.min > c.principalAge.max) {
    throw errors.RULES_RANGE_INVALID({ field: 'criteria.principalAge' });
  }
  if (c.arrivedAfter && c.arrivedBefore && c.arrivedAfter >= c.arrivedBefore) throw errors.RULES_RANGE_INVALID({ field: 'criteria.arrivedBefore' }, 'The arrival window is empty.');
  if (c.registeredFrom && c.registeredUntil && c.registeredFrom > c.registeredUntil) throw errors.RULES_RANGE_INVALID({ field: 'criteria.registeredUntil' }, 'The application window is empty.');
  if (c.vulnerability?.mode === 'categories' && !c.vulnerability.categories.length) throw platformErrors.VALIDATION_FAILED({ field: 'criteria.vulnerability.categories' }, 'Choose at least one vulnerability category.');
  if (c.previousAssistance?.mode === 'withinYears' && !c.previousAssistance.years) throw platformErrors.VALIDATION_FAILED({ field: 'criteria.previousAssistance.years' }, 'Give the number of years.');
  const e = input.entitlements;
  if (!isMoneyCurrency(e.currency)) throw platformErrors.VALIDATION_FAILED({ field: 'entitlements.currency' }, 'An active ISO 4217 currency with a minor unit is required.');
  const seen = new Set<string>();
  e.components.forEach((comp, i) => {
    if (seen.has(comp.component)) throw errors.RULES_COMPONENT_DUPLICATE({ field: `entitlements.components.${i}.component` });
    seen.add(comp.component);
    const countries = new Set<string>();
    comp.overrides.forEach((o, j) => {
      if (!isCountryCode(o.country)) throw platformErrors.VALIDATION_FAILED({ field: `entitlements.components.${i}.overrides.${j}.country` }, 'Unknown country code.');
      if (countries.has(o.country)) throw errors.RULES_OVERRIDE_DUPLICATE({ field: `entitlements.components.${i}.overrides.${j}.country` });
      countries.add(o.country);
    });
  });
}

export const present = (r: {
  id: string; project_id: string; rules_version: number; status: 'draft' | 'published'; criteria: unknown; entitlements: unknown; notes: string | null;
  created_at: Date; updated_at: Date; published_at: Date | string | null; version: number; created_by_name?: string | null; published_by_name?: string | null;
}) => ({
  id: r.id,
  projectId: r.project_id,
  rulesVersion: r.rules_version,
  status: r.status,
  criteria: r.criteria as Criteria,
  entitlements: r.entitlements as Entitlements,
  notes: r.notes,
  createdAt: r.created_at,
  createdByName: r.created_by_name ?? null,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  publishedByName: r.published_by_name ?? null,
  version: r.version,
});
export type RulesView = ReturnType<typeof present>;

export const selectRules = (ex: Executor) =>
  ex
    .selectFrom('eligibility_rules as r')
    .innerJoin('app_user as cu', 'cu.id', 'r.created_by')
    .leftJoin('app_user as pu', 'pu.id', 'r.published_by')
    .select(['r.id', 'r.project_id', 'r.rules_version', 'r.status', 'r.criteria', 'r.entitlements', 'r.notes', 'r.created_at', 'r.updated_at', 'r.published_at', 'r.version', 'cu.name as created_by_name', 'pu.name as published_by_name']);

export async function existingProject(ex: Executor, projectId: string) {
  const p = await ex.selectFrom('project').select(['id']).where('id', '=', projectId).executeTakeFirst();
  if (!p) throw projectNotFound();
}

export async function loadRules(ex: Executor, id: string, lock = false) {
  let q = selectRules(ex).where('r.id', '=', id);
  if (lock) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  if (!row) throw rulesNotFound();
  return row;
}

/** The version that applies to checks: the latest published one. */
export async function applicableRules(ex: Executor, projectId: string) {
  const row = await ex
    .selectFrom('eligibility_rules')
    .select(['rules_version', 'criteria', 'entitlements'])
    .where('project_id', '=', projectId)
    .where('status', '=', 'published')
    .orderBy('rules_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return { rulesVersion: row.rules_version, criteria: criteriaSchema.parse(row.criteria), entitlements: entitlementsSchema.parse(row.entitlements) };
}
