import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { changeCase, findCase, type CaseRow } from '../cases/index.js';
import { checkCaseStaff } from './restriction.js';
import { errors } from './protection.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** Who may change a case's assigned staff: its owner, or a supervisor (holder of 'case.restricted'). */
function requireAssignmentRight(actor: Actor, c: CaseRow) {
  if (c.owner_id !== actor.userId && !can(actor, 'case.restricted')) {
    throw platformErrors.FORBIDDEN(undefined, 'Only the case owner or a supervisor changes the staff assigned to a case.');
  }
}

export async function listAssignments(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const rows = await db
    .selectFrom('case_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .innerJoin('app_user as by', 'by.id', 'a.assigned_by')
    .select(['a.user_id', 'u.name', 'a.assigned_at', 'by.name as assigned_by_name'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.assigned_at')
    .execute();
  return {
    owner: { userId: c.owner_id, name: c.owner_name },
    canManage: can(actor, 'case.update') && (c.owner_id === actor.userId || can(actor, 'case.restricted')),
    items: rows.map((r) => ({ userId: r.user_id, name: r.name, assignedAt: r.assigned_at.toISOString(), assignedByName: r.assigned_by_name })),
  };
}

export async function assignStaff(actor: Actor, caseId: string, userId: string, { db, clock }: { db: Db; clock: { now(): Date } }) {
  requirePermission(actor, 'case.update');
  await changeCase({ actor, db, clock }, { caseId, permission: 'case.update' }, async ({ trx, case: c }) => {
    requireAssignmentRight(actor, c);
    await checkCaseStaff(trx, c, userId, 'userId');
    if (userId === c.owner_id) throw platformErrors.VALIDATION_FAILED({ field: 'userId' }, 'The owner already sees the case.');
    const added = await trx.insertInto('case_assignment').values({ case_id: caseId, user_id: userId, assigned_by: actor.userId, assigned_at: clock.now() })
      .onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
    if (added) {
      await audit(trx, auditContextOf(actor), { event: 'case.assignment.changed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id, after: { added: userId } });
    }
  });
  return listAssignments(actor, caseId, { db });
}

export async function unassignStaff(actor: Actor, caseId: string, userId: string, { db, clock }: { db: Db; clock: Clock }) {
  requirePermission(actor, 'case.update');
  await changeCase({ actor, db, clock }, { caseId, permission: 'case.update' }, async ({ trx, case: c }) => {
    requireAssignmentRight(actor, c);
    const removed = await trx.deleteFrom('case_assignment').where('case_id', '=', caseId).where('user_id', '=', userId).returning('user_id').executeTakeFirst();
    if (!removed) throw errors.ASSIGNMENT_NOT_FOUND();
    await audit(trx, auditContextOf(actor), { event: 'case.assignment.changed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id, before: { assigned: userId }, after: { removed: userId } });
  });
  // Removing oneself from a restricted case loses sight of it.
  return listAssignments(actor, caseId, { db }).catch(() => ({ owner: null, canManage: false, items: [] }));
}

/** Active staff of the case's offices: the choices for a measure's owner or an assignment. */
export async function caseStaff(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const offices = [c.office_id, c.origin_office_id].filter((x): x is string => Boolean(x));
  const rows = await db.selectFrom('app_user').select(['id', 'name', 'office_id']).where('active', '=', true).where('office_id', 'in', offices).orderBy('name').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, officeId: r.office_id })) };
}
