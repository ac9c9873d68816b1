import { Anchor, Group, SimpleGrid, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { formatDay, formatMoment, formatMomentDay } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { QueueCard } from './queues';
import { usePendingGrants, useProjects, useUsers } from './api';

/** The administrator's queues: roles waiting for a second administrator, sign-ins locked after failed attempts, deactivated accounts. */
export function AdminQueues() {
  const intl = useIntl();
  const { can } = useSession();
  const grants = usePendingGrants(can('user.manage'));
  const users = useUsers(can('user.manage'));
  if (!can('user.manage')) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <QueueCard
        testId="queue-role-grants"
        title="home.queue.grants"
        query={grants}
        count={(d) => d.length}
        seeAll={{ to: '/admin/users', label: 'home.seeAll' }}
        empty="home.queue.grants.none"
        items={(d) =>
          d.map((g) => (
            <Text size="sm">
              <FormattedMessage
                id="home.queue.grants.item"
                values={{ user: <bdi>{g.userName}</bdi>, role: <bdi>{g.roleName}</bdi>, by: <bdi>{g.requestedBy.name ?? ''}</bdi>, date: <bdi>{formatMomentDay(intl, String(g.requestedAt))}</bdi> }}
              />
            </Text>
          ))
        }
      />
      <QueueCard
        testId="queue-locked"
        title="home.queue.locked"
        query={users}
        count={(d) => d.filter((u) => u.lockedUntil).length}
        seeAll={{ to: '/admin/users', label: 'home.seeAll' }}
        empty="home.queue.locked.none"
        items={(d) =>
          d.filter((u) => u.lockedUntil).map((u) => (
            <Text size="sm">
              <FormattedMessage id="home.queue.locked.item" values={{ user: <bdi>{u.name}</bdi>, time: <bdi>{formatMoment(intl, String(u.lockedUntil))}</bdi> }} />
            </Text>
          ))
        }
      />
      <QueueCard
        testId="queue-users"
        title="home.queue.inactive"
        query={users}
        count={(d) => d.filter((u) => !u.active).length}
        seeAll={{ to: '/admin/users', label: 'home.seeAll' }}
        empty="home.queue.inactive.none"
        items={(d) =>
          d.filter((u) => !u.active).map((u) => (
            <Text size="sm">
              <FormattedMessage id="home.queue.inactive.item" values={{ user: <bdi>{u.name}</bdi>, office: <bdi>{u.officeName ?? '—'}</bdi> }} />
            </Text>
          ))
        }
      />
    </SimpleGrid>
  );
}

/** Active projects, for those who follow the programme (statistics readers and project managers). */
export function ProjectsCard() {
  const intl = useIntl();
  const { can, canAny } = useSession();
  const projects = useProjects(canAny('project.manage', 'statistics.read'));
  return (
    <QueueCard
      testId="queue-projects"
      title="home.projects"
      query={projects}
      count={(d) => d.filter((p) => p.status === 'active').length}
      seeAll={can('project.manage') ? { to: '/admin/projects', label: 'home.seeAll' } : undefined}
      empty="home.projects.none"
      items={(d) =>
        d.filter((p) => p.status === 'active').map((p) => (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" span fw={600} className="ltr-value">{p.code}</Text>
            <Text size="sm" span>
              <FormattedMessage id="home.projects.item" values={{ name: <bdi>{p.name}</bdi>, from: <bdi>{formatDay(intl, p.startsOn)}</bdi>, to: <bdi>{formatDay(intl, p.endsOn)}</bdi> }} />
            </Text>
            {can('project.manage') ? (
              <Anchor component={Link} to={`/admin/projects/${p.id}/rules`} size="sm" aria-label={intl.formatMessage({ id: 'home.projects.rules' }, { code: p.code })}>
                <FormattedMessage id="home.projects.rulesShort" />
              </Anchor>
            ) : null}
          </Group>
        ))
      }
    />
  );
}
