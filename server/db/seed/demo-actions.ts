import type { CaseAction } from '../../modules/cases/index.js';
import type { DemoMove } from './demo-context.js';
import { placeholderMove } from './demo-placeholder.js';
import { demoDeparture } from './demo-travel.js';

/**
 * How the demo data makes each move that belongs to an action: through that action's use case,
 * so that decisions, applications, withdrawals, departures and arrivals have their records.
 */
export const DEMO_ACTIONS: Record<CaseAction, (m: DemoMove) => Promise<void>> = {
  decision: placeholderMove,
  application: placeholderMove,
  withdrawal: placeholderMove,
  departure: demoDeparture,
  arrival: placeholderMove,
};
