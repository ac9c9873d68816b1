import type { ScheduleInput } from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { casePayments } from './payments.present.js';
import { approvedComponent } from './payments.repo.js';
import { errors } from './payments.errors.js';

/**
 * Sets the tranches of a component of the approved plan not released yet, while the component is
 * planned or in progress: released tranches stay, the others are replaced by these (after them).
 * The tranches are in the component's currency and never add up to more than its planned amount.
 */
export async function setSchedule({ caseId, componentId, schedule }: { caseId: string; componentId: string; schedule: ScheduleInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  return changeCase(ctx, { caseId, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    const component = await approvedComponent(trx, c.id, componentId);
    if (component.status !== 'planned' && component.status !== 'in_progress') throw errors.PAYMENT_COMPONENT_CLOSED({ status: component.status });
    schedule.tranches.forEach((t, i) => {
      if (t.currency !== component.currency) throw errors.TRANCHE_CURRENCY_MISMATCH({ field: `tranches.${i}.currency`, currency: component.currency });
    });
    const existing = await trx.selectFrom('payment_tranche').selectAll().where('case_id', '=', c.id).where('component_key', '=', component.component_key)
      .orderBy('position').forUpdate().execute();
    const released = existing.filter((t) => t.released_at !== null);
    const total = [...released.map((t) => t.amount_minor), ...schedule.tranches.map((t) => t.amountMinor)].reduce((s, a) => s + BigInt(a), 0n);
    if (total > BigInt(component.amount_minor)) {
      throw errors.TRANCHES_EXCEED_COMPONENT({ field: 'tranches', plannedMinor: component.amount_minor, scheduledMinor: Number(total), currency: component.currency });
    }
    const replaced = existing.filter((t) => t.released_at === null);
    if (replaced.length) await trx.deleteFrom('payment_tranche').where('id', 'in', replaced.map((t) => t.id)).execute();
    let position = released.reduce((m, t) => Math.max(m, t.position), 0);
    const created: { id: string; amountMinor: number; dueOn: string; conditions: string[] }[] = [];
    for (const t of schedule.tranches) {
      position += 1;
      const row = await trx.insertInto('payment_tranche').values({
        case_id: c.id, component_key: component.component_key, position, amount_minor: t.amountMinor, currency: t.currency, due_on: t.dueOn,
        released_by: null, released_at: null, created_by: actor.userId, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      if (t.conditions.length) {
        await trx.insertInto('payment_tranche_condition').values(t.conditions.map((k, i) => ({
          tranche_id: row.id, position: i + 1, kind: k.kind, training_id: k.trainingId ?? null, text: k.text ?? null, met_by: null, met_at: null, met_note: null,
        }))).execute();
      }
      created.push({ id: row.id, amountMinor: t.amountMinor, dueOn: t.dueOn, conditions: t.conditions.map((k) => k.kind) });
    }
    await audit(trx, auditContextOf(actor), {
      event: 'payment.tranches.scheduled', entityType: 'reintegration_component', entityId: component.id, caseId: c.id, officeId: c.office_id,
      before: { tranches: replaced.map((t) => ({ id: t.id, amountMinor: t.amount_minor, dueOn: t.due_on })) },
      after: { currency: component.currency, tranches: created },
    });
    return casePayments(trx, c.id);
  });
}
