/**
 * The closed list of audit events, composed from each module's list. Adding the modules' names to
 * the platform's `AuditEventRegistry` (declaration merging) is what lets `audit()` accept them:
 * the platform imports no module.
 */
// Names the augmented module for programs that include this file alone (the web app's label check).
import type {} from './platform/audit.js';
import { ACCESS_EVENTS } from './modules/access/access.events.js';
import { CASES_EVENTS } from './modules/cases/cases.events.js';
import { COUNSELLING_EVENTS } from './modules/counselling/counselling.events.js';
import { DECISIONS_EVENTS } from './modules/decisions/decisions.events.js';
import { ELIGIBILITY_EVENTS } from './modules/eligibility/eligibility.events.js';
import { FINANCE_EVENTS } from './modules/finance/finance.events.js';
import { IMPORTS_EVENTS } from './modules/imports/imports.events.js';
import { HANDOVER_EVENTS } from './modules/handover/handover.events.js';
import { MONITORING_EVENTS } from './modules/monitoring/monitoring.events.js';
import { NOTIFICATIONS_EVENTS } from './modules/notifications/notifications.events.js';
import { PAYMENTS_EVENTS } from './modules/payments/payments.events.js';
import { PROVIDERS_EVENTS } from './modules/providers/providers.events.js';
import { COMMUNITY_EVENTS } from './modules/community/community.events.js';
import { PROTECTION_EVENTS } from './modules/protection/protection.events.js';
import { REINTEGRATION_EVENTS } from './modules/reintegration/reintegration.events.js';
import { STATISTICS_EVENTS } from './modules/statistics/statistics.events.js';
import { TRAVEL_EVENTS } from './modules/travel/travel.events.js';
import { PRIVACY_EVENTS } from './modules/privacy/privacy.events.js';

declare module './platform/audit.js' {
  interface AuditEventRegistry {
    access: (typeof ACCESS_EVENTS)[number];
    cases: (typeof CASES_EVENTS)[number];
    counselling: (typeof COUNSELLING_EVENTS)[number];
    decisions: (typeof DECISIONS_EVENTS)[number];
    eligibility: (typeof ELIGIBILITY_EVENTS)[number];
    finance: (typeof FINANCE_EVENTS)[number];
    handover: (typeof HANDOVER_EVENTS)[number];
    imports: (typeof IMPORTS_EVENTS)[number];
    monitoring: (typeof MONITORING_EVENTS)[number];
    notifications: (typeof NOTIFICATIONS_EVENTS)[number];
    payments: (typeof PAYMENTS_EVENTS)[number];
    protection: (typeof PROTECTION_EVENTS)[number];
    providers: (typeof PROVIDERS_EVENTS)[number];
    community: (typeof COMMUNITY_EVENTS)[number];
    reintegration: (typeof REINTEGRATION_EVENTS)[number];
    statistics: (typeof STATISTICS_EVENTS)[number];
    travel: (typeof TRAVEL_EVENTS)[number];
    privacy: (typeof PRIVACY_EVENTS)[number];
  }
}

/** Every audit event name, for checks (each has a label in every language of the web app). */
export const AUDIT_EVENTS = [
  ...ACCESS_EVENTS,
  ...CASES_EVENTS,
  ...COUNSELLING_EVENTS,
  ...DECISIONS_EVENTS,
  ...ELIGIBILITY_EVENTS,
  ...FINANCE_EVENTS,
  ...HANDOVER_EVENTS,
  ...IMPORTS_EVENTS,
  ...MONITORING_EVENTS,
  ...NOTIFICATIONS_EVENTS,
  ...PAYMENTS_EVENTS,
  ...PROTECTION_EVENTS,
  ...PROVIDERS_EVENTS,
  ...COMMUNITY_EVENTS,
  ...REINTEGRATION_EVENTS,
  ...STATISTICS_EVENTS,
  ...TRAVEL_EVENTS,
  ...PRIVACY_EVENTS,
] as const;
