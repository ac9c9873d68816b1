import { Button, Stack, Text, VisuallyHidden } from '@mantine/core';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { SessionView } from '../../shared/schemas/access';
import { formatMoment } from '../lib/dates';
import { DataTable, type DataColumn } from './data-table/data-table';

/** "Firefox on Windows", the browser or the system alone, or "Unknown device". */
export function deviceName(intl: IntlShape, s: Pick<SessionView, 'browser' | 'system'>): string {
  if (s.browser && s.system) return intl.formatMessage({ id: 'sessions.deviceName' }, { browser: s.browser, system: s.system });
  return s.browser ?? s.system ?? intl.formatMessage({ id: 'sessions.unknownDevice' });
}

/** Open sessions with their device, address, times and a button that ends each. */
export function SessionsTable({ sessions, error, onEnd, ending, caption }: {
  sessions: SessionView[] | undefined;
  error: unknown;
  onEnd: (session: SessionView) => void;
  ending: string | null;
  caption: string;
}) {
  const intl = useIntl();
  const columns: DataColumn<SessionView>[] = [
    {
      id: 'device',
      header: 'sessions.device',
      cell: (s) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm">{deviceName(intl, s)}</Text>
          {s.current ? (
            <Text size="xs" fw={700} c="blue.8">
              <FormattedMessage id="sessions.current" />
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { id: 'address', header: 'sessions.address', nowrap: true, cell: (s) => <bdi dir="ltr">{s.ipAddress ?? '—'}</bdi> },
    {
      id: 'method',
      header: 'sessions.method',
      // What the organisation's provider reported (`amr`: pwd, otp, mfa...), as it said it.
      cell: (s) => (
        <>
          <FormattedMessage id={`sessions.method.${s.method}`} />
          {s.amr.length ? <> <bdi dir="ltr">({s.amr.join(', ')})</bdi></> : null}
        </>
      ),
    },
    { id: 'created', header: 'sessions.created', nowrap: true, cell: (s) => formatMoment(intl, String(s.createdAt)) },
    { id: 'lastUsed', header: 'sessions.lastUsed', nowrap: true, cell: (s) => formatMoment(intl, String(s.lastSeenAt)) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={sessions}
      rowKey={(s) => s.id}
      error={error}
      empty="sessions.none"
      caption={caption}
      rowActions={(s) => (
        <Button size="compact-sm" variant="light" color="red" loading={ending === s.id} onClick={() => onEnd(s)}>
          {s.current ? (
            <FormattedMessage id="sessions.endCurrent" />
          ) : (
            <FormattedMessage id="sessions.end" values={{ device: deviceName(intl, s), hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
          )}
        </Button>
      )}
    />
  );
}
