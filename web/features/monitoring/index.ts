import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import { onSignOut } from '../../lib/session-storage';
import { MonitoringTab } from './monitoring-tab';
import { wipeOfflineStore } from './offline-store';
import { MonitoringOutcomeTab } from './outcome-tab';

export { ProjectScheduleCard } from './project-schedule-card';

// Signing out erases the offline store (downloaded visits and records not yet synchronised).
onSignOut(wipeOfflineStore);

/** Offline visits: a page of its own outside the signed-in layout, so that it opens without a connection. */
export const OfflinePage = lazy(() => import('./offline-page').then((m) => ({ default: m.OfflinePage })));

/** The arrival assessment, shown on the reintegration plan's tab. */
export { ArrivalAssessmentCard } from './arrival-assessment-card';

const InstrumentsPage = lazy(() => import('./instruments-page').then((m) => ({ default: m.InstrumentsPage })));
const ProgrammePage = lazy(() => import('./programme-page').then((m) => ({ default: m.ProgrammePage })));
const WorklistPage = lazy(() => import('./worklist-page').then((m) => ({ default: m.WorklistPage })));

/** Stages in which a case has its monitoring (a closed case's visits stay in its history). */
const MONITORED = ['reintegration', 'monitoring'];
/** Stages in which a handed-over case may have an outcome of monitoring to feed back. */
const AFTER_HANDOVER = ['arrived', 'reintegration', 'monitoring', 'closed'];

/** Survey instruments: read by score readers, edited and published by instrument managers. */
const READERS = ['monitoring.instrument.manage', 'monitoring.score.read'];

export const monitoringWeb: WebCapability = {
  routes: [
    { path: 'monitoring/instruments', element: createElement(RequirePermission, { any: READERS, children: createElement(InstrumentsPage) }) },
    { path: 'monitoring/programme', element: createElement(RequirePermission, { any: READERS, children: createElement(ProgrammePage) }) },
    { path: 'monitoring', element: createElement(RequirePermission, { any: ['monitoring.visit.record'], children: createElement(WorklistPage) }) },
  ],
  nav: [
    { to: '/monitoring', id: 'monitoring.nav.worklist', any: ['monitoring.visit.record'], end: true },
    { to: '/monitoring/offline', id: 'monitoring.nav.offline', any: ['monitoring.visit.record'] },
    { to: '/monitoring/instruments', id: 'monitoring.nav.instruments', any: ['monitoring.instrument.manage'] },
    { to: '/monitoring/programme', id: 'monitoring.nav.programme', any: READERS },
  ],
  caseTabs: [
    {
      key: 'monitoring',
      labelId: 'monitoring.tab',
      show: (record, can) => MONITORED.includes(record.stage) && (can('monitoring.score.read') || can('monitoring.visit.record') || (record.stage === 'monitoring' && can('case.close'))),
      Panel: MonitoringTab,
    },
    {
      // The host office that counselled the returnee reads the outcome of the origin office's monitoring.
      key: 'monitoring-outcome',
      labelId: 'monitoring.feedback.tab',
      show: (record, can) => record.audience === 'host' && record.originOfficeId !== null && AFTER_HANDOVER.includes(record.stage) && can('case.read'),
      Panel: MonitoringOutcomeTab,
    },
  ],
};
