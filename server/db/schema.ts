/**
 * The whole database schema of Homeward, composed from the tables each module writes. The
 * platform declares `DB` with its own tables only; this file adds every module's by declaration
 * merging, so that `Kysely<DB>` knows every table while the platform imports no module.
 * It is type-only and part of every compilation through tsconfig's `include`.
 */
import type { AccessTables } from '../modules/access/access.tables.js';
import type { CasesTables } from '../modules/cases/cases.tables.js';
import type { CounsellingTables } from '../modules/counselling/counselling.tables.js';
import type { DecisionsTables } from '../modules/decisions/decisions.tables.js';
import type { FinanceTables } from '../modules/finance/finance.tables.js';
import type { EligibilityTables } from '../modules/eligibility/eligibility.tables.js';
import type { ImportsTables } from '../modules/imports/imports.tables.js';
import type { HandoverTables } from '../modules/handover/handover.tables.js';
import type { MonitoringTables } from '../modules/monitoring/monitoring.tables.js';
import type { NotificationsTables } from '../modules/notifications/notifications.tables.js';
import type { PaymentsTables } from '../modules/payments/payments.tables.js';
import type { ProvidersTables } from '../modules/providers/providers.tables.js';
import type { CommunityTables } from '../modules/community/community.tables.js';
import type { ProtectionTables } from '../modules/protection/protection.tables.js';
import type { ReintegrationTables } from '../modules/reintegration/reintegration.tables.js';
import type { StatisticsTables } from '../modules/statistics/statistics.tables.js';
import type { TravelTables } from '../modules/travel/travel.tables.js';
import type { PrivacyTables } from '../modules/privacy/privacy.tables.js';

declare module '../platform/db.js' {
  interface DB extends AccessTables, CasesTables, CommunityTables, CounsellingTables, DecisionsTables, EligibilityTables, FinanceTables, HandoverTables, ImportsTables, MonitoringTables, NotificationsTables, PaymentsTables, PrivacyTables, ProtectionTables, ProvidersTables, ReintegrationTables, StatisticsTables, TravelTables {}
}
