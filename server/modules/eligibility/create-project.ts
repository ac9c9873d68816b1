import type { ProjectInput } from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { errors } from './eligibility.errors.js';
import { codeTaken, columns, loadProject, replaceDonors, validateProject } from './projects.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function createProject(input: ProjectInput, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'project.manage');
  validateProject(input);
  const id = await db.transaction().execute(async (trx) => {
    if (await codeTaken(trx, input.code)) throw errors.PROJECT_CODE_TAKEN({ field: 'code' });
    const now = clock.now();
    const row = await trx.insertInto('project').values({ ...columns(input), organisation_id: actor.organisationId, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await replaceDonors(trx, row.id, input.donors);
    await audit(trx, auditContextOf(actor), { event: 'project.created', entityType: 'project', entityId: row.id, after: input });
    return row.id;
  });
  return (await loadProject(db, id))!;
}
