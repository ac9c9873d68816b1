import { Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../../shared/schemas/access';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SessionsTable } from '../../components/sessions-table';
import { useSession } from '../../lib/session';
import { endOwnSession, listOwnSessions, sessionKeys } from './api';

/** The signed-in user's own sessions, on the account's security page. */
export function OwnSessionsSection() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { refresh } = useSession();
  const sessions = useQuery({ queryKey: sessionKeys.own, queryFn: listOwnSessions });
  const [ending, setEnding] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (s: SessionView) => endOwnSession(s.id),
    onMutate: (s) => setEnding(s.id),
    onSettled: () => setEnding(null),
    onSuccess: async (_data, s) => {
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'sessions.ended' }) });
      // Ending this session signs out here: the session reloads and the sign-in page follows.
      if (s.current) await refresh();
      else await queryClient.invalidateQueries({ queryKey: sessionKeys.own });
    },
  });
  const items = sessions.data?.items;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        <FormattedMessage id="sessions.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="sessions.intro" />
      </Text>
      <div aria-live="assertive">{end.error ? <ApiErrorAlert error={end.error} /> : null}</div>
      <SessionsTable
        sessions={items}
        error={sessions.error}
        onEnd={(s) => end.mutate(s)}
        ending={ending}
        caption={intl.formatMessage({ id: 'sessions.caption' }, { count: items?.length ?? 0 })}
      />
    </Stack>
  );
}
