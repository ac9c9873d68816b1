import type { CommunityProjectValues } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { audited, loadCommunityProject, lockProject, projectColumns } from './community.repo.js';
import { checkProject, writePartners } from './partners.js';

/** Edits a community project (If-Match); its office and status stay (the status has its own route). */
export async function updateCommunityProject(
  { id, expectedVersion, project: input }: { id: string; expectedVersion: number; project: CommunityProjectValues },
  ctx: UseCaseContext,
) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const before = await lockProject(trx, actor, id);
    if (before.version !== expectedVersion) throw staleVersion();
    await checkProject(trx, input.projectId);
    const kept = await trx.selectFrom('community_project_partner').select(['provider_id', 'name']).where('community_project_id', '=', id).orderBy('position').execute();
    const after = await trx
      .updateTable('community_project')
      .set({ ...projectColumns(input), version: before.version + 1, updated_at: clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writePartners(trx, actor, id, input.partners, new Set(kept.flatMap((k) => (k.provider_id ? [k.provider_id] : []))));
    const partnersBefore = kept.map((k) => (k.provider_id ? { providerId: k.provider_id } : { name: k.name }));
    const changes = changedFields({ ...audited(before), partners: partnersBefore }, { ...audited(after), partners: input.partners });
    await audit(trx, auditContextOf(actor), { event: 'community_project.updated', entityType: 'community_project', entityId: id, officeId: before.office_id, ...changes });
    return loadCommunityProject(trx, actor, id);
  });
}
