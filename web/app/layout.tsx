import { Anchor, Button, Group, Text } from '@mantine/core';
import { Suspense, useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitcher } from '../components/language-switcher';
import { useMe, useSession } from '../lib/session';
import { FullPageLoader } from '../components/guards';
import { CAPABILITIES } from './capability-list';

function MainNavigation() {
  const intl = useIntl();
  const { can, canAny, me } = useSession();
  if (me?.totpEnrolmentRequired) return null;
  const items = [
    { to: '/', id: 'nav.home', show: true, end: true },
    { to: '/cases', id: 'nav.cases', show: can('case.read'), end: true },
    { to: '/cases/new', id: 'nav.register', show: can('case.create'), end: true },
    ...CAPABILITIES.flatMap((c) => c.nav).map((n) => ({ to: n.to, id: n.id, show: canAny(...n.any), end: n.end ?? false })),
    { to: '/admin', id: 'nav.admin', show: canAny('user.manage', 'role.manage', 'audit.read'), end: false },
  ];
  return (
    <nav aria-label={intl.formatMessage({ id: 'nav.label' })} className="main-nav">
      <ul>
        {items
          .filter((item) => item.show)
          .map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                <FormattedMessage id={item.id} />
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function AppLayout() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new content as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  const handleSignOut = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main-content">
        <FormattedMessage id="layout.skipToContent" />
      </a>
      <header className="app-header">
        <Group justify="space-between" wrap="wrap" gap="sm" className="app-header-bar">
          <Anchor component={Link} to="/" className="app-brand" underline="never">
            <FormattedMessage id="app.name" />
          </Anchor>
          <Group gap="sm" wrap="wrap" align="flex-end">
            <Text size="sm" className="app-user" data-testid="current-user">
              {me.user.officeName ? (
                <FormattedMessage
                  id="layout.userWithOffice"
                  values={{ name: me.user.name, office: me.user.officeName }}
                />
              ) : (
                me.user.name
              )}
            </Text>
            <LanguageSwitcher />
            <Button variant="subtle" size="xs" component={Link} to="/account/security">
              <FormattedMessage id="layout.accountSecurity" />
            </Button>
            <Button variant="light" size="xs" onClick={() => void handleSignOut()}>
              <FormattedMessage id="layout.signOut" />
            </Button>
          </Group>
        </Group>
        <MainNavigation />
      </header>
      <main id="main-content" ref={mainRef} tabIndex={-1} className="app-main">
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
