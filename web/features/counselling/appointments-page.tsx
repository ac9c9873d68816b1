import { Anchor, Card, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../lib/dates';
import { useLanguages } from '../../lib/reference';
import { useAppointments, useCounsellors } from './api';

/** My upcoming appointments; an office manager sees every counsellor's, with a filter. */
export function AppointmentsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { name: languageName } = useLanguages();
  const [counsellorId, setCounsellorId] = useState<string | null>(null);
  const appointments = useAppointments(counsellorId);
  const counsellors = useCounsellors();
  const seesAll = appointments.data?.seesAll ?? false;
  return (
    <Stack>
      <PageTitle id="counselling.appointments.title" />
      <Text size="sm" c="dimmed">
        <FormattedMessage id={seesAll ? 'counselling.appointments.introAll' : 'counselling.appointments.introMine'} />
      </Text>
      {seesAll && (
        <Group>
          <Select
            label={t('counselling.appointments.filter')}
            placeholder={t('counselling.appointments.everyCounsellor')}
            data={(counsellors.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={counsellorId}
            onChange={setCounsellorId}
            clearable
            searchable
            w={{ base: '100%', sm: 320 }}
            clearButtonProps={{ 'aria-label': t('common.clear') }}
          />
        </Group>
      )}
      <Card withBorder>
        {appointments.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : appointments.isError ? (
          <ApiErrorAlert error={appointments.error} />
        ) : appointments.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="counselling.appointments.empty" />
          </Text>
        ) : (
          <div className="table-scroll">
            <Table striped verticalSpacing="sm">
              <Table.Caption>
                <FormattedMessage id="counselling.appointments.caption" values={{ count: appointments.data.items.length }} />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="counselling.startsAt" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="counselling.appointments.case" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="counselling.mode" /></Table.Th>
                  {seesAll && <Table.Th scope="col"><FormattedMessage id="counselling.counsellor" /></Table.Th>}
                  <Table.Th scope="col"><FormattedMessage id="counselling.interpreter" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="counselling.topics" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {appointments.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatMoment(intl, a.startsAt)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${a.caseId}?tab=counselling`}>
                        {a.caseNumber}
                      </Anchor>
                      <Text size="xs" c="dimmed" dir="auto">
                        {a.principalName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <FormattedMessage id={`counselling.mode.${a.mode}`} />
                    </Table.Td>
                    {seesAll && <Table.Td>{a.counsellorName}</Table.Td>}
                    <Table.Td>{a.interpreter ? `${a.interpreter.name} (${languageName(a.interpreter.language ?? '')})` : t('counselling.interpreter.none')}</Table.Td>
                    <Table.Td>{intl.formatList(a.topics.map((x) => t(`counselling.topic.${x}`)), { type: 'unit' })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Card>
    </Stack>
  );
}
