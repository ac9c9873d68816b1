import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';

const InstrumentsPage = lazy(() => import('./instruments-page').then((m) => ({ default: m.InstrumentsPage })));

/** Survey instruments: read by score readers, edited and published by instrument managers. */
const READERS = ['monitoring.instrument.manage', 'monitoring.score.read'];

export const monitoringWeb: WebCapability = {
  routes: [{ path: 'monitoring/instruments', element: createElement(RequirePermission, { any: READERS, children: createElement(InstrumentsPage) }) }],
  nav: [{ to: '/monitoring/instruments', id: 'monitoring.nav.instruments', any: ['monitoring.instrument.manage'] }],
  caseTabs: [],
};
