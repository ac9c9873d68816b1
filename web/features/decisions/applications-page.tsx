import { Anchor, Badge, Card, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useSessionState } from '../../lib/session-storage';
import { useApplicationsToApprove } from './api';
import { shownPersonName } from '../../lib/erased';

type Application = NonNullable<ReturnType<typeof useApplicationsToApprove>['data']>['items'][number];

/** Applications awaiting approval in the user's scope: a second person approves or rejects them. */
export function ApplicationsPage() {
  const intl = useIntl();
  const countries = useCountries();
  const [paging, setPaging] = useSessionState('decisions.toApprove', { page: 1, pageSize: 20 });
  const query = useApplicationsToApprove(paging.page, paging.pageSize);
  const columns: DataColumn<Application>[] = [
    {
      id: 'case',
      header: 'decisions.toApprove.case',
      cell: (a) => (
        <Anchor component={Link} to={`/cases/${a.caseId}?tab=decision`}>
          {a.caseNumber}
        </Anchor>
      ),
    },
    { id: 'principal', header: 'decisions.toApprove.principal', cell: (a) => <bdi>{shownPersonName(a.principalName)}</bdi> },
    { id: 'travellers', header: 'decisions.toApprove.travellers', cell: (a) => a.travellers },
    { id: 'country', header: 'decisions.toApprove.country', cell: (a) => countries.name(a.countryOfReturn) },
    { id: 'office', header: 'decisions.toApprove.office', cell: (a) => a.officeName },
    {
      id: 'submitted',
      header: 'decisions.toApprove.submitted',
      cell: (a) => (
        <>
          <FormattedMessage id="decisions.application.submittedBy" values={{ name: <bdi>{a.submittedBy.name}</bdi>, at: <bdi>{formatMoment(intl, a.submittedAt)}</bdi> }} />
          {a.ownSubmission && (
            <Badge ms="xs" size="sm" variant="light" color="gray"><FormattedMessage id="decisions.toApprove.yours" /></Badge>
          )}
        </>
      ),
    },
  ];
  return (
    <Stack>
      <PageTitle id="decisions.toApprove.title" />
      <Text size="sm" c="dimmed"><FormattedMessage id="decisions.toApprove.intro" /></Text>
      <Card withBorder>
        <DataTable
          columns={columns}
          rows={query.data?.items}
          rowKey={(a) => a.id}
          error={query.error}
          errorScope="decisions"
          empty="decisions.toApprove.empty"
          emptyWithoutTable
          minWidth={720}
          caption={<FormattedMessage id="decisions.toApprove.caption" values={{ count: query.data?.total ?? 0 }} />}
          paging={
            query.data && {
              page: paging.page,
              pageSize: paging.pageSize,
              total: query.data.total,
              onPage: (page) => setPaging((p) => ({ ...p, page })),
              onPageSize: (pageSize) => setPaging({ page: 1, pageSize }),
            }
          }
        />
      </Card>
    </Stack>
  );
}
