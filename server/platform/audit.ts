import type { Actor } from './actor.js';
import type { Executor } from './db.js';

import { ACCESS_EVENTS } from './audit-events/access.js';
import { COUNSELLING_EVENTS } from './audit-events/counselling.js';
import { DECISIONS_EVENTS } from './audit-events/decisions.js';
import { ELIGIBILITY_EVENTS } from './audit-events/eligibility.js';
import { HANDOVER_EVENTS } from './audit-events/handover.js';
import { PROTECTION_EVENTS } from './audit-events/protection.js';
import { TRAVEL_EVENTS } from './audit-events/travel.js';

/**
 * The closed list of audit events: the platform's and the cases' here, each further capability's
 * in ./audit-events/<capability>.ts. Add there, never invent names at call sites.
 */
export const AUDIT_EVENTS = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.logout',
  'auth.totp.enabled',
  'auth.totp.disabled',
  'auth.setup.completed',
  'organisation.created',
  'office.created',
  'user.created',
  'user.updated',
  'user.preferences.updated',
  'role.created',
  'role.updated',
  'case.created',
  'case.updated',
  'case.opened',
  'case.member.added',
  'case.stage.changed',
  'case.note.added',
  'case.notes.sensitive.viewed',
  'case.attachment.added',
  'case.attachment.downloaded',
  'case.history.viewed',
  'person.updated',
  'saved_filter.created',
  'saved_filter.deleted',
  'audit.searched',
  'case.assignment.changed',
  ...ACCESS_EVENTS,
  ...COUNSELLING_EVENTS,
  ...DECISIONS_EVENTS,
  ...ELIGIBILITY_EVENTS,
  ...PROTECTION_EVENTS,
  ...TRAVEL_EVENTS,
  ...HANDOVER_EVENTS,
] as const;
export type AuditEventName = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  event: AuditEventName;
  entityType?: string;
  entityId?: string;
  caseId?: string;
  officeId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

export interface AuditContext {
  actorId: string | null;
  officeId: string | null;
  ip: string | null;
}

export const auditContextOf = (actor: Actor): AuditContext => ({ actorId: actor.userId, officeId: actor.officeId, ip: actor.ip });

/**
 * Appends one audit event on the given executor: pass the transaction of the change so that
 * the change and its trace commit or fail together.
 */
export async function audit(ex: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await ex
    .insertInto('audit_event')
    .values({
      event: entry.event,
      actor_id: ctx.actorId,
      office_id: entry.officeId === undefined ? ctx.officeId : entry.officeId,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId ?? null,
      case_id: entry.caseId ?? null,
      ip: ctx.ip,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

/** The fields that differ between two snapshots, for before/after audit values. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
