import { createElement, lazy, Suspense } from 'react';
import { Loader } from '@mantine/core';
import { SENDING_OFFICES, type WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';

const ApplicationsPage = lazy(() => import('./applications-page').then((m) => ({ default: m.ApplicationsPage })));
const DecisionTab = lazy(() => import('./decision-tab').then((m) => ({ default: m.DecisionTab })));

/** The tab loads with its own code, without blanking the case page meanwhile. */
const DecisionPanel = (props: { record: CaseRecord; etag: string }) =>
  createElement(Suspense, { fallback: createElement(Loader, { size: 'sm' }) }, createElement(DecisionTab, props));

/** The informed decision, withdrawal and the application with its approval by a second person. */
export const decisionsWeb: WebCapability = {
  routes: [
    {
      path: 'applications/to-approve',
      element: createElement(RequirePermission, { any: ['case.approve'], children: createElement(ApplicationsPage) }),
    },
  ],
  nav: [{ to: '/applications/to-approve', id: 'decisions.nav.toApprove', any: ['case.approve'], offices: SENDING_OFFICES }],
  caseTabs: [
    {
      key: 'decision',
      labelId: 'decisions.tab',
      show: (record, can) => record.kind !== 'post_arrival' && can('case.read'),
      Panel: DecisionPanel,
    },
  ],
};
