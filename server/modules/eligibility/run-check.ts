import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase } from '../cases/index.js';
import { evaluate, factsHash } from './rule-engine.js';
import { applicableRules } from './rules.repo.js';
import { errors } from './eligibility.errors.js';
import { caseFacts, latestCheck } from './checks.repo.js';
import { caseEligibility } from './case-eligibility.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Evaluates the latest published rules of the case's project against the case's facts now. */
export async function runCheck({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'eligibility.check');
  const id = await changeCase(ctx, { caseId, permission: 'eligibility.check' }, async ({ trx, case: c }) => {
    if (!c.project_id) throw errors.ELIGIBILITY_NO_PROJECT();
    const rules = await applicableRules(trx, c.project_id);
    if (!rules) throw errors.ELIGIBILITY_NO_RULES();
    // Checks of a case are ordered by time: a check made within the same millisecond as the
    // previous one (a fixed clock) still comes after it.
    const previous = await latestCheck(trx, caseId);
    const prevAt = previous ? new Date(previous.checked_at).getTime() : 0;
    const now = new Date(Math.max(clock.now().getTime(), prevAt + 1));
    const facts = await caseFacts(trx, caseId, now);
    const result = evaluate(rules, facts);
    const row = await trx
      .insertInto('eligibility_check')
      .values({
        case_id: caseId, project_id: c.project_id, rules_version: rules.rulesVersion, outcome: result.outcome, criteria: JSON.stringify(result.criteria),
        entitlement: JSON.stringify(result.entitlement), currency: result.entitlement.currency, household_total_minor: result.entitlement.householdTotalMinor,
        facts: JSON.stringify(facts), facts_hash: factsHash(facts), checked_by: actor.userId, checked_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const amounts = result.entitlement.components.flatMap((comp) =>
      comp.members.map((m) => ({ check_id: row.id, component: comp.component, person_id: m.personId, amount_minor: m.amountMinor, currency: result.entitlement.currency })),
    );
    if (amounts.length > 0) await trx.insertInto('eligibility_check_amount').values(amounts).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'eligibility.checked', entityType: 'eligibility_check', entityId: row.id, caseId, officeId: c.office_id,
      after: { projectId: c.project_id, rulesVersion: rules.rulesVersion, outcome: result.outcome, householdTotalMinor: result.entitlement.householdTotalMinor },
    });
    return row.id;
  });
  return { checkId: id, ...(await caseEligibility({ caseId }, ctx)) };
}
