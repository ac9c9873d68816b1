import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const RatesPage = lazy(() => import('./rates-page').then((m) => ({ default: m.RatesPage })));
const BudgetPage = lazy(() => import('./budget-page').then((m) => ({ default: m.BudgetPage })));

/** Rates and budgets hold no personal data: finance staff, programme managers and statistics readers see them. */
const READERS = ['finance.manage', 'project.manage', 'statistics.read'];
const guarded = (page: React.ComponentType) => createElement(RequirePermission, { any: READERS, children: createElement(page) });

export const financeWeb: WebCapability = {
  routes: [
    { path: 'finance/rates', element: guarded(RatesPage) },
    { path: 'finance/budgets', element: guarded(BudgetPage) },
  ],
  nav: [
    { to: '/finance/budgets', id: 'finance.nav.budgets', any: READERS },
    { to: '/finance/rates', id: 'finance.nav.rates', any: READERS },
  ],
  caseTabs: [],
};
