import { can, requirePermission, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assignCaseStaff, caseAssignments, findCase, unassignCaseStaff, type CaseRow } from '../cases/index.js';
import { checkCaseStaff } from './restriction.js';

/** Who may change a case's assigned staff: its owner, or a supervisor (holder of 'case.restricted'). */
function requireAssignmentRight(actor: Actor, c: CaseRow) {
  if (c.owner_id !== actor.userId && !can(actor, 'case.restricted')) {
    throw new AppError('FORBIDDEN', 403, 'Only the case owner or a supervisor changes the staff assigned to a case.');
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
  await db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'case.update', true);
    requireAssignmentRight(actor, c);
    await checkCaseStaff(trx, c, userId, 'userId');
    if (userId === c.owner_id) throw new AppError('VALIDATION_FAILED', 400, 'The owner already sees the case.', { field: 'userId' });
    await assignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: c.office_id, at: clock.now() });
  });
  return listAssignments(actor, caseId, { db });
}

export async function unassignStaff(actor: Actor, caseId: string, userId: string, { db }: { db: Db }) {
  requirePermission(actor, 'case.update');
  await db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'case.update', true);
    requireAssignmentRight(actor, c);
    if (!(await unassignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: c.office_id }))) throw notFound('The assignment', 'ASSIGNMENT_NOT_FOUND');
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
