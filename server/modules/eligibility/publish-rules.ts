import { criteriaSchema, entitlementsSchema } from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { errors } from './eligibility.errors.js';
import { loadRules, present, validateRules } from './rules.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function publishRules({ rulesId: id, expectedVersion }: { rulesId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'project.manage');
  await db.transaction().execute(async (trx) => {
    const r = await loadRules(trx, id, true);
    if (r.status === 'published') throw errors.RULES_PUBLISHED_IMMUTABLE(undefined, 'This version is already published.');
    if (r.version !== expectedVersion) throw staleVersion();
    // What was stored must still be valid rules before anyone relies on it.
    validateRules({ criteria: criteriaSchema.parse(r.criteria), entitlements: entitlementsSchema.parse(r.entitlements), notes: r.notes });
    const now = clock.now();
    await trx.updateTable('eligibility_rules').set({ status: 'published', published_by: actor.userId, published_at: now, version: r.version + 1, updated_at: now }).where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'eligibility.rules.published', entityType: 'eligibility_rules', entityId: id, after: { projectId: r.project_id, rulesVersion: r.rules_version } });
  });
  return present(await loadRules(db, id));
}
