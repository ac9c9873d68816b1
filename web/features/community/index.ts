import { createElement, lazy } from 'react';
import { RequirePermission } from '../../components/guards';
import { RECEIVING_OFFICES, type WebCapability } from '../../lib/capability';

const CommunityProjectsPage = lazy(() => import('./community-projects-page').then((m) => ({ default: m.CommunityProjectsPage })));
const GroupTrainingsPage = lazy(() => import('./group-trainings-page').then((m) => ({ default: m.GroupTrainingsPage })));

/** Community projects and group trainings: for origin offices, with returnees and their communities. */
export const communityWeb: WebCapability = {
  routes: [
    { path: 'community-projects', element: createElement(RequirePermission, { any: ['community.manage'], children: createElement(CommunityProjectsPage) }) },
    { path: 'group-trainings', element: createElement(RequirePermission, { any: ['community.manage'], children: createElement(GroupTrainingsPage) }) },
  ],
  nav: [
    { to: '/community-projects', id: 'community.nav', any: ['community.manage'], offices: RECEIVING_OFFICES },
    { to: '/group-trainings', id: 'trainings.nav', any: ['community.manage'], offices: RECEIVING_OFFICES },
  ],
  caseTabs: [],
};

/** The actions on a community project's payments (the disbursement queue approves them too). */
export { communityPaymentRequests, useCommunityPaymentAction } from './api';
