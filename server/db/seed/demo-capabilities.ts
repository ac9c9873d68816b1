import type { DemoCapability } from './demo-context.js';
import { counsellingDemo } from './demo-counselling.js';
import { handoverDemo } from './demo-handover.js';
import { demoProtection } from './demo-protection.js';
import { demoTravel } from './demo-travel.js';

/** The demo data each capability adds, in order (projects before the cases that use them...). */
export const DEMO_CAPABILITIES: DemoCapability[] = [
  counsellingDemo,
  demoProtection,
  demoTravel,
  handoverDemo,
];
