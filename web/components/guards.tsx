import { Alert, Button, Center, Loader, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../lib/error-message';
import { useSession } from '../lib/session';

export function FullPageLoader() {
  const intl = useIntl();
  return (
    <Center mih="50vh" role="status" aria-live="polite">
      <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
    </Center>
  );
}

/** Signed-in routes: sends visitors to sign-in, and users who must enrol in TOTP to do so first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error, refresh } = useSession();
  const location = useLocation();
  const intl = useIntl();
  if (loading) return <FullPageLoader />;
  if (!me && error) {
    return (
      <Center mih="50vh" p="md">
        <Stack align="center">
          <Alert color="red" title={intl.formatMessage({ id: 'error.title' })}>
            {errorMessage(intl, error)}
          </Alert>
          <Button onClick={() => void refresh()}>
            <FormattedMessage id="common.retry" />
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!me) {
    // Only the path goes along: ids are not personal data, search text never is in a path.
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  if (me.totpEnrolmentRequired && location.pathname !== '/account/security') {
    return <Navigate to="/account/security" replace />;
  }
  return <>{children}</>;
}

/** A page the user's roles do not open: its own heading, then why. */
export function NotPermitted() {
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        <FormattedMessage id="access.notPermitted.title" />
      </Title>
      <Alert color="yellow" role="status">
        <FormattedMessage id="access.notPermitted.body" />
      </Alert>
    </Stack>
  );
}

export function RequirePermission({ any, children }: { any: string[]; children: ReactNode }) {
  const { canAny } = useSession();
  return canAny(...any) ? <>{children}</> : <NotPermitted />;
}

export function AdminIndex() {
  const { can } = useSession();
  if (can('user.manage')) return <Navigate to="/admin/users" replace />;
  if (can('role.manage')) return <Navigate to="/admin/roles" replace />;
  if (can('audit.read')) return <Navigate to="/admin/audit" replace />;
  if (can('jobs.manage')) return <Navigate to="/admin/jobs" replace />;
  return <NotPermitted />;
}
