import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { canReadCaseAudit, caseAudience } from './cases.policy.js';
import { findCase } from './cases.repo.js';

/**
 * The case's stage history and its audit events. Everyone who can read the case sees who did
 * what and when; the before/after values only those allowed to read the case's audit.
 */
export async function caseHistory(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const transitions = await db
    .selectFrom('stage_transition as t')
    .innerJoin('app_user as u', 'u.id', 't.actor_id')
    .select(['t.id', 't.from_stage', 't.to_stage', 't.reason', 't.at', 'u.name as actor_name'])
    .where('t.case_id', '=', caseId)
    .orderBy('t.at', 'desc')
    .execute();
  const events = await db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.event', 'a.at', 'a.entity_type', 'a.entity_id', 'u.name as actor_name', 'a.before', 'a.after'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();
  // The values may hold the legal status or sensitive notes: never shown to the origin office.
  const withValues = canReadCaseAudit(actor) && caseAudience(actor, c) === 'host';
  return {
    transitions: transitions.map((t) => ({ id: t.id, fromStage: t.from_stage, toStage: t.to_stage, reason: t.reason, actorName: t.actor_name, at: t.at.toISOString() })),
    events: events.map((e) => ({
      id: e.id,
      event: e.event,
      at: e.at.toISOString(),
      entityType: e.entity_type,
      entityId: e.entity_id,
      actorName: e.actor_name,
      ...(withValues ? { changes: { before: e.before, after: e.after } } : {}),
    })),
  };
}
