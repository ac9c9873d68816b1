import { useIntl } from 'react-intl';
import { NavLink } from 'react-router';
import { useSession } from '../../lib/session';

/** Links between the administration screens the user may open. */
export function AdminNav() {
  const intl = useIntl();
  const { can } = useSession();
  const items = [
    { to: '/admin/users', id: 'admin.nav.users', show: can('user.manage') },
    { to: '/admin/roles', id: 'admin.nav.roles', show: can('role.manage') },
    { to: '/admin/audit', id: 'admin.nav.audit', show: can('audit.read') },
    { to: '/admin/jobs', id: 'admin.nav.jobs', show: can('jobs.manage') },
  ].filter((item) => item.show);
  if (items.length < 2) return null;
  return (
    <nav aria-label={intl.formatMessage({ id: 'admin.nav.label' })} className="main-nav admin-nav">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to}>{intl.formatMessage({ id: item.id })}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
