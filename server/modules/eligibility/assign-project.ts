import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase, readCase } from '../cases/index.js';
import { projectNotFound } from './projects.repo.js';
import { errors } from './eligibility.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Assigns the case to a project (or removes it): active, covering the office's country and the country of return. */
export async function assignProject({ caseId, expectedVersion, projectId }: { caseId: string; expectedVersion: number; projectId: string | null }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'case.update');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, set, unchanged }) => {
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
