import type { ProjectInput } from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { errors } from './eligibility.errors.js';
import { codeTaken, columns, loadProject, projectNotFound, replaceDonors, snapshot, validateProject } from './projects.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function updateProject({ projectId: id, expectedVersion, project: input }: { projectId: string; expectedVersion: number; project: ProjectInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'project.manage');
  validateProject(input);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('project').select(['version']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw projectNotFound();
    if (row.version !== expectedVersion) throw staleVersion();
    if (await codeTaken(trx, input.code, id)) throw errors.PROJECT_CODE_TAKEN({ field: 'code' });
    const before = snapshot((await loadProject(trx, id))!);
    await trx.updateTable('project').set({ ...columns(input), version: row.version + 1, updated_at: clock.now() }).where('id', '=', id).execute();
    await replaceDonors(trx, id, input.donors);
    const diff = changedFields(before as Record<string, unknown>, snapshot((await loadProject(trx, id))!) as Record<string, unknown>);
    await audit(trx, auditContextOf(actor), { event: 'project.updated', entityType: 'project', entityId: id, ...diff });
  });
  return (await loadProject(db, id))!;
}
