import { Alert, Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { BarChart } from '../../components/bar-chart';
import { PageTitle } from '../../components/page-title';
import { isApiError } from '../../lib/api';
import { formatMoment, formatMomentDay } from '../../lib/dates';
import { useMe, useSession } from '../../lib/session';
import { principalNameOf, StageBadge, STAGE_COLOURS, useCaseSearch, useStageCounts, type StageCounts } from '../cases';
import { STAGES } from '../../../shared/cases';
import {
  useApplicationsWaiting, useExpectedArrivals, useFlights, useIncomingPending, useOutgoingPending, useTasks, useUpcomingAppointments,
} from './api';
import { ApplicationsQueue, AppointmentsQueue, ArrivalsQueue, FlightsQueue, IncomingQueue, OutgoingQueue, TasksQueue } from './queues';
import { CaseloadSection } from './caseload-section';
import { AdminQueues, ProjectsCard } from './oversight';

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
                  <Table.Td><bdi>{principalNameOf(row)}</bdi></Table.Td>
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

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What lands in the user's queues, built from what they may do (permissions) and where they work
 * (the office's kind): every query starts at once, each only when its queue applies.
 */
function useQueues() {
  const me = useMe();
  const { can, canAny } = useSession();
  const origin = me.user.officeKind === 'origin';
  // Offices that prepare returns (host, transit) send handovers; the others receive them.
  const sending = me.user.officeKind === 'host' || me.user.officeKind === 'transit';
  const show = {
    applications: can('case.approve') && !origin,
    incoming: can('handover.receive') && !sending,
    arrivals: can('handover.receive') && !sending,
    outgoing: can('handover.send') && !origin,
    flights: can('travel.manage') && !origin,
    tasks: can('case.read'),
    tasksPage: canAny('vulnerability.write', 'case.health'),
    appointments: can('counselling.write') && !origin,
  };
  const today = useMemo(() => new Date().toISOString().slice(0, 10), []);
  return {
    show,
    applications: useApplicationsWaiting(show.applications),
    incoming: useIncomingPending(show.incoming),
    arrivals: useExpectedArrivals(show.arrivals),
    outgoing: useOutgoingPending(show.outgoing),
    flights: useFlights(today, addDays(today, 7), show.flights),
    tasks: useTasks(show.tasks),
    appointments: useUpcomingAppointments(show.appointments),
  };
}

export function HomePage() {
  const me = useMe();
  const { can } = useSession();
  const readsCases = can('case.read');
  const readsStatistics = can('statistics.read');
  const supervises = can('case.approve');
  const q = useQueues();
  const anyQueue = Object.entries(q.show).some(([k, v]) => k !== 'tasksPage' && v);
  const administers = can('user.manage');
  const followsProgramme = can('project.manage') || (readsStatistics && !readsCases);

  return (
    <Stack>
      <PageTitle id="home.title" values={{ name: me.user.name }} />
      {can('case.create') && (
        <Group>
          <Button component={Link} to="/cases/new">
            <FormattedMessage id={me.user.officeKind === 'origin' ? 'home.registerArrival' : 'home.registerHousehold'} />
          </Button>
        </Group>
      )}
      {anyQueue ? (
        <section aria-labelledby="queues-heading">
          <Title order={2} size="h4" id="queues-heading" mb="sm">
            <FormattedMessage id="home.queues" />
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {q.show.applications && <ApplicationsQueue query={q.applications} />}
            {q.show.incoming && <IncomingQueue query={q.incoming} />}
            {q.show.arrivals && <ArrivalsQueue query={q.arrivals} />}
            {q.show.outgoing && <OutgoingQueue query={q.outgoing} />}
            {q.show.flights && <FlightsQueue query={q.flights} />}
            {q.show.tasks && <TasksQueue query={q.tasks} seeAll={q.show.tasksPage} />}
            {q.show.appointments && <AppointmentsQueue query={q.appointments} />}
          </SimpleGrid>
        </section>
      ) : null}
      {supervises && <CaseloadSection />}
      {readsCases && !supervises && <MyCases />}
      {readsCases ? (
        <section aria-labelledby="stage-counts-heading">
          <Title order={2} size="h4" id="stage-counts-heading" mb="sm">
            <FormattedMessage id="home.counts.heading" />
          </Title>
          {supervises ? (
            <StageCountsCard mine={false} titleId="home.counts.office" />
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <StageCountsCard mine titleId="home.counts.mine" />
              <StageCountsCard mine={false} titleId="home.counts.office" />
            </SimpleGrid>
          )}
        </section>
      ) : readsStatistics ? (
        <section aria-labelledby="stage-counts-heading">
          <Title order={2} size="h4" id="stage-counts-heading" mb="sm">
            <FormattedMessage id="home.counts.heading" />
          </Title>
          <StageCountsCard mine={false} titleId="home.counts.scope" />
        </section>
      ) : null}
      {followsProgramme && <ProjectsCard />}
      {administers && (
        <section aria-labelledby="admin-queues-heading">
          <Title order={2} size="h4" id="admin-queues-heading" mb="sm">
            <FormattedMessage id="home.adminQueues" />
          </Title>
          <AdminQueues />
        </section>
      )}
      {!readsCases && !readsStatistics && !administers && !anyQueue && !followsProgramme ? (
        <Alert color="blue" role="status" title={<FormattedMessage id="home.nothing.title" />}>
          <FormattedMessage id="home.nothing.body" />
        </Alert>
      ) : null}
    </Stack>
  );
}
