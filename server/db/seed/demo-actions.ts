import type { CaseAction } from '../../modules/cases/index.js';
import type { DemoMove } from './demo-context.js';
import { demoApplication, demoDecision, demoWithdrawal } from './demo-decisions.js';
import { demoArrival } from './demo-handover.js';
import { demoReintegration } from './demo-reintegration.js';
import { demoDeparture } from './demo-travel.js';

/**
 * How the demo data makes each move that belongs to an action: through that action's use case,
 * so that decisions, applications, withdrawals, departures and arrivals have their records.
 * An action answers 'stay' when the move cannot happen in the demo (an arrival in a country
 * whose origin office has no user): the case stays where it is.
 */
export const DEMO_ACTIONS: Record<CaseAction, (m: DemoMove) => Promise<void | 'stay'>> = {
  decision: demoDecision,
  application: demoApplication,
  withdrawal: demoWithdrawal,
  departure: demoDeparture,
  arrival: demoArrival,
  reintegration: demoReintegration,
};
