import { audit, auditContextOf } from '../../platform/audit.js';
import { caseFieldPolicy, findCase } from '../cases/index.js';
import { loadProject } from './projects.repo.js';
import { latestCheck, outdatedness, presentCheck, statusOf, withoutLegalStatus } from './checks.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The case's eligibility as the tab shows it: project, host arrival date, latest check. */
export async function caseEligibility({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
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
