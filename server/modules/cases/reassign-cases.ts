import { sql } from 'kysely';
import type { ReassignCasesInput } from '../../../shared/schemas/cases.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { joinTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from './change-case.js';
import { errors } from './cases.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/**
 * A supervisor (`case.approve`, in its scope) hands several cases to one new owner: all or none,
 * in one transaction. Each case is locked and its version checked (412 naming the case when stale);
 * a case outside the scope answers 404 naming it; the new owner must be an active user of the case's
 * office (or its origin office) who may read cases (400 `CASE_OWNER_INVALID`). Each change is
 * audited as the case's own update (`case.updated`, owner before and after).
 */
export async function reassignCases(input: ReassignCasesInput, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'case.approve');
  const owner = await ctx.db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.active', 'u.office_id'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'case.read' = ANY(r.permissions))`.as('reads_cases'))
    .where('u.id', '=', input.ownerId)
    .executeTakeFirst();
  if (!owner?.active || !owner.office_id || !owner.reads_cases) {
    throw errors.CASE_OWNER_INVALID({ field: 'ownerId' }, 'The new owner must be an active user who works on cases.');
  }
  // Locked in a fixed order, so that two reassignments of overlapping cases queue instead of deadlocking.
  const ordered = [...input.cases].sort((a, b) => a.id.localeCompare(b.id));
  const results = await ctx.db.transaction().execute(async (trx) => {
    const joined = { ...ctx, db: joinTransaction(trx) };
    const done: { id: string; version: number; changed: boolean }[] = [];
    for (const target of ordered) {
      const result = await changeCase(joined, { caseId: target.id, permission: 'case.approve', expectedVersion: target.version }, async ({ trx: t, case: c, set, unchanged }) => {
        if (owner.office_id !== c.office_id && owner.office_id !== c.origin_office_id) {
          throw errors.CASE_OWNER_INVALID({ field: 'ownerId', caseId: c.id, caseNumber: c.case_number }, 'The new owner does not work in this case’s office.');
        }
        if (c.owner_id === owner.id) {
          unchanged();
          return { id: c.id, version: c.version, changed: false };
        }
        await set({ owner_id: owner.id });
        await audit(t, auditContextOf(actor), {
          event: 'case.updated', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
          before: { ownerId: c.owner_id }, after: { ownerId: owner.id }, details: { reassignedWith: input.cases.length },
        });
        return { id: c.id, version: c.version + 1, changed: true };
      }).catch((e: unknown) => {
        // Which case refused, so that the screen can say it; the whole reassignment is rolled back.
        if (e instanceof AppError && e.code === errors.CASE_NOT_FOUND.code) throw errors.CASE_NOT_FOUND({ caseId: target.id });
        if (e instanceof AppError && e.code === platformErrors.PRECONDITION_FAILED.code) throw platformErrors.PRECONDITION_FAILED({ caseId: target.id });
        throw e;
      });
      done.push(result);
    }
    return done;
  });
  const byId = new Map(results.map((r) => [r.id, r]));
  return { ownerId: owner.id, cases: input.cases.map((c) => byId.get(c.id)!) };
}
