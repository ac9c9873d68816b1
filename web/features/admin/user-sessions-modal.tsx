import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../../shared/schemas/access';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { SessionsTable } from '../../components/sessions-table';
import { adminKeys, endUserSession, listUserSessions } from './api';

/** A user's open sessions, for an administrator (from the users page). */
export function UserSessionsModal({ user, onClose }: { user: { id: string; name: string }; onClose: () => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: adminKeys.userSessions(user.id), queryFn: () => listUserSessions(user.id) });
  const [ending, setEnding] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (s: SessionView) => endUserSession(user.id, s.id),
    onMutate: (s) => setEnding(s.id),
    onSettled: () => setEnding(null),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'sessions.ended' }) });
      await queryClient.invalidateQueries({ queryKey: adminKeys.userSessions(user.id) });
    },
  });
  const items = sessions.data?.items;
  return (
    <AppModal opened onClose={onClose} size="xl" title={<FormattedMessage id="sessions.userTitle" values={{ name: <bdi>{user.name}</bdi> }} />}>
      <Stack gap="sm">
        <div aria-live="assertive">{end.error ? <ApiErrorAlert error={end.error} /> : null}</div>
        <SessionsTable
          sessions={items}
          error={sessions.error}
          onEnd={(s) => end.mutate(s)}
          ending={ending}
          caption={intl.formatMessage({ id: 'sessions.caption' }, { count: items?.length ?? 0 })}
        />
      </Stack>
    </AppModal>
  );
}
