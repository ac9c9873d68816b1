import type { Actor } from './actor.js';
import type { Executor } from './db.js';

/**
 * The closed list of audit event names, one entry per module: each module lists its events in
 * `modules/<module>/<module>.events.ts`, and `server/audit-events.ts` adds them here by declaration
 * merging (and keeps the list of names for checks), so that the platform imports no module. Add a
 * name there, never invent one at a call site.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AuditEventRegistry {}
export type AuditEventName = AuditEventRegistry[keyof AuditEventRegistry];

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
