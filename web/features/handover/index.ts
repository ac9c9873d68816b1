import { createElement, lazy } from 'react';
import { RECEIVING_OFFICES, type WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import { HandoverTab } from './handover-tab';

const IncomingPage = lazy(() => import('./incoming-page').then((m) => ({ default: m.IncomingPage })));

/** Stages at which a case has (or may get) a handover, an arrival or reception services. */
const STAGES_WITH_HANDOVER = ['approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring', 'closed', 'suspended', 'withdrawn'];

export const handoverWeb: WebCapability = {
  routes: [
    {
      path: 'handovers/incoming',
      element: createElement(RequirePermission, { any: ['handover.receive'], children: createElement(IncomingPage) }),
    },
  ],
  nav: [{ to: '/handovers/incoming', id: 'handover.nav.incoming', any: ['handover.receive'], offices: RECEIVING_OFFICES }],
  caseTabs: [
    {
      key: 'handover',
      labelId: 'handover.tab',
      show: (record) => record.kind === 'post_arrival' || STAGES_WITH_HANDOVER.includes(record.stage),
      Panel: HandoverTab,
    },
  ],
};
