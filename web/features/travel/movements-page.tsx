import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { LocalTime } from '../../components/bidi';
import { seg } from '../../lib/api';
import { formatDay, todayIso } from '../../lib/dates';
import { useMovements, type Flight } from './api';
import { DateField } from '../../components/date-field';

type MovementCase = Flight['cases'][number];

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Upcoming flights with the cases on them, each with its movement manifest as a PDF. */
export function MovementsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState(plusDays(todayIso(), 90));
  const [period, setPeriod] = useState({ from, to });
  const query = useMovements(period.from, period.to);
  const columns: DataColumn<MovementCase>[] = [
    { id: 'case', header: 'travel.movements.case', cell: (c) => <Anchor component={Link} to={`/cases/${seg(c.caseId)}?tab=travel`}>{c.caseNumber}</Anchor>, nowrap: true },
    { id: 'reference', header: 'travel.booking.reference', cell: (c) => c.bookingReference ?? '—' },
    {
      id: 'status', header: 'travel.movements.status', cell: (c) => (
        <>
          <Badge variant="light" tt="none">{t(`travel.bookingStatus.${c.bookingStatus}`)}</Badge>
          {c.toCancel && <Badge color="red" ml="xs" tt="none">{t('travel.booking.toCancel')}</Badge>}
        </>
      ),
    },
    { id: 'travellers', header: 'travel.movements.travellers', cell: (c) => c.travellers },
    { id: 'escorted', header: 'travel.escort.heading', cell: (c) => (c.escorted ? t('travel.yes') : t('travel.no')) },
  ];
  return (
    <Stack>
      <PageTitle id="travel.movements.title" />
      <form onSubmit={(e) => { e.preventDefault(); setPeriod({ from, to }); }}>
        <Group align="flex-end">
          <DateField label={t('travel.movements.from')} value={from} onChange={setFrom} />
          <DateField label={t('travel.movements.to')} value={to} onChange={setTo} />
          <Button type="submit" variant="light"><FormattedMessage id="travel.movements.show" /></Button>
        </Group>
      </form>
      <QueryState query={query} empty="travel.movements.none" isEmpty={(data) => data.flights.length === 0}>
        {(data) => data.flights.map((f) => {
          const heading = `${f.carrier} ${f.flight} — ${formatDay(intl, f.date)}`;
          return (
            <Card withBorder component="section" aria-label={heading} key={`${f.carrier}|${f.flight}|${f.date}`}>
              <Group justify="space-between" mb="xs" wrap="wrap">
                <div>
                  <Title order={2} size="h5"><bdi>{`${f.carrier} ${f.flight}`}</bdi> — <bdi>{formatDay(intl, f.date)}</bdi></Title>
                  <Text size="sm">
                    <bdi dir="ltr">{f.fromCode} → {f.toCode}</bdi>, <LocalTime local={f.departsLocal} zone={f.departsTimeZone} timeOnly /> — {t('travel.movements.counts', { cases: f.cases.length, travellers: f.travellers })}
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
              <DataTable
                columns={columns}
                rows={f.cases}
                rowKey={(c) => c.bookingId}
                caption={t('travel.movements.casesCaption', { flight: `${f.carrier} ${f.flight}` })}
                empty="travel.movements.none"
              />
            </Card>
          );
        })}
      </QueryState>
    </Stack>
  );
}
