import type { DemoCapability } from './demo-context.js';
import { eligibilityDemo } from './demo-eligibility.js';

/** The demo data each capability adds, in order (projects before the cases that use them...). */
export const DEMO_CAPABILITIES: DemoCapability[] = [
  eligibilityDemo,
];
