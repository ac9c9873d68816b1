import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { SENDING_OFFICES, type WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';

const CounsellingTab = lazy(() => import('./counselling-tab').then((m) => ({ default: m.CounsellingTab })));
const AppointmentsPage = lazy(() => import('./appointments-page').then((m) => ({ default: m.AppointmentsPage })));
const CoiListPage = lazy(() => import('./coi-list-page').then((m) => ({ default: m.CoiListPage })));
const CoiEntryPage = lazy(() => import('./coi-entry-page').then((m) => ({ default: m.CoiEntryPage })));
const CoiNewPage = lazy(() => import('./coi-form-page').then((m) => ({ default: m.CoiNewPage })));
const CoiEditPage = lazy(() => import('./coi-form-page').then((m) => ({ default: m.CoiEditPage })));

const COI_READ = ['case.read', 'counselling.write'];
const guarded = (any: string[], page: ComponentType) => createElement(RequirePermission, { any, children: createElement(page) });

/** The tab loads its code on first view without suspending the whole case page. */
const CounsellingPanel = (props: { record: CaseRecord; etag: string }) => createElement(Suspense, { fallback: null }, createElement(CounsellingTab, props));

export const counsellingWeb: WebCapability = {
  routes: [
    { path: 'appointments', element: guarded(['counselling.write'], AppointmentsPage) },
    { path: 'country-information', element: guarded(COI_READ, CoiListPage) },
    { path: 'country-information/new', element: guarded(['coi.manage'], CoiNewPage) },
    { path: 'country-information/:entryId', element: guarded(COI_READ, CoiEntryPage) },
    { path: 'country-information/:entryId/edit', element: guarded(['coi.manage'], CoiEditPage) },
  ],
  nav: [
    { to: '/appointments', id: 'counselling.nav.appointments', any: ['counselling.write'], offices: SENDING_OFFICES },
    { to: '/country-information', id: 'counselling.nav.coi', any: COI_READ, offices: SENDING_OFFICES },
  ],
  caseTabs: [
    {
      key: 'counselling',
      labelId: 'counselling.tab',
      // Post-arrival cases have no pre-departure counselling.
      show: (record, can) => record.kind !== 'post_arrival' && can('case.read'),
      Panel: CounsellingPanel,
    },
  ],
};
