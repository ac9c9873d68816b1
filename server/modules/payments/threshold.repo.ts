import type { Permission } from '../../../shared/access.js';
import { scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { officeInScope } from '../../platform/scope.js';
import { errors } from './payments.errors.js';

/** An office within the actor's scope for the permission (404 otherwise, so existence does not leak). */
export async function officeFor(ex: Executor, actor: Actor, officeId: string, permission: Permission) {
  const office = await ex.selectFrom('office').select(['id', 'organisation_id']).where('id', '=', officeId).executeTakeFirst();
  if (!office || !officeInScope(actor, scopeFor(actor, permission), office)) throw errors.PAYMENT_OFFICE_NOT_FOUND();
  return office;
}

export async function thresholdOf(ex: Executor, officeId: string) {
  const t = await ex.selectFrom('office_disbursement_threshold as t').innerJoin('app_user as u', 'u.id', 't.set_by')
    .select(['t.amount_minor', 't.currency', 't.set_by', 'u.name', 't.set_at']).where('t.office_id', '=', officeId).executeTakeFirst();
  return {
    officeId,
    amountMinor: t?.amount_minor ?? null,
    currency: t?.currency ?? null,
    setBy: t ? { id: t.set_by, name: t.name } : null,
    setAt: t?.set_at ?? null,
  };
}
