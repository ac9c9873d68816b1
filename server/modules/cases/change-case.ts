import type { Updateable } from 'kysely';
import type { Permission } from '../../../shared/access.js';
import type { Stage } from '../../../shared/cases.js';
import type { Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import type { ReturnCaseTable } from './cases.tables.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import type { CaseAction } from './case-workflow.js';
import { findCase, type CaseRow } from './cases.repo.js';
import { moveCase } from './transition-case.js';

/** The case a change is about, the permission that scopes it, and the version the client last saw. */
export interface CaseChangeTarget {
  caseId: string;
  permission: Permission;
  /**
   * The case version the client sent (If-Match): checked with the row locked (412 when stale) and
   * bumped after the change. Omitted when another record's version guards the change (a session, a
   * booking): the case is then locked and scoped only, and its version stays.
   */
  expectedVersion?: number;
}

/** Columns of the case that use cases of other modules may set, each through `set`. */
export type CaseFields = Pick<Updateable<ReturnCaseTable>, 'project_id' | 'host_arrival_date' | 'admission_date' | 'restricted' | 'legal_status' | 'country_of_return' | 'owner_id'>;

/** What a change runs with: the transaction, the locked case and the time of the change. */
export interface CaseChange {
  trx: Tx;
  case: CaseRow;
  now: Date;
  /** Writes fields of the case now (with the version bump of a versioned change). */
  set(fields: CaseFields): Promise<void>;
  /** The stage move of an action, or the generic stage change (`null`), checked against the workflow table; bumps the version. */
  move(to: Stage, action: CaseAction | null, reason?: string): Promise<void>;
  /** Nothing changed (a repeat of the current state): the case keeps its version. */
  unchanged(): void;
}

/**
 * Locks the case, checks its version, runs the change and bumps the version: the one way a module
 * changes a case or anything hanging from it. Opens a transaction on `ctx.db`, or joins the open
 * one of an idempotent creation. The case is read in the actor's scope for `permission` (404
 * outside it) with its row locked until the commit, so that concurrent changes of one case queue.
 */
export async function changeCase<T>(ctx: Pick<UseCaseContext, 'actor' | 'db' | 'clock'>, target: CaseChangeTarget, change: (work: CaseChange) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, ctx.actor, target.caseId, target.permission, true);
    const versioned = target.expectedVersion !== undefined;
    if (versioned && c.version !== target.expectedVersion) throw staleVersion();
    const now = ctx.clock.now();
    let bumped = false;
    let unchanged = false;
    const work: CaseChange = {
      trx,
      case: c,
      now,
      async set(fields) {
        const bump = versioned && !bumped;
        await trx.updateTable('return_case').set({ ...fields, updated_at: now, ...(bump ? { version: c.version + 1 } : {}) }).where('id', '=', c.id).execute();
        if (bump) bumped = true;
      },
      async move(to, action, reason) {
        await moveCase(trx, ctx.actor, c, to, action, reason, now);
        bumped = true;
      },
      unchanged() {
        unchanged = true;
      },
    };
    const result = await change(work);
    if (versioned && !bumped && !unchanged) {
      await trx.updateTable('return_case').set({ version: c.version + 1, updated_at: now }).where('id', '=', c.id).execute();
    }
    return result;
  });
}

/**
 * The receiving office accepted the handover: from now on it is the case's origin office. In the
 * acceptance's transaction; the receiving officer may not see the case yet, so it is read by id
 * (the handover was scoped). Bumps the version and audits the change as the case's own.
 */
export async function takeCaseAtOrigin(trx: Tx, actor: Actor, c: { id: string; version: number; office_id: string; origin_office_id: string | null }, originOfficeId: string, now: Date) {
  await trx.updateTable('return_case').set({ origin_office_id: originOfficeId, version: c.version + 1, updated_at: now }).where('id', '=', c.id).execute();
  await audit(trx, auditContextOf(actor), {
    event: 'case.updated', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
    before: { originOfficeId: c.origin_office_id }, after: { originOfficeId },
  });
}
