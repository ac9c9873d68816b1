import type { Actor } from './actor.js';
import type { Db, Executor } from './db.js';
import { auditWriteFailures } from './metrics.js';

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

const auditRow = (ctx: AuditContext, entry: AuditEntry) => ({
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
});

/**
 * Appends one audit event on the given executor: pass the transaction of the change so that
 * the change and its trace commit or fail together.
 */
export async function audit(ex: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  try {
    await ex.insertInto('audit_event').values(auditRow(ctx, entry)).execute();
  } catch (err) {
    auditWriteFailures.inc();
    throw err;
  }
}

/** At most this many entries are written by one statement of `auditMany`. */
export const AUDIT_MANY_CHUNK = 1_000;

/**
 * Appends many audit events on the given executor, in order, with one statement per 1,000 (a
 * legacy import's batch audits every record it changed: one statement each cost a round trip
 * each, about 0.26 ms an entry). The same entries as `audit()` one by one, in the same order.
 */
export async function auditMany(ex: Executor, ctx: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += AUDIT_MANY_CHUNK) {
    try {
      await ex.insertInto('audit_event').values(entries.slice(i, i + AUDIT_MANY_CHUNK).map((e) => auditRow(ctx, e))).execute();
    } catch (err) {
      auditWriteFailures.inc();
      throw err;
    }
  }
}

/** At most this many reads are audited by one statement. */
export const READ_AUDIT_GROUP_MAX = 200;

interface PendingRead { row: ReturnType<typeof auditRow>; done: (err?: unknown) => void }
interface ReadAuditQueue { waiting: PendingRead[]; writing: boolean }
const readAuditQueues = new WeakMap<Db, ReadAuditQueue>();

/**
 * Audits a read of a sensitive record that changes nothing (opening a case), and resolves only
 * once its row is committed: the caller answers after that, so an answered read always has its
 * row. Reads audited while an earlier group is being written wait and go together in the next
 * INSERT (one statement, its own transaction: one turn of the chain head's lock and one commit
 * for the group, the chain trigger linking the rows in order). If that statement fails, every
 * read of the group fails with it. Writes audit with `audit()` in their own transaction instead.
 */
export function auditRead(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  let queue = readAuditQueues.get(db);
  if (!queue) {
    queue = { waiting: [], writing: false };
    readAuditQueues.set(db, queue);
  }
  const q = queue;
  const written = new Promise<void>((resolve, reject) => {
    q.waiting.push({ row: auditRow(ctx, entry), done: (err) => (err === undefined ? resolve() : reject(err)) });
  });
  if (!q.writing) void writeReadGroups(db, q);
  return written;
}

async function writeReadGroups(db: Db, q: ReadAuditQueue) {
  q.writing = true;
  try {
    while (q.waiting.length) {
      const group = q.waiting.splice(0, READ_AUDIT_GROUP_MAX);
      try {
        await db.insertInto('audit_event').values(group.map((p) => p.row)).execute();
      } catch (err) {
        auditWriteFailures.inc(group.length);
        for (const p of group) p.done(err ?? new Error('audit insert failed'));
        continue;
      }
      for (const p of group) p.done();
    }
  } finally {
    q.writing = false;
  }
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
