import { Anchor, Burger, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitcher } from '../components/language-switcher';
import { useMe, useSession } from '../lib/session';
import { FullPageLoader } from '../components/guards';
import { CAPABILITIES } from './capability-list';
import { navShown } from '../lib/capability';
import { NotificationBell } from '../features/home';
import { DemoLoadBanner } from './demo-load-banner';

function MainNavigation({ vertical = false, onNavigate }: { vertical?: boolean; onNavigate?: () => void }) {
  const intl = useIntl();
  const { can, canAny, me } = useSession();
  if (me?.totpEnrolmentRequired) return null;
  const officeKind = me?.user.officeKind;
  const items = [
    { to: '/', id: 'nav.home', show: true, end: true },
    { to: '/cases', id: 'nav.cases', show: can('case.read'), end: true },
    { to: '/cases/new', id: 'nav.register', show: can('case.create'), end: true },
    ...CAPABILITIES.flatMap((c) => c.nav).map((n) => ({ to: n.to, id: n.id, show: navShown(n, canAny, officeKind), end: n.end ?? false })),
    { to: '/admin', id: 'nav.admin', show: canAny('user.manage', 'role.manage', 'audit.read', 'jobs.manage'), end: false },
  ];
  return (
    <nav aria-label={intl.formatMessage({ id: 'nav.label' })} className={vertical ? 'main-nav main-nav-vertical' : 'main-nav'}>
      <ul>
        {items
          .filter((item) => item.show)
          .map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} onClick={onNavigate}>
                <FormattedMessage id={item.id} />
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Who is signed in, the language, the account's security and signing out. */
function UserControls({ vertical = false, onSignOut, onNavigate }: { vertical?: boolean; onSignOut: () => Promise<void>; onNavigate?: () => void }) {
  const me = useMe();
  const controls = (
    <>
      <Text size="sm" className="app-user" data-testid="current-user">
        {me.user.officeName ? (
          <FormattedMessage id="layout.userWithOffice" values={{ name: me.user.name, office: me.user.officeName }} />
        ) : (
          me.user.name
        )}
      </Text>
      {me.totpEnrolmentRequired || vertical ? null : <NotificationBell />}
      <LanguageSwitcher />
      <Button variant="subtle" size="xs" component={Link} to="/account/security" onClick={onNavigate}>
        <FormattedMessage id="layout.accountSecurity" />
      </Button>
      <Button variant="light" size="xs" onClick={() => void onSignOut()}>
        <FormattedMessage id="layout.signOut" />
      </Button>
    </>
  );
  return vertical ? <Stack gap="sm" align="flex-start">{controls}</Stack> : <Group gap="sm" wrap="wrap" align="flex-end">{controls}</Group>;
}

export function AppLayout() {
  const intl = useIntl();
  const { signOut, me } = useSession();
  // Tablets and phones: the menu and the account's controls fold into a drawer behind one button.
  const compact = useMediaQuery('(max-width: 62em)') ?? false;
  const [menuOpened, menu] = useDisclosure(false);
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
        <Group justify="space-between" wrap="nowrap" gap="sm" className="app-header-bar">
          <Anchor component={Link} to="/" className="app-brand" underline="never">
            <FormattedMessage id="app.name" />
          </Anchor>
          {compact ? (
            <Group gap="xs" wrap="nowrap">
              {me?.totpEnrolmentRequired ? null : <NotificationBell iconOnly />}
              <Burger
              opened={menuOpened}
              onClick={menu.toggle}
              aria-label={intl.formatMessage({ id: menuOpened ? 'nav.menuClose' : 'nav.menuOpen' })}
              aria-expanded={menuOpened}
              aria-controls="main-menu"
              />
            </Group>
          ) : (
            <UserControls onSignOut={handleSignOut} />
          )}
        </Group>
        {compact ? null : <MainNavigation />}
      </header>
      {compact ? (
        <Drawer
          id="main-menu"
          opened={menuOpened}
          onClose={menu.close}
          position={intl.locale.startsWith('ar') ? 'left' : 'right'}
          size="xs"
          title={intl.formatMessage({ id: 'nav.label' })}
        >
          <Stack gap="md">
            <MainNavigation vertical onNavigate={menu.close} />
            <UserControls vertical onSignOut={handleSignOut} onNavigate={menu.close} />
          </Stack>
        </Drawer>
      ) : null}
      <main id="main-content" ref={mainRef} tabIndex={-1} className="app-main">
        <DemoLoadBanner />
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
