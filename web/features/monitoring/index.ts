import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import { MonitoringTab } from './monitoring-tab';

/** The arrival assessment, shown on the reintegration plan's tab. */
export { ArrivalAssessmentCard } from './arrival-assessment-card';

const InstrumentsPage = lazy(() => import('./instruments-page').then((m) => ({ default: m.InstrumentsPage })));
const WorklistPage = lazy(() => import('./worklist-page').then((m) => ({ default: m.WorklistPage })));

/** Stages in which a case has its monitoring (a closed case's visits stay in its history). */
const MONITORED = ['reintegration', 'monitoring'];

/** Survey instruments: read by score readers, edited and published by instrument managers. */
const READERS = ['monitoring.instrument.manage', 'monitoring.score.read'];

export const monitoringWeb: WebCapability = {
  routes: [
    { path: 'monitoring/instruments', element: createElement(RequirePermission, { any: READERS, children: createElement(InstrumentsPage) }) },
    { path: 'monitoring', element: createElement(RequirePermission, { any: ['monitoring.visit.record'], children: createElement(WorklistPage) }) },
  ],
  nav: [
    { to: '/monitoring', id: 'monitoring.nav.worklist', any: ['monitoring.visit.record'], end: true },
    { to: '/monitoring/instruments', id: 'monitoring.nav.instruments', any: ['monitoring.instrument.manage'] },
  ],
  caseTabs: [
    {
      key: 'monitoring',
      labelId: 'monitoring.tab',
      show: (record, can) => MONITORED.includes(record.stage) && (can('monitoring.score.read') || can('monitoring.visit.record') || (record.stage === 'monitoring' && can('case.close'))),
      Panel: MonitoringTab,
    },
  ],
};
