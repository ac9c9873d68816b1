import { Anchor, Badge, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { useSession } from '../../lib/session';
import { StageBadge } from '../cases';
import { measureLabel, protectionKeys, useMyTasks } from './api';
import { MeasureEditor } from './measures-section';
import { personName } from '../../lib/erased';

/** Special measures I own across the cases I may read, overdue first. */
export function MyTasksPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { me } = useSession();
  const tasks = useMyTasks();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: protectionKeys.tasks });
  const self = me ? [{ id: me.user.id, name: me.user.name }] : [];
  return (
    <Stack>
      <PageTitle id="protection.tasks.title" />
      <Text size="sm" c="dimmed">
        <FormattedMessage id="protection.tasks.hint" />
      </Text>
      {tasks.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : tasks.isError ? (
        <ApiErrorAlert error={tasks.error} />
      ) : tasks.data.length === 0 ? (
        <Card withBorder>
          <Text size="sm">
            <FormattedMessage id="protection.tasks.empty" />
          </Text>
        </Card>
      ) : (
        <ul className="plain-list" aria-label={t('protection.tasks.title')}>
          {tasks.data.map((task) => (
            <li key={`${task.id}.${task.version}`}>
              <Group gap="xs" mb={4}>
                <Anchor component={Link} to={`/cases/${task.caseId}`} className="ltr-value" aria-label={intl.formatMessage({ id: 'protection.tasks.openCase' }, { number: task.caseNumber, task: measureLabel(task, t) })}>
                  {task.caseNumber}
                </Anchor>
                <StageBadge stage={task.caseStage} size="sm" />
                {task.restricted && (
                  <Badge color="red" variant="outline" size="sm" tt="none">
                    <FormattedMessage id="case.restricted" />
                  </Badge>
                )}
              </Group>
              <ul className="plain-list">
                <MeasureEditor measure={task} staff={self} personName={personName(task.person)} onSaved={refresh} />
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
