import { Alert, Badge, Button, Card, Grid, Group, Loader, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { PageTitle } from '../../components/page-title';
import { formatDay, formatMoment } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { answerHandover, useIncoming, usePackage, type Handover, type HandoverPackage } from './api';

const STATUS_COLOURS: Record<string, string> = { pending: 'yellow', accepted: 'green', declined: 'red' };

function Answer({ handover }: { handover: Handover }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (input: { action: 'accept' | 'decline'; reason?: string }) =>
      answerHandover(handover, input.action, input.reason),
    onSuccess: async (_r, input) => {
      await queryClient.invalidateQueries({ queryKey: ['handover'] });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'search'] });
      notifications.show({ color: 'green', message: t(input.action === 'accept' ? 'handover.accepted' : 'handover.declined') });
    },
  });
  const decline = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('handover.decline.reasonRequired'));
    setError(undefined);
    mutation.mutate({ action: 'decline', reason: reason.trim() });
  };
  return (
    <Stack gap="sm">
      <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
      {declining ? (
        <form onSubmit={decline} noValidate>
          <Stack gap="sm">
            <Textarea label={t('handover.decline.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} withAsterisk aria-required autosize minRows={2} maxLength={2000} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeclining(false)}>
                <FormattedMessage id="common.cancel" />
              </Button>
              <Button type="submit" color="red" loading={mutation.isPending}>
                <FormattedMessage id="handover.decline" />
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeclining(true)}>
            <FormattedMessage id="handover.decline" />
          </Button>
          <Button onClick={() => mutation.mutate({ action: 'accept' })} loading={mutation.isPending}>
            <FormattedMessage id="handover.accept" />
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function PackageView({ pkg }: { pkg: HandoverPackage }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const countries = useCountries();
  const nameOf = (personId: string) => {
    const p = pkg.household.find((m) => m.personId === personId);
    return p ? `${p.givenName} ${p.familyName}` : '';
  };
  const notShared = t('handover.notShared');
  return (
    <Stack gap="md">
      <DetailList
        items={[
          { label: 'handover.purpose', value: t(`handover.purpose.${pkg.handover.purpose}`) },
          { label: 'handover.fromOffice', value: pkg.handover.fromOfficeName },
          { label: 'case.countryOfReturn', value: countries.name(pkg.case.countryOfReturn) },
          { label: 'case.legalStatus', value: pkg.case.legalStatus ? t(`legalStatus.${pkg.case.legalStatus}`) : notShared },
          { label: 'handover.receivingOfficer', value: pkg.handover.receivingOfficerName },
          { label: 'handover.note', value: pkg.handover.note },
        ]}
      />
      <section aria-labelledby="pkg-household">
        <Title order={4} id="pkg-household">
          <FormattedMessage id="handover.package.household" />
        </Title>
        <DataTable
          columns={[
            { id: 'name', header: 'handover.package.name', cell: (m) => <bdi>{`${m.givenName} ${m.familyName}`}</bdi> },
            { id: 'relationship', header: 'handover.package.relationship', cell: (m) => t(`relationship.${m.relationship}`) },
            { id: 'sex', header: 'handover.package.sex', cell: (m) => t(`sex.${m.sex}`) },
            { id: 'birthDate', header: 'handover.package.birthDate', cell: (m) => formatDay(intl, m.birthDate), nowrap: true },
            { id: 'nationality', header: 'handover.package.nationality', cell: (m) => (m.nationality ? countries.name(m.nationality) : '') },
          ] satisfies DataColumn<HandoverPackage['household'][number]>[]}
          rows={pkg.household}
          rowKey={(m) => m.personId}
          empty="handover.package.noneRecorded"
        />
      </section>
      <section aria-labelledby="pkg-vuln">
        <Title order={4} id="pkg-vuln">
          <FormattedMessage id="handover.package.vulnerabilities" />
        </Title>
        {pkg.vulnerabilities.length === 0 && pkg.specialMeasures.length === 0 ? (
          <Text c="dimmed">{t('handover.package.noneRecorded')}</Text>
        ) : (
          <Stack gap={4}>
            {pkg.vulnerabilities.map((v) => (
              <Text key={v.id} size="sm">
                {`${nameOf(v.personId)}: ${v.category.replace(/_/g, ' ')}`}
                {v.details ? ` — ${v.details}` : ''}
              </Text>
            ))}
            {pkg.specialMeasures.map((m) => (
              <Text key={m.id} size="sm">
                {`${nameOf(m.personId)}: ${m.title ?? m.kind.replace(/_/g, ' ')} (${m.status.replace(/_/g, ' ')})`}
              </Text>
            ))}
          </Stack>
        )}
      </section>
      <section aria-labelledby="pkg-entitlement">
        <Title order={4} id="pkg-entitlement">
          <FormattedMessage id="handover.package.entitlement" />
        </Title>
        {pkg.entitlement ? (
          <Text size="sm" component="pre" style={{ whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(pkg.entitlement.entitlement, null, 2)}
          </Text>
        ) : (
          <Text c="dimmed">{t('handover.package.noEntitlement')}</Text>
        )}
      </section>
      <section aria-labelledby="pkg-travel">
        <Title order={4} id="pkg-travel">
          <FormattedMessage id="handover.package.travel" />
        </Title>
        {pkg.travel.length === 0 ? (
          <Text c="dimmed">{t('handover.package.noTravel')}</Text>
        ) : (
          pkg.travel.map((b) => (
            <Stack key={b.id} gap={2}>
              <Text size="sm" fw={600}>{`${formatDay(intl, b.travelDate)} · ${b.status}${b.bookingReference ? ` · ${b.bookingReference}` : ''}`}</Text>
              {b.legs.map((l) => (
                <Text key={l.position} size="sm" className="ltr-value">
                  {`${l.carrier} ${l.flightOrRoute}: ${l.fromCode} ${l.departsLocal.replace('T', ' ')} (${l.departsTimeZone}) → ${l.toCode} ${l.arrivesLocal.replace('T', ' ')} (${l.arrivesTimeZone})`}
                </Text>
              ))}
            </Stack>
          ))
        )}
      </section>
      <section aria-labelledby="pkg-plan">
        <Title order={4} id="pkg-plan">
          <FormattedMessage id="handover.package.plan" />
        </Title>
        <Text c="dimmed">{t('handover.package.noPlan')}</Text>
      </section>
      <section aria-labelledby="pkg-notes">
        <Title order={4} id="pkg-notes">
          <FormattedMessage id="handover.package.counsellingNotes" />
        </Title>
        {pkg.counsellingNotes == null ? (
          <Text c="dimmed">{notShared}</Text>
        ) : pkg.counsellingNotes.length === 0 ? (
          <Text c="dimmed">{t('handover.package.noneRecorded')}</Text>
        ) : (
          pkg.counsellingNotes.map((n) => (
            <Card key={n.id} withBorder p="xs">
              <Text size="xs" c="dimmed">{t('handover.byOn', { who: n.authorName, when: formatMoment(intl, n.createdAt) })}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
            </Card>
          ))
        )}
      </section>
    </Stack>
  );
}

function PackagePanel({ handover }: { handover: Handover }) {
  const pkg = usePackage(handover.id);
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={3}>
            <FormattedMessage id="handover.package.title" values={{ caseNumber: handover.caseNumber }} />
          </Title>
          {handover.status === 'accepted' && (
            <Button component={Link} to={`/cases/${handover.caseId}`} variant="light">
              <FormattedMessage id="handover.openCase" />
            </Button>
          )}
        </Group>
        {pkg.isLoading && <Loader />}
        {pkg.error && <ApiErrorAlert error={pkg.error} />}
        {pkg.data && <PackageView pkg={pkg.data} />}
        {handover.status === 'pending' && <Answer handover={handover} />}
      </Stack>
    </Card>
  );
}

/** Handovers sent to the user's office, with the package of the one selected. */
export function IncomingPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const incoming = useIncoming();
  const [selected, setSelected] = useState<string | null>(null);
  const items = incoming.data ?? [];
  const current = items.find((h) => h.id === selected) ?? null;
  return (
    <Stack>
      <PageTitle id="handover.incoming.title" />
      {incoming.isLoading && <Loader />}
      {incoming.error && <ApiErrorAlert error={incoming.error} />}
      {incoming.data && items.length === 0 && <Alert color="gray">{t('handover.incoming.none')}</Alert>}
      {items.length > 0 && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Table.ScrollContainer minWidth={420}>
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('handover.incoming.case')}</Table.Th>
                    <Table.Th>{t('handover.fromOffice')}</Table.Th>
                    <Table.Th>{t('handover.purpose')}</Table.Th>
                    <Table.Th>{t('handover.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((h) => (
                    <Table.Tr key={h.id} aria-selected={h.id === selected}>
                      <Table.Td>
                        <Button variant="subtle" size="compact-sm" onClick={() => setSelected(h.id)} aria-label={intl.formatMessage({ id: 'handover.incoming.show' }, { caseNumber: h.caseNumber })}>
                          <span className="ltr-value">{h.caseNumber}</span>
                        </Button>
                        <Text size="xs" c="dimmed">{formatMoment(intl, h.sentAt)}</Text>
                      </Table.Td>
                      <Table.Td>{h.fromOfficeName}</Table.Td>
                      <Table.Td>{t(`handover.purpose.${h.purpose}`)}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOURS[h.status]} variant="light">{t(`handover.status.${h.status}`)}</Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {current ? <PackagePanel key={current.id} handover={current} /> : <Text c="dimmed">{t('handover.incoming.choose')}</Text>}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
