import { sql } from 'kysely';
import { can, type Actor } from '../../platform/actor.js';
import { inScope, type ScopeColumns } from '../../platform/scope.js';
import type { Executor } from '../../platform/db.js';
import { assignedToCase } from '../cases/index.js';
import { errors } from './handover.errors.js';
import { presentHandover } from './handovers.present.js';

export const handoverNotFound = () => errors.HANDOVER_NOT_FOUND();

/** A handover received is the receiving office's (it has no owner: 'own' reaches the office). */
const RECEIVING: ScopeColumns = { office: 'h.to_office_id' };

/**
 * The condition on `handover AS h` (joined to `return_case AS c`) for the handovers an actor
 * receives: those sent to offices in its scope. A restricted case (a victim of trafficking, an
 * unaccompanied or separated child) is received only by the officer the sender named, staff
 * assigned to the case, and supervisors (case.restricted) of the receiving office; for everyone
 * else the handover does not exist (404, never listed).
 */
export function incomingScope(actor: Actor) {
  const supervisor = can(actor, 'case.restricted') ? inScope(actor, 'case.restricted', RECEIVING) : sql<boolean>`false`;
  return sql<boolean>`(${inScope(actor, 'handover.receive', RECEIVING)} AND (NOT c.restricted
    OR h.receiving_officer_id = ${actor.userId}
    OR ${assignedToCase(actor)}
    OR ${supervisor}))`;
}

/** Active users of an office who may receive handovers: the officers a sender may name. */
export const receivingOfficers = (ex: Executor, officeId: string) =>
  ex
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.office_id', '=', officeId)
    .where('u.active', '=', true)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'handover.receive' = ANY(r.permissions))`)
    .orderBy('u.name')
    .execute();

export function handoverQuery(ex: Executor) {
  return ex
    .selectFrom('handover as h')
    .innerJoin('return_case as c', 'c.id', 'h.case_id')
    .innerJoin('office as fo', 'fo.id', 'h.from_office_id')
    .innerJoin('office as tof', 'tof.id', 'h.to_office_id')
    .innerJoin('app_user as s', 's.id', 'h.sent_by')
    .leftJoin('app_user as d', 'd.id', 'h.decided_by')
    .leftJoin('app_user as ro', 'ro.id', 'h.receiving_officer_id')
    .select([
      'h.id', 'h.case_id', 'c.case_number', 'c.country_of_return', 'h.from_office_id', 'fo.name as from_office_name', 'fo.country_code as from_country', 'h.to_office_id', 'tof.name as to_office_name',
      'h.purpose', 'h.from_stage', 'h.note', 'h.status', 'h.sent_at', 's.name as sent_by_name', 'h.decided_at', 'd.name as decided_by_name',
      'h.decline_reason', 'h.version', 'h.receiving_officer_id', 'ro.name as receiving_officer_name', 'c.restricted',
    ]);
}
export type HandoverRow = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;

export async function handoversOfCase(ex: Executor, caseId: string) {
  const rows = await handoverQuery(ex).where('h.case_id', '=', caseId).orderBy('h.sent_at', 'desc').execute();
  return rows.map(presentHandover);
}

/** The handover an actor receives, or 404. */
export async function findIncoming(ex: Executor, actor: Actor, id: string, lock = false) {
  let q = handoverQuery(ex).where('h.id', '=', id).where(incomingScope(actor));
  if (lock) q = q.forUpdate('h');
  const row = await q.executeTakeFirst();
  if (!row) throw handoverNotFound();
  return row;
}
