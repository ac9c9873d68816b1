import { createElement, lazy, Suspense } from 'react';
import { Loader } from '@mantine/core';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';

const ProtectionTab = lazy(() => import('./protection-tab').then((m) => ({ default: m.ProtectionTab })));
const MyTasksPage = lazy(() => import('./my-tasks-page').then((m) => ({ default: m.MyTasksPage })));

const ProtectionPanel = (props: { record: CaseRecord; etag: string }) =>
  createElement(Suspense, { fallback: createElement(Loader, { size: 'sm' }) }, createElement(ProtectionTab, props));

export const protectionWeb: WebCapability = {
  routes: [
    { path: 'tasks', element: createElement(RequirePermission, { any: ['case.read'], children: createElement(MyTasksPage) }) },
  ],
  nav: [{ to: '/tasks', id: 'protection.nav.tasks', any: ['vulnerability.write', 'case.health'] }],
  caseTabs: [
    {
      key: 'protection',
      labelId: 'protection.tab',
      show: (_record, can) => can('case.read'),
      Panel: ProtectionPanel,
    },
  ],
};
