import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, hasDeparted } from '../cases/index.js';
import { errors } from './decisions.errors.js';

/**
 * What another capability does, in the withdrawal's transaction, when a case is withdrawn (travel
 * flags open bookings for cancellation). Each returns the ids it changed under a name, kept in the
 * withdrawal's audit event. Wired by the composition (`server/capabilities.ts`), so that the
 * decisions module needs no module downstream of it.
 */
export type WithdrawalEffect = (trx: Tx, caseId: string, now: Date) => Promise<Record<string, string[]>>;
const effects = new Map<string, WithdrawalEffect>();

/** Registers (or replaces) a capability's effect of a withdrawal. */
export function onCaseWithdrawn(name: string, effect: WithdrawalEffect): void {
  effects.set(name, effect);
}

export interface WithdrawCaseInput {
  caseId: string;
  expectedVersion: number;
  reason?: string | null;
}

/**
 * The returnee withdraws, effective at once: the withdrawal is kept, every current decision ends,
 * a pending application ends, open bookings are flagged for cancellation and the case becomes
 * withdrawn. Refused once the returnee has departed.
 */
export async function withdrawCase({ caseId, expectedVersion, reason: given }: WithdrawCaseInput, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'case.transition');
  const reason = given?.trim() || null;
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.read' }, async ({ trx, case: c, now, move }) => {
    if (hasDeparted(c)) throw errors.WITHDRAWAL_AFTER_DEPARTURE({ stage: c.stage });
    if (c.stage === 'withdrawn') throw errors.WITHDRAWAL_ALREADY_WITHDRAWN({ stage: c.stage });
    if (c.stage === 'ineligible' || c.stage === 'suspended') {
      throw errors.WITHDRAWAL_STAGE_INVALID({ stage: c.stage }, `A ${c.stage} case cannot be withdrawn; reopen or resume it first.`);
    }
    const w = await trx.insertInto('withdrawal').values({ case_id: caseId, from_stage: c.stage, reason, recorded_by: actor.userId, at: now }).returning('id').executeTakeFirstOrThrow();
    const ended = await trx
      .updateTable('informed_decision')
      .set({ ended_at: now, ended_reason: 'withdrawn' })
      .where('case_id', '=', caseId)
      .where('ended_at', 'is', null)
      .returning('id')
      .execute();
    const changed: Record<string, string[]> = {};
    for (const effect of effects.values()) Object.assign(changed, await effect(trx, caseId, now));
    const pending = await trx
      .updateTable('application')
      .set({ outcome: 'withdrawn', decided_at: now })
      .where('case_id', '=', caseId)
      .where('outcome', 'is', null)
      .returning('id')
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'case.withdrawn', entityType: 'withdrawal', entityId: w.id, caseId, officeId: c.office_id,
      before: { stage: c.stage },
      after: { reason, endedDecisions: ended.map((d) => d.id), ...changed, endedApplications: pending.map((a) => a.id) },
    });
    await move('withdrawn', 'withdrawal', reason ?? undefined);
  });
}
