import { counsellingWeb } from '../features/counselling';
import { decisionsWeb } from '../features/decisions';
import { eligibilityWeb } from '../features/eligibility';
import { financeWeb } from '../features/finance';
import { handoverWeb } from '../features/handover';
import { importsWeb } from '../features/imports';
import { monitoringWeb } from '../features/monitoring';
import { protectionWeb } from '../features/protection';
import { providersWeb } from '../features/providers';
import { communityWeb } from '../features/community';
import { reintegrationWeb } from '../features/reintegration';
import { paymentsWeb } from '../features/payments';
import { statisticsWeb } from '../features/statistics';
import { dataProtectionWeb } from '../features/data-protection';
import { travelWeb } from '../features/travel';
import type { WebCapability } from '../lib/capability';

/** The capabilities in the order their navigation entries and case tabs appear. */
export const CAPABILITIES: WebCapability[] = [counsellingWeb, decisionsWeb, eligibilityWeb, protectionWeb, travelWeb, handoverWeb, reintegrationWeb, paymentsWeb, providersWeb, communityWeb, financeWeb, monitoringWeb, importsWeb, statisticsWeb, dataProtectionWeb];
