import { isMoneyCurrency } from '../../../shared/money.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import { criteriaSchema, entitlementsSchema, type Criteria, type Entitlements, type RulesInput } from '../../../shared/schemas/eligibility.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { projectNotFound } from './projects.js';
import { errors } from './eligibility.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

const rulesNotFound = () => errors.RULES_NOT_FOUND();

/** Empty rules: no criterion, travel only. */
export const EMPTY_RULES: RulesInput = { criteria: {}, entitlements: { currency: 'EUR', components: [{ component: 'travel', perPersonMinor: 0, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] }] }, notes: null };

function validateRules(input: RulesInput) {
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

const present = (r: {
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

const selectRules = (ex: Executor) =>
  ex
    .selectFrom('eligibility_rules as r')
    .innerJoin('app_user as cu', 'cu.id', 'r.created_by')
    .leftJoin('app_user as pu', 'pu.id', 'r.published_by')
    .select(['r.id', 'r.project_id', 'r.rules_version', 'r.status', 'r.criteria', 'r.entitlements', 'r.notes', 'r.created_at', 'r.updated_at', 'r.published_at', 'r.version', 'cu.name as created_by_name', 'pu.name as published_by_name']);

async function existingProject(ex: Executor, projectId: string) {
  const p = await ex.selectFrom('project').select(['id']).where('id', '=', projectId).executeTakeFirst();
  if (!p) throw projectNotFound();
}

export async function listRules(actor: Actor, projectId: string, { db }: Deps) {
  requirePermission(actor, 'project.manage');
  await existingProject(db, projectId);
  const rows = await selectRules(db).where('r.project_id', '=', projectId).orderBy('r.rules_version', 'desc').execute();
  return { items: rows.map(present) };
}

async function loadRules(ex: Executor, id: string, lock = false) {
  let q = selectRules(ex).where('r.id', '=', id);
  if (lock) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  if (!row) throw rulesNotFound();
  return row;
}

export async function getRules(actor: Actor, id: string, { db }: Deps) {
  requirePermission(actor, 'project.manage');
  return present(await loadRules(db, id));
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

/**
 * A new draft version: from the body, or else a copy of the latest version (editing a published
 * version). A project has at most one draft.
 */
export async function createDraft(actor: Actor, projectId: string, input: RulesInput | null, { db, clock }: Deps) {
  requirePermission(actor, 'project.manage');
  if (input) validateRules(input);
  const id = await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('project').select(['id', 'currency']).where('id', '=', projectId).forUpdate().executeTakeFirst();
    if (!p) throw projectNotFound();
    const draft = await trx.selectFrom('eligibility_rules').select('id').where('project_id', '=', projectId).where('status', '=', 'draft').executeTakeFirst();
    if (draft) throw errors.RULES_DRAFT_EXISTS({ draftId: draft.id });
    const latest = await trx.selectFrom('eligibility_rules').select(['rules_version', 'criteria', 'entitlements', 'notes']).where('project_id', '=', projectId).orderBy('rules_version', 'desc').limit(1).executeTakeFirst();
    const content: RulesInput = input ?? (latest
      ? { criteria: latest.criteria as Criteria, entitlements: latest.entitlements as Entitlements, notes: latest.notes }
      : { ...EMPTY_RULES, entitlements: { ...EMPTY_RULES.entitlements, currency: p.currency } });
    const now = clock.now();
    const row = await trx
      .insertInto('eligibility_rules')
      .values({
        project_id: projectId, rules_version: (latest?.rules_version ?? 0) + 1, criteria: JSON.stringify(content.criteria), entitlements: JSON.stringify(content.entitlements),
        notes: content.notes ?? null, created_by: actor.userId, created_at: now, updated_at: now,
      })
      .returning(['id', 'rules_version'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'eligibility.rules.created', entityType: 'eligibility_rules', entityId: row.id, after: { projectId, rulesVersion: row.rules_version, ...content } });
    return row.id;
  });
  return present(await loadRules(db, id));
}

export async function updateDraft(actor: Actor, id: string, expectedVersion: number, input: RulesInput, { db, clock }: Deps) {
  requirePermission(actor, 'project.manage');
  validateRules(input);
  await db.transaction().execute(async (trx) => {
    const r = await loadRules(trx, id, true);
    if (r.status === 'published') throw errors.RULES_PUBLISHED_IMMUTABLE();
    if (r.version !== expectedVersion) throw staleVersion();
    await trx
      .updateTable('eligibility_rules')
      .set({ criteria: JSON.stringify(input.criteria), entitlements: JSON.stringify(input.entitlements), notes: input.notes ?? null, version: r.version + 1, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'eligibility.rules.updated', entityType: 'eligibility_rules', entityId: id,
      before: { criteria: r.criteria, entitlements: r.entitlements, notes: r.notes }, after: input,
    });
  });
  return present(await loadRules(db, id));
}

export async function publishRules(actor: Actor, id: string, expectedVersion: number, { db, clock }: Deps) {
  requirePermission(actor, 'project.manage');
  await db.transaction().execute(async (trx) => {
    const r = await loadRules(trx, id, true);
    if (r.status === 'published') throw errors.RULES_PUBLISHED_IMMUTABLE(undefined, 'This version is already published.');
    if (r.version !== expectedVersion) throw staleVersion();
    // What was stored must still be valid rules before anyone relies on it.
    validateRules({ criteria: criteriaSchema.parse(r.criteria), entitlements: entitlementsSchema.parse(r.entitlements), notes: r.notes });
    const now = clock.now();
    await trx.updateTable('eligibility_rules').set({ status: 'published', published_by: actor.userId, published_at: now, version: r.version + 1, updated_at: now }).where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'eligibility.rules.published', entityType: 'eligibility_rules', entityId: id, after: { projectId: r.project_id, rulesVersion: r.rules_version } });
  });
  return present(await loadRules(db, id));
}
