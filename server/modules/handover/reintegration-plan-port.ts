import type { Executor } from '../../platform/db.js';

/** The current version of a case's reintegration plan, as the handover package shows it (null: no plan). */
export interface PackagePlan {
  number: number;
  status: string;
  agreed: boolean;
  components: { type: string; amountMinor: number; currency: string; startsOn: string; endsOn: string; status: string; provider?: string | null; budgetLine?: { code: string; name: string } | null }[];
  totals: { currency: string; amountMinor: number }[];
}
export type ReintegrationPlanReader = (ex: Executor, caseId: string) => Promise<PackagePlan | null>;

/*
 * The plan is the reintegration module's, which comes after the handover in a case's life; so that
 * neither imports the other, the package reads the plan through this port, which
 * `server/compose.ts` connects to the reintegration module's reader.
 */
let reader: ReintegrationPlanReader | undefined;

/** Connects the reader of the reintegration plan (done once, by `server/compose.ts`). */
export function provideReintegrationPlan(read: ReintegrationPlanReader): void {
  reader = read;
}

/** The case's current plan for the package. Throws when the reader is not connected. */
export function reintegrationPlanOf(ex: Executor, caseId: string): Promise<PackagePlan | null> {
  if (!reader) throw new Error('The reintegration plan is not connected to the handover package: import server/compose.ts.');
  return reader(ex, caseId);
}
