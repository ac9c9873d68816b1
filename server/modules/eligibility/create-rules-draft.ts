import { type Criteria, type Entitlements, type RulesInput } from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { projectNotFound } from './projects.repo.js';
import { errors } from './eligibility.errors.js';
import { EMPTY_RULES, loadRules, present, validateRules } from './rules.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * A new draft version: from the body, or else a copy of the latest version (editing a published
 * version). A project has at most one draft.
 */
export async function createDraft({ projectId, rules: input }: { projectId: string; rules: RulesInput | null }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'project.manage');
  if (input) validateRules(input);
  const id = await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('project').select(['id', 'currency']).where('id', '=', projectId).forUpdate().executeTakeFirst();
    if (!p) throw projectNotFound();
    const draft = await trx.selectFrom('eligibility_rules').select('id').where('project_id', '=', projectId).where('status', '=', 'draft').executeTakeFirst();
    if (draft) throw errors.RULES_DRAFT_EXISTS({ draftId: draft.id });
    const latest = await trx.selectFrom('eligibility_rules').select(['rules_version', 'criteria', 'entitlements', 'notes']).where('project_id', '=', projectId).orderBy('rules_version', 'desc').limit(1).executeTakeFirst();
    const content: RulesInput = input ?? (latest
      ? { criteria: latest.criteria as Criteria, entitlements: latest.entitlements as Entitlements, notes: latest.notes }
      : { ...EMPTY_RULES, entitlements: { ...EMPTY_RULES.entitlements, currency: p.currency } });
    const now = clock.now();
    const row = await trx
      .insertInto('eligibility_rules')
      .values({
        project_id: projectId, rules_version: (latest?.rules_version ?? 0) + 1, criteria: JSON.stringify(content.criteria), entitlements: JSON.stringify(content.entitlements),
        notes: content.notes ?? null, created_by: actor.userId, created_at: now, updated_at: now,
      })
      .returning(['id', 'rules_version'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'eligibility.rules.created', entityType: 'eligibility_rules', entityId: row.id, after: { projectId, rulesVersion: row.rules_version, ...content } });
    return row.id;
  });
  return present(await loadRules(db, id));
}
