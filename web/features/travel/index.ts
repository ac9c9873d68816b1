import { createElement, lazy } from 'react';
import { SENDING_OFFICES, type WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const MovementsPage = lazy(() => import('./movements-page').then((m) => ({ default: m.MovementsPage })));
const TravelTab = lazy(() => import('./travel-tab').then((m) => ({ default: m.TravelTab })));

const TRAVEL_STAGES = ['approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring', 'closed', 'withdrawn', 'suspended'];

export const travelWeb: WebCapability = {
  routes: [
    { path: 'movements', element: createElement(RequirePermission, { any: ['travel.manage'], children: createElement(MovementsPage) }) },
  ],
  nav: [{ to: '/movements', id: 'travel.nav.movements', any: ['travel.manage'], offices: SENDING_OFFICES }],
  caseTabs: [
    {
      key: 'travel',
      labelId: 'travel.tab',
      show: (record, can) => record.kind !== 'post_arrival' && (can('travel.manage') || TRAVEL_STAGES.includes(record.stage)),
      Panel: TravelTab,
    },
  ],
};
