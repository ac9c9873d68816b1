import { onCaseWithdrawn } from './modules/decisions/index.js';
import { flagBookingsOnWithdrawal } from './modules/travel/index.js';

/**
 * The hooks by which a module reacts to another's change without the other importing it: travel
 * depends on decisions (its bookings need current decisions), so a withdrawal reaches travel's
 * bookings through a hook wired here. Called by everything that runs use cases (`buildApp`, the
 * demo data); wiring twice is harmless.
 */
export function wireCapabilities(): void {
  onCaseWithdrawn('travel.bookings', flagBookingsOnWithdrawal);
}
