import type { CommunityProjectValues } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { audited, loadCommunityProject, officeFor, projectColumns } from './community.repo.js';
import { checkProject, writePartners } from './partners.js';

/** Creates a community project of an office (the user's own unless another in scope is named); planned from the start. */
export async function createCommunityProject(input: CommunityProjectValues, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const office = await officeFor(trx, actor, input.officeId);
    await checkProject(trx, input.projectId);
    const now = clock.now();
    const row = await trx
      .insertInto('community_project')
      .values({ ...projectColumns(input), office_id: office.id, created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writePartners(trx, actor, row.id, input.partners);
    await audit(trx, auditContextOf(actor), {
      event: 'community_project.created', entityType: 'community_project', entityId: row.id, officeId: office.id,
      after: { ...audited(row), partners: input.partners },
    });
    return loadCommunityProject(trx, actor, row.id);
  });
}
