import type { DemoCapability } from './demo-context.js';
import { counsellingDemo } from './demo-counselling.js';
import { eligibilityDemo } from './demo-eligibility.js';
import { financeDemo } from './demo-finance.js';
import { handoverDemo } from './demo-handover.js';
import { monitoringDemo } from './demo-monitoring.js';
import { demoProtection } from './demo-protection.js';
import { paymentsDemo } from './demo-payments.js';
import { providersDemo } from './demo-providers.js';
import { reintegrationDemo } from './demo-reintegration.js';
import { demoTravel } from './demo-travel.js';

/**
 * The demo data each capability adds, in order: at each step of a case, screenings come before
 * the eligibility check that reads them, and bookings before the handover that shows them.
 */
export const DEMO_CAPABILITIES: DemoCapability[] = [
  counsellingDemo,
  demoProtection,
  eligibilityDemo,
  financeDemo,
  demoTravel,
  handoverDemo,
  providersDemo,
  reintegrationDemo,
  paymentsDemo,
  monitoringDemo,
];
