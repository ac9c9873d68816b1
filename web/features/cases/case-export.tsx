import { Alert, Anchor, Button, Card, Group, Menu, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CaseExportFormat, CaseExportList, CaseExportView } from '../../../shared/schemas/case-exports';
import type { CaseFilter } from '../../../shared/schemas/cases';
import { api, compactBody, seg } from '../../lib/api';
import { formatMoment } from '../../lib/dates';
import { errorMessage } from '../../lib/error-message';

const exportsKey = ['cases', 'exports'] as const;
const inProgress = (e: CaseExportView) => e.status === 'queued' || e.status === 'running';

/** The user's recent exports of the case list, polled every second while one is being written. */
export function useCaseExports() {
  return useQuery({
    queryKey: exportsKey,
    queryFn: () => api.get<CaseExportList>('/api/cases/exports'),
    refetchInterval: (q) => (q.state.data?.items.some(inProgress) ? 1000 : false),
  });
}

/**
 * "Export" on the case list: a menu (CSV, Excel; keyboard: Enter opens it, the arrows move,
 * Escape closes) that starts an export of the current filter. The filter goes in the request's
 * body, never in an address.
 */
export function CaseExportMenu({ filter }: { filter: CaseFilter }) {
  const intl = useIntl();
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: (format: CaseExportFormat) => {
      const { page: _page, pageSize: _pageSize, ...rest } = compactBody(filter);
      return api.post<CaseExportView>('/api/cases/exports', { format, filter: rest });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: exportsKey }),
  });
  return (
    <Stack gap={4} align="flex-end">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={start.isPending} aria-label={intl.formatMessage({ id: 'cases.export.menuLabel' })}>
            <FormattedMessage id="cases.export.button" />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => start.mutate('csv')}>
            <FormattedMessage id="cases.export.csv" />
          </Menu.Item>
          <Menu.Item onClick={() => start.mutate('xlsx')}>
            <FormattedMessage id="cases.export.xlsx" />
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {start.error && (
        <Alert color="red" role="alert" py={4}>
          {errorMessage(intl, start.error)}
        </Alert>
      )}
    </Stack>
  );
}

/** The recent exports: progress while one is written, then its download link and how long it stays. */
export function RecentCaseExports() {
  const intl = useIntl();
  const exports = useCaseExports();
  const items = exports.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="case-exports-title">
      <Title order={2} size="h5" id="case-exports-title" mb="xs">
        <FormattedMessage id="cases.export.recent" />
      </Title>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.slice(0, 5).map((e) => (
          <li key={e.id}>
            <Group gap="sm" wrap="wrap">
              <Text size="sm" fw={500} className="ltr-value">
                {e.format.toUpperCase()}
              </Text>
              <Text size="sm" c="dimmed">
                <FormattedMessage id="cases.export.requestedAt" values={{ at: formatMoment(intl, String(e.createdAt)) }} />
              </Text>
              <Text size="sm">
                <FormattedMessage id={`cases.export.status.${e.status}`} />
              </Text>
              {inProgress(e) && e.rowsTotal !== null && (
                <Stack gap={2} style={{ minWidth: '12rem', flex: 1 }}>
                  <Progress
                    value={e.rowsTotal ? (100 * e.rowsDone) / e.rowsTotal : 0}
                    aria-label={intl.formatMessage({ id: 'cases.export.progressLabel' })}
                    aria-valuetext={intl.formatMessage({ id: 'cases.export.progress' }, { done: e.rowsDone, total: e.rowsTotal })}
                  />
                  <Text size="xs" c="dimmed">
                    <FormattedMessage id="cases.export.progress" values={{ done: e.rowsDone, total: e.rowsTotal }} />
                  </Text>
                </Stack>
              )}
              {e.status === 'done' && (
                <>
                  <Anchor href={`/api/cases/exports/${seg(e.id)}/file`} download size="sm">
                    <FormattedMessage id="cases.export.download" values={{ format: e.format.toUpperCase() }} />
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    <FormattedMessage id="cases.export.rows" values={{ count: e.rowsDone }} />
                    {' · '}
                    <FormattedMessage id="cases.export.expires" values={{ at: formatMoment(intl, String(e.expiresAt)) }} />
                  </Text>
                </>
              )}
              {e.status === 'failed' && e.errorCode && (
                <Text size="sm" c="red.8">
                  {intl.formatMessage({ id: `error.${e.errorCode}`, defaultMessage: e.errorCode })}
                </Text>
              )}
            </Group>
          </li>
        ))}
      </Stack>
    </Card>
  );
}
