import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const StatisticsPage = lazy(() => import('./statistics-page').then((m) => ({ default: m.StatisticsPage })));

/** Programme statistics, for whoever holds statistics.read (counts only, small ones withheld where they apply). */
export const statisticsWeb: WebCapability = {
  routes: [{ path: 'statistics', element: createElement(RequirePermission, { any: ['statistics.read'], children: createElement(StatisticsPage) }) }],
  nav: [{ to: '/statistics', id: 'statistics.nav', any: ['statistics.read'] }],
  caseTabs: [],
};
