import { Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { seg } from '../../lib/api';
import { formatDay, todayIso } from '../../lib/dates';
import { useMovements } from './api';

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Upcoming flights with the cases on them, each with its movement manifest as a PDF. */
export function MovementsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState(plusDays(todayIso(), 90));
  const [period, setPeriod] = useState({ from, to });
  const query = useMovements(period.from, period.to);
  return (
    <Stack>
      <PageTitle id="travel.movements.title" />
      <form onSubmit={(e) => { e.preventDefault(); setPeriod({ from, to }); }}>
        <Group align="flex-end">
          <TextInput type="date" label={t('travel.movements.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('travel.movements.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Button type="submit" variant="light"><FormattedMessage id="travel.movements.show" /></Button>
        </Group>
      </form>
      {query.isPending && <Loader aria-label={t('common.loading')} />}
      {query.isError && <ApiErrorAlert error={query.error} />}
      {query.data && query.data.flights.length === 0 && <Text c="dimmed"><FormattedMessage id="travel.movements.none" /></Text>}
      {query.data?.flights.map((f) => {
        const heading = `${f.carrier} ${f.flight} — ${formatDay(intl, f.date)}`;
        return (
          <Card withBorder component="section" aria-label={heading} key={`${f.carrier}|${f.flight}|${f.date}`}>
            <Group justify="space-between" mb="xs" wrap="wrap">
              <div>
                <Title order={2} size="h5">{heading}</Title>
                <Text size="sm">
                  {f.fromCode} → {f.toCode}, {f.departsLocal.slice(11, 16)} ({f.departsTimeZone}) — {t('travel.movements.counts', { cases: f.cases.length, travellers: f.travellers })}
                </Text>
              </div>
              <Button
                component="a"
                variant="light"
                href={`/api/travel/manifest.pdf?carrier=${seg(f.carrier)}&flight=${seg(f.flight.replace(/\s+/g, ''))}&date=${seg(f.date)}`}
                download
              >
                <FormattedMessage id="travel.movements.manifest" />
              </Button>
            </Group>
            <Table>
              <Table.Caption>{t('travel.movements.casesCaption', { flight: `${f.carrier} ${f.flight}` })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('travel.movements.case')}</Table.Th>
                  <Table.Th>{t('travel.booking.reference')}</Table.Th>
                  <Table.Th>{t('travel.movements.status')}</Table.Th>
                  <Table.Th>{t('travel.movements.travellers')}</Table.Th>
                  <Table.Th>{t('travel.escort.heading')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.cases.map((c) => (
                  <Table.Tr key={c.bookingId}>
                    <Table.Td><Anchor component={Link} to={`/cases/${seg(c.caseId)}?tab=travel`}>{c.caseNumber}</Anchor></Table.Td>
                    <Table.Td>{c.bookingReference ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none">{t(`travel.bookingStatus.${c.bookingStatus}`)}</Badge>
                      {c.toCancel && <Badge color="red" ml="xs" tt="none">{t('travel.booking.toCancel')}</Badge>}
                    </Table.Td>
                    <Table.Td>{c.travellers}</Table.Td>
                    <Table.Td>{c.escorted ? t('travel.yes') : t('travel.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        );
      })}
    </Stack>
  );
}
