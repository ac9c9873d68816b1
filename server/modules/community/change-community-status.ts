import { COMMUNITY_TRANSITIONS, type CommunityStatusInput } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './community.errors.js';
import { loadCommunityProject, lockProject } from './community.repo.js';

/**
 * Moves a community project along planned -> active -> completed, or to cancelled (from planned or
 * active) with a reason (If-Match); audited with who, when and the reason.
 */
export async function changeCommunityStatus({ id, expectedVersion, change }: { id: string; expectedVersion: number; change: CommunityStatusInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  const reason = change.reason?.trim() || null;
  if (change.status === 'cancelled' && !reason) throw errors.COMMUNITY_CANCEL_REASON_REQUIRED({ field: 'reason' });
  return db.transaction().execute(async (trx) => {
    const before = await lockProject(trx, actor, id);
    if (before.version !== expectedVersion) throw staleVersion();
    if (!COMMUNITY_TRANSITIONS[before.status].includes(change.status)) throw errors.COMMUNITY_STATUS_TRANSITION({ from: before.status, to: change.status });
    const now = clock.now();
    await trx
      .updateTable('community_project')
      .set({ status: change.status, status_reason: reason, status_changed_by: actor.userId, status_changed_at: now, version: before.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'community_project.status_changed', entityType: 'community_project', entityId: id, officeId: before.office_id,
      before: { status: before.status, statusReason: before.status_reason }, after: { status: change.status, statusReason: reason },
    });
    return loadCommunityProject(trx, actor, id);
  });
}
