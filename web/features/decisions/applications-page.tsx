import { Anchor, Badge, Card, Loader, Stack, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { Pager } from '../../components/data-table/pager';
import { formatMoment } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useSessionState } from '../../lib/session-storage';
import { useApplicationsToApprove } from './api';
import { ApiErrorAlert } from '../../components/api-error-alert';

/** Applications awaiting approval in the user's scope: a second person approves or rejects them. */
export function ApplicationsPage() {
  const intl = useIntl();
  const countries = useCountries();
  const [paging, setPaging] = useSessionState('decisions.toApprove', { page: 1, pageSize: 20 });
  const query = useApplicationsToApprove(paging.page, paging.pageSize);
  return (
    <Stack>
      <PageTitle id="decisions.toApprove.title" />
      <Text size="sm" c="dimmed"><FormattedMessage id="decisions.toApprove.intro" /></Text>
      {query.isPending ? (
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : query.isError ? (
        <ApiErrorAlert scope="decisions" error={query.error} />
      ) : query.data.items.length === 0 ? (
        <Card withBorder><Text size="sm"><FormattedMessage id="decisions.toApprove.empty" /></Text></Card>
      ) : (
        <Card withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Caption><FormattedMessage id="decisions.toApprove.caption" values={{ count: query.data.total }} /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="decisions.toApprove.case" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="decisions.toApprove.principal" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="decisions.toApprove.travellers" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="decisions.toApprove.country" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="decisions.toApprove.office" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="decisions.toApprove.submitted" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${a.caseId}?tab=decision`}>{a.caseNumber}</Anchor>
                    </Table.Td>
                    <Table.Td>{a.principalName}</Table.Td>
                    <Table.Td>{a.travellers}</Table.Td>
                    <Table.Td>{countries.name(a.countryOfReturn)}</Table.Td>
                    <Table.Td>{a.officeName}</Table.Td>
                    <Table.Td>
                      <FormattedMessage id="decisions.application.submittedBy" values={{ name: a.submittedBy.name, at: formatMoment(intl, a.submittedAt) }} />
                      {a.ownSubmission && (
                        <Badge ms="xs" size="sm" variant="light" color="gray"><FormattedMessage id="decisions.toApprove.yours" /></Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={paging.page}
            pageSize={paging.pageSize}
            total={query.data.total}
            rowsOnPage={query.data.items.length}
            onPage={(page) => setPaging((p) => ({ ...p, page }))}
            onPageSize={(pageSize) => setPaging({ page: 1, pageSize })}
          />
        </Card>
      )}
    </Stack>
  );
}
