import type { Tx } from '../../platform/db.js';

/**
 * What must hold before a component of the approved plan is delivered, asked of the module that
 * pays it (every paid disbursement has a receipt or a waiver): the payments module imports this
 * one, so it hands its check through this port, connected in `server/compose.ts`. The check throws
 * its own refusal. An unconnected port throws rather than let a delivery through by accident.
 */
export type DeliveryCheck = (trx: Tx, component: { caseId: string; componentKey: string }) => Promise<void>;

let check: DeliveryCheck | null = null;

export function provideDeliveryCheck(fn: DeliveryCheck) {
  check = fn;
}

export async function assertDeliverable(trx: Tx, component: { caseId: string; componentKey: string }) {
  if (!check) throw new Error('the delivery check of reintegration components is not connected (server/compose.ts)');
  await check(trx, component);
}
