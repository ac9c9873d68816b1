import type { Executor } from '../../platform/db.js';
import { auditValuesView, caseFieldAccess, openAuditValues } from './audit-values.js';
import { canReadCaseAudit } from './cases.policy.js';
import { findCase } from './cases.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** A case's moves from stage to stage, with who made them, by time. */
export function stageTransitions(ex: Executor, caseId: string, order: 'asc' | 'desc') {
  return ex
    .selectFrom('stage_transition as t')
    .innerJoin('app_user as u', 'u.id', 't.actor_id')
    .select(['t.id', 't.from_stage', 't.to_stage', 't.reason', 't.at', 'u.name as actor_name'])
    .where('t.case_id', '=', caseId)
    .orderBy('t.at', order)
    .execute();
}

type TransitionRow = Awaited<ReturnType<typeof stageTransitions>>[number];

export const presentTransition = (t: TransitionRow) =>
  ({ id: t.id, fromStage: t.from_stage, toStage: t.to_stage, reason: t.reason, actorName: t.actor_name, at: t.at.toISOString() });

/**
 * The case's stage history and its audit events. Everyone who can read the case sees who did
 * what and when, and which fields changed; the before/after values only those allowed to read the
 * case's audit, and of those only the fields they may read of the case right now (health records,
 * sensitive notes, the legal status for the origin office...; document numbers masked).
 */
export async function caseHistory({ caseId }: { caseId: string }, { actor, db }: UseCaseContext) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const transitions = await stageTransitions(db, caseId, 'desc');
  const events = await db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.event', 'a.at', 'a.entity_type', 'a.entity_id', 'u.name as actor_name', 'a.before', 'a.after', 'a.details'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();
  const withValues = canReadCaseAudit(actor);
  const access = (await caseFieldAccess(db, actor, [c.id])).get(c.id);
  return {
    transitions: transitions.map(presentTransition),
    events: await Promise.all(events.map(async (e) => {
      const withheld = auditValuesView({ event: e.event, entityType: e.entity_type, entityId: e.entity_id, caseId: c.id, before: e.before, after: e.after, details: e.details }, access);
      const view = withValues ? await openAuditValues(db, withheld) : withheld;
      return {
        id: e.id,
        event: e.event,
        at: e.at.toISOString(),
        entityType: e.entity_type,
        entityId: e.entity_id,
        actorName: e.actor_name,
        changedFields: view.changedFields,
        ...(withValues ? { withheldFields: view.withheldFields, changes: { before: view.before ?? null, after: view.after ?? null } } : {}),
      };
    })),
  };
}
