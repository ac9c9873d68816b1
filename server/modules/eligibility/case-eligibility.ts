import { sql } from 'kysely';
import type { CriterionResult, EntitlementResult } from '../../../shared/schemas/eligibility.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { caseFieldPolicy, changeCase, findCase, loadMembers, readCase } from '../cases/index.js';
import { loadProject, projectNotFound } from './projects.repo.js';
import { evaluate, factsHash, type CaseFacts } from './rule-engine.js';
import { applicableRules } from './rules.repo.js';
import { errors } from './eligibility.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The facts of a case the rules look at, as they are now. */
export async function caseFacts(ex: Executor, caseId: string, at: Date): Promise<CaseFacts> {
  const c = await ex
    .selectFrom('return_case as c')
    .innerJoin('office as o', 'o.id', 'c.office_id')
    .select(['c.legal_status', 'c.country_of_return', 'o.country_code', 'c.created_at', 'c.host_arrival_date', 'c.principal_person_id'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const members = await loadMembers(ex, caseId);
  const personIds = members.map((m) => m.person_id);
  const vulnerabilities = await ex
    .selectFrom('vulnerability')
    .select(['person_id', 'category'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'active')
    .orderBy('person_id')
    .orderBy('category')
    .execute();
  const previous = personIds.length
    ? await ex
        .selectFrom('case_member as m')
        .innerJoin('stage_transition as t', 't.case_id', 'm.case_id')
        .select(['m.person_id', sql<string>`to_char(min(t.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as('departed_on')])
        .where('m.person_id', 'in', personIds)
        .where('m.case_id', '!=', caseId)
        .where('t.to_stage', '=', 'departed')
        .groupBy(['m.person_id', 'm.case_id'])
        .orderBy('departed_on')
        .orderBy('m.person_id')
        .execute()
    : [];
  return {
    checkDate: isoDay(at),
    legalStatus: c.legal_status,
    countryOfReturn: c.country_of_return,
    hostCountry: c.country_code,
    registeredOn: isoDay(new Date(c.created_at)),
    hostArrivalDate: c.host_arrival_date,
    members: members.map((m) => ({
      personId: m.person_id,
      name: `${m.given_name} ${m.family_name}`,
      relationship: m.relationship,
      isPrincipal: m.person_id === c.principal_person_id,
      travelling: m.travelling,
      birthDate: m.birth_date,
      nationality: m.nationality,
    })),
    vulnerabilities: vulnerabilities.map((v) => ({ personId: v.person_id, category: v.category })),
    previousDepartures: previous.map((p) => ({ personId: p.person_id, departedOn: p.departed_on })),
  };
}

const checkColumns = (ex: Executor) =>
  ex
    .selectFrom('eligibility_check as e')
    .innerJoin('project as p', 'p.id', 'e.project_id')
    .innerJoin('app_user as cu', 'cu.id', 'e.checked_by')
    .leftJoin('app_user as fu', 'fu.id', 'e.confirmed_by')
    .select([
      'e.id', 'e.case_id', 'e.project_id', 'p.code as project_code', 'p.name as project_name', 'e.rules_version', 'e.outcome', 'e.criteria', 'e.entitlement',
      'e.facts', 'e.facts_hash', 'e.checked_at', 'cu.name as checked_by_name', 'e.confirmed_at', 'fu.name as confirmed_by_name', 'e.final_outcome',
      'e.override_reason', 'e.outdated_at',
    ]);
type CheckRow = Awaited<ReturnType<ReturnType<typeof checkColumns>['executeTakeFirstOrThrow']>>;

const latestCheck = (ex: Executor, caseId: string) => checkColumns(ex).where('e.case_id', '=', caseId).orderBy('e.checked_at', 'desc').orderBy('e.id', 'desc').limit(1).executeTakeFirst();

/**
 * Whether a check still describes the case: its facts hash against the facts now, and the project
 * the case is assigned to. Sets outdated_at the first time the change is noticed.
 */
async function outdatedness(ex: Executor, check: CheckRow, at: Date) {
  const c = await ex.selectFrom('return_case').select('project_id').where('id', '=', check.case_id).executeTakeFirstOrThrow();
  const outdated = !!check.outdated_at || c.project_id !== check.project_id || factsHash(await caseFacts(ex, check.case_id, at)) !== check.facts_hash;
  if (outdated && !check.outdated_at) {
    const outdatedAt = at;
    await ex.updateTable('eligibility_check').set({ outdated_at: outdatedAt }).where('id', '=', check.id).where('outdated_at', 'is', null).execute();
    return { outdated, outdatedAt: outdatedAt as Date | string | null };
  }
  return { outdated, outdatedAt: check.outdated_at };
}

const presentCheck = (r: CheckRow, outdated: boolean, outdatedAt: Date | string | null) => ({
  id: r.id,
  projectId: r.project_id,
  projectCode: r.project_code,
  projectName: r.project_name,
  rulesVersion: r.rules_version,
  outcome: r.outcome,
  criteria: r.criteria as CriterionResult[],
  entitlement: r.entitlement as EntitlementResult,
  facts: r.facts as CaseFacts,
  factsHash: r.facts_hash,
  checkedAt: r.checked_at,
  checkedByName: r.checked_by_name,
  confirmedAt: r.confirmed_at,
  confirmedByName: r.confirmed_by_name,
  finalOutcome: r.final_outcome,
  overrideReason: r.override_reason,
  outdated,
  outdatedAt,
});

/**
 * A check as the office in the country of return may read it without the returnee's consent to
 * share the asylum history: the legal status is absent from the facts, the legal-status criterion
 * keeps its outcome but not the values compared (code `legalStatus.withheld`), and the facts hash
 * is left out (trying the few legal statuses against it would give the value away).
 */
function withoutLegalStatus(check: ReturnType<typeof presentCheck>) {
  const { legalStatus: _status, ...facts } = check.facts;
  void _status;
  const { factsHash: _hash, ...rest } = check;
  void _hash;
  return {
    ...rest,
    facts,
    criteria: check.criteria.map((r) => (r.criterion === 'legalStatus' ? { criterion: r.criterion, passed: r.passed, code: 'legalStatus.withheld', params: {} } : r)),
  };
}

type Status = 'none' | 'unconfirmed' | 'outdated' | 'confirmed';
const statusOf = (check: { confirmedAt: unknown; outdated: boolean } | null): Status =>
  !check ? 'none' : check.outdated ? 'outdated' : check.confirmedAt ? 'confirmed' : 'unconfirmed';

/** The case's eligibility as the tab shows it: project, host arrival date, latest check. */
export async function caseEligibility(actor: Actor, caseId: string, { db, clock }: Deps) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const extra = await db.selectFrom('return_case as c').innerJoin('office as o', 'o.id', 'c.office_id').select(['c.host_arrival_date', 'o.country_code']).where('c.id', '=', caseId).executeTakeFirstOrThrow();
  const project = c.project_id ? await loadProject(db, c.project_id) : null;
  const row = await latestCheck(db, caseId);
  let check: ReturnType<typeof presentCheck> | ReturnType<typeof withoutLegalStatus> | null = null;
  if (row) {
    const { outdated, outdatedAt } = await outdatedness(db, row, clock.now());
    if (outdated && !row.outdated_at) {
      await audit(db, auditContextOf(actor), { event: 'eligibility.outdated', entityType: 'eligibility_check', entityId: row.id, caseId, officeId: c.office_id });
    }
    const presented = presentCheck(row, outdated, outdatedAt);
    check = (await caseFieldPolicy(db, actor, c)).legalStatus ? presented : withoutLegalStatus(presented);
  }
  return {
    caseId,
    caseVersion: c.version,
    stage: c.stage,
    countryOfReturn: c.country_of_return,
    hostCountry: extra.country_code,
    hostArrivalDate: extra.host_arrival_date,
    project: project && { id: project.id, code: project.code, name: project.name, status: project.status, currency: project.currency, publishedRulesVersion: project.publishedRulesVersion },
    status: statusOf(check),
    check,
  };
}

/** Assigns the case to a project (or removes it): active, covering the office's country and the country of return. */
export async function assignProject(actor: Actor, caseId: string, expectedVersion: number, projectId: string | null, { db, clock }: Deps) {
  requirePermission(actor, 'case.update');
  await changeCase({ actor, db, clock }, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, set, unchanged }) => {
    if (projectId === c.project_id) return unchanged();
    if (projectId) {
      const p = await trx.selectFrom('project').select(['status', 'host_countries', 'return_countries', 'code']).where('id', '=', projectId).executeTakeFirst();
      if (!p) throw projectNotFound();
      const office = await trx.selectFrom('office').select('country_code').where('id', '=', c.office_id).executeTakeFirstOrThrow();
      if (p.status !== 'active') throw errors.PROJECT_NOT_ACTIVE({ field: 'projectId', status: p.status });
      if (!p.host_countries.includes(office.country_code)) {
        throw errors.PROJECT_HOST_COUNTRY_NOT_COVERED({ field: 'projectId', country: office.country_code });
      }
      if (!p.return_countries.includes(c.country_of_return)) {
        throw errors.PROJECT_RETURN_COUNTRY_NOT_COVERED({ field: 'projectId', country: c.country_of_return });
      }
    }
    await set({ project_id: projectId });
    await audit(trx, auditContextOf(actor), {
      event: 'case.project.assigned', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id, before: { projectId: c.project_id }, after: { projectId },
    });
  });
  return readCase(db, actor, caseId);
}

/** Records when the household arrived in the host country. */
export async function setHostArrivalDate(actor: Actor, caseId: string, expectedVersion: number, date: string | null, { db, clock }: Deps) {
  requirePermission(actor, 'case.update');
  const now = clock.now();
  if (date && date > isoDay(now)) throw platformErrors.VALIDATION_FAILED({ field: 'hostArrivalDate' }, 'The arrival date is in the future.');
  await changeCase({ actor, db, clock }, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, set, unchanged }) => {
    const before = await trx.selectFrom('return_case').select('host_arrival_date').where('id', '=', caseId).executeTakeFirstOrThrow();
    if (before.host_arrival_date === date) return unchanged();
    await set({ host_arrival_date: date });
    await audit(trx, auditContextOf(actor), {
      event: 'case.host_arrival.updated', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id,
      before: { hostArrivalDate: before.host_arrival_date }, after: { hostArrivalDate: date },
    });
  });
  return readCase(db, actor, caseId);
}

/** Evaluates the latest published rules of the case's project against the case's facts now. */
export async function runCheck(actor: Actor, caseId: string, { db, clock }: Deps) {
  requirePermission(actor, 'eligibility.check');
  const id = await changeCase({ actor, db, clock }, { caseId, permission: 'eligibility.check' }, async ({ trx, case: c }) => {
    if (!c.project_id) throw errors.ELIGIBILITY_NO_PROJECT();
    const rules = await applicableRules(trx, c.project_id);
    if (!rules) throw errors.ELIGIBILITY_NO_RULES();
    // Checks of a case are ordered by time: a check made within the same millisecond as the
    // previous one (a fixed clock) still comes after it.
    const previous = await latestCheck(trx, caseId);
    const prevAt = previous ? new Date(previous.checked_at).getTime() : 0;
    const now = new Date(Math.max(clock.now().getTime(), prevAt + 1));
    const facts = await caseFacts(trx, caseId, now);
    const result = evaluate(rules, facts);
    const row = await trx
      .insertInto('eligibility_check')
      .values({
        case_id: caseId, project_id: c.project_id, rules_version: rules.rulesVersion, outcome: result.outcome, criteria: JSON.stringify(result.criteria),
        entitlement: JSON.stringify(result.entitlement), currency: result.entitlement.currency, household_total_minor: result.entitlement.householdTotalMinor,
        facts: JSON.stringify(facts), facts_hash: factsHash(facts), checked_by: actor.userId, checked_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const amounts = result.entitlement.components.flatMap((comp) =>
      comp.members.map((m) => ({ check_id: row.id, component: comp.component, person_id: m.personId, amount_minor: m.amountMinor, currency: result.entitlement.currency })),
    );
    if (amounts.length > 0) await trx.insertInto('eligibility_check_amount').values(amounts).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'eligibility.checked', entityType: 'eligibility_check', entityId: row.id, caseId, officeId: c.office_id,
      after: { projectId: c.project_id, rulesVersion: rules.rulesVersion, outcome: result.outcome, householdTotalMinor: result.entitlement.householdTotalMinor },
    });
    return row.id;
  });
  return { checkId: id, ...(await caseEligibility(actor, caseId, { db, clock })) };
}

/** Confirms the latest check; a final outcome other than the computed one is an override and needs a reason. */
export async function confirmCheck(
  actor: Actor, caseId: string, checkId: string, input: { finalOutcome: 'eligible' | 'ineligible'; overrideReason?: string }, { db, clock }: Deps,
) {
  requirePermission(actor, 'eligibility.confirm');
  // An outdated check is marked as such (committed), then the confirmation is refused.
  const outcome = await changeCase({ actor, db, clock }, { caseId, permission: 'eligibility.confirm' }, async ({ trx, case: c }) => {
    const row = await checkColumns(trx).where('e.id', '=', checkId).where('e.case_id', '=', caseId).executeTakeFirst();
    if (!row) throw errors.ELIGIBILITY_CHECK_NOT_FOUND();
    const latest = await latestCheck(trx, caseId);
    if (latest?.id !== row.id) throw errors.ELIGIBILITY_CHECK_SUPERSEDED();
    if (row.confirmed_at) throw errors.ELIGIBILITY_CHECK_CONFIRMED();
    const now = clock.now();
    const { outdated } = await outdatedness(trx, row, now);
    if (outdated) {
      if (!row.outdated_at) await audit(trx, auditContextOf(actor), { event: 'eligibility.outdated', entityType: 'eligibility_check', entityId: row.id, caseId, officeId: c.office_id });
      return 'outdated' as const;
    }
    const override = input.finalOutcome !== row.outcome;
    const reason = input.overrideReason?.trim() || null;
    if (override && !reason) throw errors.ELIGIBILITY_OVERRIDE_REASON_REQUIRED({ field: 'overrideReason' });
    await trx
      .updateTable('eligibility_check')
      .set({ confirmed_by: actor.userId, confirmed_at: now, final_outcome: input.finalOutcome, override_reason: override ? reason : null })
      .where('id', '=', checkId)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: override ? 'eligibility.overridden' : 'eligibility.confirmed', entityType: 'eligibility_check', entityId: checkId, caseId, officeId: c.office_id,
      before: { outcome: row.outcome }, after: { finalOutcome: input.finalOutcome, overrideReason: override ? reason : null },
    });
    return 'confirmed' as const;
  });
  if (outcome === 'outdated') throw errors.ELIGIBILITY_CHECK_OUTDATED();
  return caseEligibility(actor, caseId, { db, clock });
}

/**
 * The gate for application submission and what the handover shows: the latest check of the case,
 * whether it is confirmed or outdated, its final outcome and (when eligible) its entitlement.
 */
export async function eligibilityStatus(ex: Executor, caseId: string, at: Date = new Date()): Promise<{
  status: Status; outcome: 'eligible' | 'ineligible' | null; checkId: string | null; entitlement: unknown;
}> {
  const row = await latestCheck(ex, caseId);
  if (!row) return { status: 'none', outcome: null, checkId: null, entitlement: null };
  const { outdated } = await outdatedness(ex, row, at);
  const status = statusOf({ confirmedAt: row.confirmed_at, outdated });
  const outcome = row.final_outcome ?? row.outcome;
  return { status, outcome, checkId: row.id, entitlement: outcome === 'eligible' ? row.entitlement : null };
}
