import type { Stage } from '../../../shared/cases.js';
import type { Actor } from '../../platform/actor.js';
import type { Tx } from '../../platform/db.js';

/**
 * What another capability does, in the plan's transaction, when the plan moves a case into
 * reintegration or monitoring (the monitoring module makes the case's monitoring schedule).
 * Wired by the composition (`server/compose.ts`), so that this module needs no module downstream of it.
 */
export type PlanStageEffect = (trx: Tx, actor: Actor, caseId: string, to: Stage, now: Date) => Promise<void>;
const effects = new Map<string, PlanStageEffect>();

/** Registers (or replaces) a capability's effect of the plan's stage move. */
export function onPlanStageMove(name: string, effect: PlanStageEffect): void {
  effects.set(name, effect);
}

/** Runs every registered effect after the move, in the same transaction. */
export async function planStageMoved(trx: Tx, actor: Actor, caseId: string, to: Stage, now: Date) {
  for (const effect of effects.values()) await effect(trx, actor, caseId, to, now);
}
