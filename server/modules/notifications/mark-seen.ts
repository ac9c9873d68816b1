import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The actor has looked at their notifications now: what arrived before is no longer new. Audited. */
export async function markNotificationsSeen(_input: Record<string, never>, { actor, db, clock }: UseCaseContext) {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('user_notification_state').select('seen_at').where('user_id', '=', actor.userId).forUpdate().executeTakeFirst();
    await trx
      .insertInto('user_notification_state')
      .values({ user_id: actor.userId, seen_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ seen_at: now }))
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'notifications.seen', entityType: 'user', entityId: actor.userId,
      before: { seenAt: before ? new Date(before.seen_at).toISOString() : null }, after: { seenAt: now.toISOString() },
    });
  });
  return { seenAt: now.toISOString() };
}
