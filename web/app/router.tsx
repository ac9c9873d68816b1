import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type LoaderFunctionArgs } from 'react-router';
import { LoginPage } from '../features/access/login-page';
import { SecurityPage } from '../features/access/security-page';
import { SetupPage } from '../features/access/setup-page';
import { CaseListPage } from '../features/cases/case-list-page';
import { HomePage } from '../features/home';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import { AdminIndex, FullPageLoader, RequireAuth, RequirePermission } from '../components/guards';
import { RouteError } from './route-error';
import { CAPABILITIES } from './capability-list';
import { queryClient } from './query-client';
import { caseQuery } from '../features/cases';
import { OfflinePage } from '../features/monitoring';
import { countriesQuery, officesQuery } from '../lib/reference';
import { meQuery } from '../lib/session';

const CAPABILITY_TABS = CAPABILITIES.flatMap((c) => c.caseTabs);

const RegisterPage = lazy(() =>
  import('../features/cases/register/register-page').then((m) => ({ default: m.RegisterPage })),
);
const loadCasePage = () => import('../features/cases/case-page/case-page');
const CasePage = lazy(() => loadCasePage().then((m) => ({ default: m.CasePage })));

/**
 * A case page asks for its code, the case and the lists it names at once, alongside the session,
 * instead of each waiting for the one before (the loader runs as soon as the address is known and
 * does not wait: the page renders as before and finds the answers in the cache). Opening a case is
 * audited, so the case is asked for again only when the case changes, not when the tab does.
 */
const caseLoader = ({ params }: LoaderFunctionArgs) => {
  void loadCasePage().catch(() => undefined);
  if (params.caseId) void queryClient.prefetchQuery(caseQuery(params.caseId));
  void queryClient.prefetchQuery(countriesQuery);
  void queryClient.prefetchQuery(officesQuery);
  return null;
};
const PrintSummaryPage = lazy(() =>
  import('../features/cases/case-page/print-summary-page').then((m) => ({ default: m.PrintSummaryPage })),
);
const UsersPage = lazy(() => import('../features/admin/users-page').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('../features/admin/roles-page').then((m) => ({ default: m.RolesPage })));
const AuditPage = lazy(() => import('../features/admin/audit-page').then((m) => ({ default: m.AuditPage })));
const JobsPage = lazy(() => import('../features/admin/jobs-page').then((m) => ({ default: m.JobsPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  { path: '/setup', element: <SetupPage />, errorElement: <RouteError /> },
  // Opens without a connection or a session: the offline store is unlocked with its passphrase.
  {
    path: '/monitoring/offline',
    element: <Suspense fallback={<FullPageLoader />}><OfflinePage /></Suspense>,
    errorElement: <RouteError />,
  },
  {
    path: '/',
    // Who is signed in is asked at once, alongside what the page itself needs (see caseLoader).
    loader: () => {
      void queryClient.prefetchQuery(meQuery);
      return null;
    },
    shouldRevalidate: () => false,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'account/security', element: <SecurityPage /> },
      {
        path: 'cases',
        element: (
          <RequirePermission any={['case.read']}>
            <CaseListPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/new',
        element: (
          <RequirePermission any={['case.create']}>
            <RegisterPage />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/:caseId',
        loader: caseLoader,
        shouldRevalidate: ({ currentParams, nextParams }) => currentParams.caseId !== nextParams.caseId,
        element: (
          <RequirePermission any={['case.read']}>
            <CasePage capabilityTabs={CAPABILITY_TABS} />
          </RequirePermission>
        ),
      },
      {
        path: 'cases/:caseId/print',
        element: (
          <RequirePermission any={['case.read']}>
            <PrintSummaryPage />
          </RequirePermission>
        ),
      },
      { path: 'admin', element: <AdminIndex /> },
      {
        path: 'admin/users',
        element: (
          <RequirePermission any={['user.manage']}>
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/roles',
        element: (
          <RequirePermission any={['role.manage']}>
            <RolesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequirePermission any={['audit.read']}>
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/jobs',
        element: (
          <RequirePermission any={['jobs.manage']}>
            <JobsPage />
          </RequirePermission>
        ),
      },
      ...CAPABILITIES.flatMap((c) => c.routes),
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
