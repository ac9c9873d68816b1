import { sql } from 'kysely';
import { requirePermission } from '../../platform/actor.js';
import { handoverQuery, incomingScope } from './handovers.js';
import { presentHandover } from './handovers.present.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Handovers sent to the actor's office (in its scope), those waiting for an answer first. */
export async function listIncoming({ status }: { status?: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'handover.receive');
  let q = handoverQuery(db).where(incomingScope(actor));
  if (status) q = q.where('h.status', '=', status as 'pending');
  const rows = await q
    .orderBy(sql`CASE h.status WHEN 'pending' THEN 0 ELSE 1 END`)
    .orderBy('h.sent_at', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map(presentHandover) };
}
