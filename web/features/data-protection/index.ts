import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const DataProtectionPage = lazy(() => import('./data-protection-page').then((m) => ({ default: m.DataProtectionPage })));
const RetentionPage = lazy(() => import('./retention-page').then((m) => ({ default: m.RetentionPage })));
const BreakGlassPage = lazy(() => import('./break-glass-page').then((m) => ({ default: m.BreakGlassPage })));

/**
 * Data protection: the officer's access log of a person (found by a case number) and the
 * break-glass accesses to review; the retention rules and their runs; the supervisor's break-glass form.
 */
export const dataProtectionWeb: WebCapability = {
  routes: [
    { path: 'data-protection', element: createElement(RequirePermission, { any: ['person.access_log.read'], children: createElement(DataProtectionPage) }) },
    { path: 'retention', element: createElement(RequirePermission, { any: ['retention.manage'], children: createElement(RetentionPage) }) },
    { path: 'break-glass', element: createElement(RequirePermission, { any: ['case.break_glass'], children: createElement(BreakGlassPage) }) },
  ],
  nav: [
    { to: '/data-protection', id: 'dataProtection.nav', any: ['person.access_log.read'] },
    { to: '/retention', id: 'retention.nav', any: ['retention.manage'] },
    { to: '/break-glass', id: 'breakGlass.nav', any: ['case.break_glass'] },
  ],
  caseTabs: [],
};
