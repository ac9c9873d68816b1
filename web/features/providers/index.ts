import { createElement, lazy } from 'react';
import { RECEIVING_OFFICES, type WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const ProvidersPage = lazy(() => import('./providers-page').then((m) => ({ default: m.ProvidersPage })));

/** The service provider registry: for origin offices, who deliver reintegration assistance. */
export const providersWeb: WebCapability = {
  routes: [
    {
      path: 'providers',
      element: createElement(RequirePermission, { any: ['case.read', 'provider.manage'], children: createElement(ProvidersPage) }),
    },
  ],
  nav: [{ to: '/providers', id: 'providers.nav', any: ['provider.manage', 'case.read'], offices: RECEIVING_OFFICES }],
  caseTabs: [],
};
