import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { personInScope, presentRequest, readRequests } from './access-requests.repo.js';

/** The access requests about a person of the officer's scope, newest first, with their progress. */
export async function listAccessRequests(input: { personId: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'person.access_request');
  const subject = await personInScope(db, actor, input.personId);
  const rows = await readRequests(db).where('r.person_id', '=', subject.personId).orderBy('r.created_at', 'desc').limit(50).execute();
  return { items: rows.map((r) => presentRequest(r, clock.now())) };
}
