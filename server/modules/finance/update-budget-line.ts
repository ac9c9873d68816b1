import type { BudgetLineInput } from '../../../shared/schemas/finance.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { codeTaken, loadLine, projectOf, validateLine } from './budget.repo.js';
import { errors } from './finance.errors.js';

const snapshot = (l: { code: string; name: string; componentTypes: string[]; donor: string; amountMinor: number; currency: string }) => ({
  code: l.code, name: l.name, componentTypes: l.componentTypes, donor: l.donor, amountMinor: l.amountMinor, currency: l.currency,
});

/**
 * Edits a budget line (If-Match). The budget may not fall below what is committed or disbursed
 * (409 BUDGET_LINE_BELOW_USED), and the currency of a line with entries stays (409
 * BUDGET_LINE_CURRENCY_LOCKED). Audited with the fields that changed.
 */
export async function updateBudgetLine({ lineId, expectedVersion, line }: { lineId: string; expectedVersion: number; line: BudgetLineInput }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'finance.manage');
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('budget_line').select(['version', 'project_id']).where('id', '=', lineId).forUpdate().executeTakeFirst();
    if (!row) throw errors.BUDGET_LINE_NOT_FOUND();
    if (row.version !== expectedVersion) throw staleVersion();
    const project = await projectOf(trx, row.project_id);
    validateLine(line, project);
    const before = (await loadLine(trx, lineId))!;
    if (await codeTaken(trx, row.project_id, line.code, lineId)) throw errors.BUDGET_LINE_CODE_TAKEN({ field: 'code' });
    const hasEntries = Boolean(await trx.selectFrom('budget_entry').select('id').where('budget_line_id', '=', lineId).executeTakeFirst());
    if (hasEntries && line.currency !== before.currency) throw errors.BUDGET_LINE_CURRENCY_LOCKED({ field: 'currency', currency: before.currency });
    const used = Math.max(before.committedMinor, before.disbursedMinor);
    if (line.amountMinor < used) throw errors.BUDGET_LINE_BELOW_USED({ field: 'amountMinor', usedMinor: used, currency: before.currency });
    await trx
      .updateTable('budget_line')
      .set({ code: line.code, name: line.name, component_types: line.componentTypes, donor: line.donor, amount_minor: line.amountMinor, currency: line.currency, version: row.version + 1, updated_at: clock.now() })
      .where('id', '=', lineId)
      .execute();
    const diff = changedFields(snapshot(before) as Record<string, unknown>, snapshot(line) as Record<string, unknown>);
    await audit(trx, auditContextOf(actor), { event: 'budget_line.updated', entityType: 'budget_line', entityId: lineId, ...diff });
  });
  return (await loadLine(db, lineId))!;
}
