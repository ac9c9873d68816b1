import { Alert, Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { BarChart } from '../../components/bar-chart';
import { PageTitle } from '../../components/page-title';
import { isApiError } from '../../lib/api';
import { formatMoment, formatMomentDay } from '../../lib/dates';
import { useMe, useSession } from '../../lib/session';
import { useCaseSearch, useStageCounts, type StageCounts } from '../cases';
import { StageBadge } from '../cases';
import { STAGES } from '../../../shared/cases';
import { principalNameOf, STAGE_COLOURS } from '../cases';

function StageChart({ titleId, counts }: { titleId: string; counts: StageCounts }) {
  const intl = useIntl();
  const data = STAGES.map((stage) => ({
    key: stage,
    label: intl.formatMessage({ id: `stage.${stage}` }),
    value: counts.counts[stage] ?? 0,
    color: STAGE_COLOURS[stage] === 'dark' ? 'gray' : STAGE_COLOURS[stage],
  }));
  return (
    <BarChart
      title={intl.formatMessage({ id: titleId }, { total: counts.total })}
      data={data}
      categoryLabel={intl.formatMessage({ id: 'case.stage' })}
      valueLabel={intl.formatMessage({ id: 'home.counts.cases' })}
    />
  );
}

/** Stages with 1 to 4 cases are withheld from people outside the cases (see shared/suppression.ts). */
function SuppressedStages({ stages }: { stages: string[] }) {
  const intl = useIntl();
  return (
    <Text size="xs" c="dimmed" mt="xs">
      <FormattedMessage
        id="protection.suppressed"
        values={{ stages: stages.map((s) => intl.formatMessage({ id: `stage.${s}` })).join(', ') }}
      />
    </Text>
  );
}

function StageCountsCard({ mine, titleId }: { mine: boolean; titleId: string }) {
  const query = useStageCounts(mine);
  return (
    <Card withBorder padding="md">
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        isApiError(query.error) && (query.error.status === 403 || query.error.status === 404) ? (
          <Text size="sm">
            <FormattedMessage id="home.counts.unavailable" />
          </Text>
        ) : (
          <ApiErrorAlert error={query.error} />
        )
      ) : (
        <>
          <StageChart titleId={titleId} counts={query.data} />
          {query.data.suppressed?.length ? (
            <SuppressedStages stages={query.data.suppressed} />
          ) : null}
        </>
      )}
    </Card>
  );
}

function MyCases() {
  const intl = useIntl();
  const me = useMe();
  const query = useCaseSearch({ ownerId: me.user.id, pageSize: 10, sort: 'updatedAt', order: 'desc' });
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          <FormattedMessage id="home.myCases" />
        </Title>
        <Anchor component={Link} to="/cases" size="sm">
          <FormattedMessage id="home.allCases" />
        </Anchor>
      </Group>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <ApiErrorAlert error={query.error} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="home.myCases.empty" />
        </Text>
      ) : (
        <div className="table-scroll">
          <Table striped highlightOnHover>
            <Table.Caption>
              <FormattedMessage id="home.myCases.caption" values={{ total: query.data.total }} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <FormattedMessage id="case.caseNumber" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="case.principal" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="case.stage" />
                </Table.Th>
                <Table.Th scope="col">
                  <FormattedMessage id="case.updatedAt" />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${row.id}`} className="ltr-value nowrap">
                      {row.caseNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{principalNameOf(row)}</Table.Td>
                  <Table.Td>
                    <StageBadge stage={row.stage} size="sm" />
                  </Table.Td>
                  <Table.Td title={formatMoment(intl, row.updatedAt)} className="nowrap">
                        {formatMomentDay(intl, row.updatedAt)}
                      </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}

export function HomePage() {
  const me = useMe();
  const { can } = useSession();
  const readsCases = can('case.read');
  const readsStatistics = can('statistics.read');

  return (
    <Stack>
      <PageTitle id="home.title" values={{ name: me.user.name }} />
      {can('case.create') && (
        <Group>
          <Button component={Link} to="/cases/new">
            <FormattedMessage id="home.registerHousehold" />
          </Button>
        </Group>
      )}
      {readsCases && <MyCases />}
      {readsCases ? (
        <section aria-labelledby="stage-counts-heading">
          <Title order={2} size="h4" id="stage-counts-heading" mb="sm">
            <FormattedMessage id="home.counts.heading" />
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <StageCountsCard mine titleId="home.counts.mine" />
            <StageCountsCard mine={false} titleId="home.counts.office" />
          </SimpleGrid>
        </section>
      ) : readsStatistics ? (
        <section aria-labelledby="stage-counts-heading">
          <Title order={2} size="h4" id="stage-counts-heading" mb="sm">
            <FormattedMessage id="home.counts.heading" />
          </Title>
          <StageCountsCard mine={false} titleId="home.counts.scope" />
        </section>
      ) : (
        <Alert color="blue" role="status" title={<FormattedMessage id="home.nothing.title" />}>
          <FormattedMessage id="home.nothing.body" />
        </Alert>
      )}
    </Stack>
  );
}
