import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const ImportsPage = lazy(() => import('./imports-page').then((m) => ({ default: m.ImportsPage })));
const DuplicatesPage = lazy(() => import('./duplicates-page').then((m) => ({ default: m.DuplicatesPage })));

/** The legacy caseload import, for office managers: files, mappings, runs and their reports, possible duplicates. */
export const importsWeb: WebCapability = {
  routes: [
    { path: 'imports', element: createElement(RequirePermission, { any: ['import.run'], children: createElement(ImportsPage) }) },
    { path: 'imports/runs/:id/duplicates', element: createElement(RequirePermission, { any: ['import.run'], children: createElement(DuplicatesPage) }) },
  ],
  nav: [{ to: '/imports', id: 'imports.nav', any: ['import.run'] }],
  caseTabs: [],
};
