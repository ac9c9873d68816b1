import { sql } from 'kysely';
import type { CriterionResult, EntitlementResult } from '../../../shared/schemas/eligibility.js';
import type { Executor } from '../../platform/db.js';
import { loadMembers } from '../cases/index.js';
import { factsHash, type CaseFacts } from './rule-engine.js';
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

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
        // The departure day a case keeps (set as it departs, or from an imported programme's history,
        // whose cases go straight to their final stage), else its first move to departed.
        .selectFrom('case_member as m')
        .innerJoin('return_case as c', 'c.id', 'm.case_id')
        .leftJoin('stage_transition as t', (j) => j.onRef('t.case_id', '=', 'm.case_id').on('t.to_stage', '=', 'departed'))
        .select(['m.person_id', sql<string>`coalesce(to_char(min(c.departed_on), 'YYYY-MM-DD'), to_char(min(t.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))`.as('departed_on')])
        .where('m.person_id', 'in', personIds)
        .where('m.case_id', '!=', caseId)
        .where((eb) => eb.or([eb('c.departed_on', 'is not', null), eb('t.id', 'is not', null)]))
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

export const checkColumns = (ex: Executor) =>
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
export type CheckRow = Awaited<ReturnType<ReturnType<typeof checkColumns>['executeTakeFirstOrThrow']>>;

export const latestCheck = (ex: Executor, caseId: string) => checkColumns(ex).where('e.case_id', '=', caseId).orderBy('e.checked_at', 'desc').orderBy('e.id', 'desc').limit(1).executeTakeFirst();

/**
 * Whether a check still describes the case: its facts hash against the facts now, and the project
 * the case is assigned to. Sets outdated_at the first time the change is noticed.
 */
export async function outdatedness(ex: Executor, check: CheckRow, at: Date) {
  const c = await ex.selectFrom('return_case').select('project_id').where('id', '=', check.case_id).executeTakeFirstOrThrow();
  const outdated = !!check.outdated_at || c.project_id !== check.project_id || factsHash(await caseFacts(ex, check.case_id, at)) !== check.facts_hash;
  if (outdated && !check.outdated_at) {
    const outdatedAt = at;
    await ex.updateTable('eligibility_check').set({ outdated_at: outdatedAt }).where('id', '=', check.id).where('outdated_at', 'is', null).execute();
    return { outdated, outdatedAt: outdatedAt as Date | string | null };
  }
  return { outdated, outdatedAt: check.outdated_at };
}

export const presentCheck = (r: CheckRow, outdated: boolean, outdatedAt: Date | string | null) => ({
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
export function withoutLegalStatus(check: ReturnType<typeof presentCheck>) {
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

export type Status = 'none' | 'unconfirmed' | 'outdated' | 'confirmed';
export const statusOf = (check: { confirmedAt: unknown; outdated: boolean } | null): Status =>
  !check ? 'none' : check.outdated ? 'outdated' : check.confirmedAt ? 'confirmed' : 'unconfirmed';

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
