import { type RulesInput } from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { errors } from './eligibility.errors.js';
import { loadRules, present, validateRules } from './rules.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function updateDraft({ rulesId: id, expectedVersion, rules: input }: { rulesId: string; expectedVersion: number; rules: RulesInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'project.manage');
  validateRules(input);
  await db.transaction().execute(async (trx) => {
    const r = await loadRules(trx, id, true);
    if (r.status === 'published') throw errors.RULES_PUBLISHED_IMMUTABLE();
    if (r.version !== expectedVersion) throw staleVersion();
    await trx
      .updateTable('eligibility_rules')
      .set({ criteria: JSON.stringify(input.criteria), entitlements: JSON.stringify(input.entitlements), notes: input.notes ?? null, version: r.version + 1, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'eligibility.rules.updated', entityType: 'eligibility_rules', entityId: id,
      before: { criteria: r.criteria, entitlements: r.entitlements, notes: r.notes }, after: input,
    });
  });
  return present(await loadRules(db, id));
}
