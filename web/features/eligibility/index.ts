import { createElement, lazy } from 'react';
import type { WebCapability } from '../../lib/capability';
import { RequirePermission } from '../../components/guards';
import { EligibilityTabEntry } from './tab-entry';

const ProjectsPage = lazy(() => import('./projects-page').then((m) => ({ default: m.ProjectsPage })));
const RulesPage = lazy(() => import('./rules-page').then((m) => ({ default: m.RulesPage })));

const manage = (page: React.ComponentType) => createElement(RequirePermission, { any: ['project.manage'], children: createElement(page) });

export const eligibilityWeb: WebCapability = {
  routes: [
    { path: 'admin/projects', element: manage(ProjectsPage) },
    { path: 'admin/projects/:projectId/rules', element: manage(RulesPage) },
  ],
  nav: [{ to: '/admin/projects', id: 'eligibility.nav.projects', any: ['project.manage'] }],
  caseTabs: [
    {
      key: 'eligibility',
      labelId: 'eligibility.tab',
      show: (record, can) => record.kind !== 'post_arrival' && can('case.read'),
      Panel: EligibilityTabEntry,
    },
  ],
};
