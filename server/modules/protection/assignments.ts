import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { assignCaseStaff, caseAssignments, changeCase, findCase, unassignCaseStaff, type CaseRow } from '../cases/index.js';
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
  const rows = await caseAssignments(db, c);
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
    await assignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: c.office_id, at: clock.now() });
  });
  return listAssignments(actor, caseId, { db });
}

export async function unassignStaff(actor: Actor, caseId: string, userId: string, { db, clock }: { db: Db; clock: Clock }) {
  requirePermission(actor, 'case.update');
  await changeCase({ actor, db, clock }, { caseId, permission: 'case.update' }, async ({ trx, case: c }) => {
    requireAssignmentRight(actor, c);
    if (!(await unassignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: c.office_id }))) throw errors.ASSIGNMENT_NOT_FOUND();
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
