import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const DisbursementQueuePage = lazy(() => import('./queue-page').then((m) => ({ default: m.DisbursementQueuePage })));

/** Who works the disbursement queue: those who record payments and those who approve them. */
const QUEUE_READERS = ['disbursement.record', 'disbursement.approve'];

export const paymentsWeb: WebCapability = {
  routes: [{ path: 'disbursements', element: createElement(RequirePermission, { any: QUEUE_READERS, children: createElement(DisbursementQueuePage) }) }],
  nav: [{ to: '/disbursements', id: 'payments.nav.queue', any: QUEUE_READERS }],
  caseTabs: [],
};

/** The payments of the case's approved plan, shown on the Reintegration tab. */
export { PaymentsSection } from './payments-section';
/** An office's approval threshold (finance) and a project's places unsafe to revisit (project settings). */
export { ThresholdCard } from './threshold-card';
export { UnsafePlacesModal } from './unsafe-places';
