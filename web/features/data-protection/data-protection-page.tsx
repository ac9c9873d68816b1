import { Anchor, Badge, Button, Group, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { isolate } from '../../components/bidi';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useEventLabel } from '../../lib/event-label';
import { useSession } from '../../lib/session';
import { AccessRequestSection } from './access-request-section';
import { BreakGlassReport } from './break-glass-report';
import { useAccessLog, useBreakGlassToReview, useCaseLookup, useReviewBreakGlass } from './api';
import { ErasureSection } from './erasure-section';
import { personName } from '../../lib/erased';

/**
 * The data-protection officer's screen: the break-glass accesses to review and the report of
 * them over a period, and who accessed a person (found by the number of one of their cases),
 * when and why.
 */
export function DataProtectionPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const lookup = useCaseLookup();
  const [caseNumber, setCaseNumber] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const log = useAccessLog(personId, page);
  const label = useEventLabel();
  const { can } = useSession();
  const chosen = lookup.data?.persons.find((p) => p.id === personId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPersonId(null);
    setPage(1);
    lookup.mutate(caseNumber.trim(), { onSuccess: (found) => setPersonId(found.persons[0]?.id ?? null) });
  };
  const lastPage = log.data ? Math.max(1, Math.ceil(log.data.total / log.data.pageSize)) : 1;

  return (
    <Stack>
      <PageTitle id="dataProtection.title" />
      {can('retention.manage') ? (
        <Anchor component={Link} to="/retention"><FormattedMessage id="retention.link" /></Anchor>
      ) : null}
      <ReviewQueue />
      <BreakGlassReport />
      <SectionCard title="dataProtection.find.title">
        <form onSubmit={submit} aria-label={t('dataProtection.find.title')}>
          <Group align="flex-end">
            <TextInput label={t('dataProtection.find.caseNumber')} value={caseNumber} onChange={(e) => setCaseNumber(e.currentTarget.value)} required maxLength={64} dir="ltr" />
            <Button type="submit" loading={lookup.isPending}>
              <FormattedMessage id="dataProtection.find.submit" />
            </Button>
          </Group>
        </form>
        {lookup.isError ? <ApiErrorAlert error={lookup.error} /> : null}
        {lookup.data ? (
          <Radio.Group mt="md" label={t('dataProtection.find.persons')} value={personId ?? ''} onChange={(v) => { setPersonId(v); setPage(1); }}>
            <Stack gap={4} mt={4}>
              {lookup.data.persons.map((p) => (
                <Radio key={p.id} value={p.id} label={<bdi>{personName(p)}</bdi>} />
              ))}
            </Stack>
          </Radio.Group>
        ) : null}
      </SectionCard>
      {personId && chosen && can('person.access_request') ? (
        <AccessRequestSection personId={personId} name={personName(chosen)} />
      ) : null}
      {personId ? <ErasureSection personId={personId} /> : null}
      {personId ? (
        <QueryState query={log}>
          {(view) => (
            <SectionCard title="dataProtection.log.title" values={{ name: isolate(personName(view.person)) }}>
              <Text size="sm" c="dimmed" mb="xs">
                <FormattedMessage id="dataProtection.log.total" values={{ count: view.total }} />
              </Text>
              <Table.ScrollContainer minWidth={720}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th><FormattedMessage id="dataProtection.log.when" /></Table.Th>
                      <Table.Th><FormattedMessage id="dataProtection.log.who" /></Table.Th>
                      <Table.Th><FormattedMessage id="dataProtection.log.office" /></Table.Th>
                      <Table.Th><FormattedMessage id="dataProtection.log.event" /></Table.Th>
                      <Table.Th><FormattedMessage id="dataProtection.log.why" /></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {view.items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td><bdi>{formatMoment(intl, String(item.at))}</bdi></Table.Td>
                        <Table.Td>
                          {item.actor ? (
                            <>
                              <bdi>{item.actor.name}</bdi>
                              <Text size="xs" c="dimmed"><bdi>{item.actor.roles.join(', ')}</bdi></Text>
                            </>
                          ) : <FormattedMessage id="dataProtection.log.system" />}
                        </Table.Td>
                        <Table.Td>{item.actor?.office ? <bdi>{item.actor.office}</bdi> : null}</Table.Td>
                        <Table.Td>
                          {label(item.event)}
                          {item.caseNumber ? <Text size="xs" c="dimmed"><bdi className="ltr-value">{item.caseNumber}</bdi></Text> : null}
                        </Table.Td>
                        <Table.Td>
                          {item.why.kind === 'break_glass' ? (
                            <>
                              <Badge color="red" variant="light"><FormattedMessage id="dataProtection.log.breakGlass" /></Badge>
                              <Text size="sm"><bdi>{item.why.reason}</bdi></Text>
                            </>
                          ) : <FormattedMessage id="dataProtection.log.inScope" />}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group mt="sm" justify="space-between">
                <Button variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  <FormattedMessage id="dataProtection.log.newer" />
                </Button>
                <Text size="sm"><FormattedMessage id="dataProtection.log.page" values={{ page, pages: lastPage }} /></Text>
                <Button variant="default" disabled={page >= lastPage} onClick={() => setPage(page + 1)}>
                  <FormattedMessage id="dataProtection.log.older" />
                </Button>
              </Group>
            </SectionCard>
          )}
        </QueryState>
      ) : null}
    </Stack>
  );
}

/** Break-glass accesses of the officer's organisation not yet reviewed; each can be marked reviewed. */
function ReviewQueue() {
  const intl = useIntl();
  const queue = useBreakGlassToReview();
  const review = useReviewBreakGlass();
  return (
    <SectionCard title="dataProtection.review.title">
      <QueryState query={queue} empty={intl.formatMessage({ id: 'dataProtection.review.none' })} isEmpty={(items) => items.length === 0}>
        {(items) => (
          <Stack gap="xs">
            {items.map((item) => (
              <Group key={item.id} justify="space-between">
                <Text size="sm">
                  <FormattedMessage
                    id="dataProtection.review.item"
                    values={{ number: <bdi className="ltr-value">{item.caseNumber}</bdi>, at: <bdi>{formatMoment(intl, String(item.at))}</bdi> }}
                  />
                </Text>
                <Button size="xs" variant="light" loading={review.isPending && review.variables === item.id} onClick={() => review.mutate(item.id)}
                  aria-label={intl.formatMessage({ id: 'dataProtection.review.markCase' }, { number: item.caseNumber })}>
                  <FormattedMessage id="dataProtection.review.mark" />
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </QueryState>
      {review.isError ? <ApiErrorAlert error={review.error} /> : null}
    </SectionCard>
  );
}
