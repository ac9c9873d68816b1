import { Anchor, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../lib/dates';
import { useLanguages } from '../../lib/reference';
import { useAppointments, useCounsellors, type Appointment } from './api';
import { shownPersonName } from '../../lib/erased';

/** My upcoming appointments; an office manager sees every counsellor's, with a filter. */
export function AppointmentsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { name: languageName } = useLanguages();
  const [counsellorId, setCounsellorId] = useState<string | null>(null);
  const appointments = useAppointments(counsellorId);
  const counsellors = useCounsellors();
  const seesAll = appointments.data?.seesAll ?? false;
  const columns: DataColumn<Appointment>[] = [
    { id: 'startsAt', header: 'counselling.startsAt', cell: (a) => formatMoment(intl, a.startsAt) },
    {
      id: 'case',
      header: 'counselling.appointments.case',
      cell: (a) => (
        <>
          <Anchor component={Link} to={`/cases/${a.caseId}?tab=counselling`}>
            {a.caseNumber}
          </Anchor>
          <Text size="xs" c="dimmed" dir="auto">
            {shownPersonName(a.principalName)}
          </Text>
        </>
      ),
    },
    { id: 'mode', header: 'counselling.mode', cell: (a) => t(`counselling.mode.${a.mode}`) },
    ...(seesAll ? [{ id: 'counsellor', header: 'counselling.counsellor', cell: (a: Appointment) => <bdi>{a.counsellorName}</bdi> }] : []),
    {
      id: 'interpreter',
      header: 'counselling.interpreter',
      cell: (a) => (a.interpreter ? `${a.interpreter.name} (${languageName(a.interpreter.language ?? '')})` : t('counselling.interpreter.none')),
    },
    { id: 'topics', header: 'counselling.topics', cell: (a) => intl.formatList(a.topics.map((x) => t(`counselling.topic.${x}`)), { type: 'unit' }) },
  ];
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
        <DataTable
          columns={columns}
          rows={appointments.data?.items}
          rowKey={(a) => a.id}
          error={appointments.error}
          empty="counselling.appointments.empty"
          emptyWithoutTable
          caption={<FormattedMessage id="counselling.appointments.caption" values={{ count: appointments.data?.items.length ?? 0 }} />}
        />
      </Card>
    </Stack>
  );
}
