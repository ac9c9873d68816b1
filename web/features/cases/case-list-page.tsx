import { Anchor, Button, Card, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { Pager } from '../../components/pager';
import { SortableHeader } from '../../components/sortable-header';
import { formatMoment, formatMomentDay } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { useSessionState } from '../../lib/session-storage';
import { useCaseSearch } from './api';
import { CaseFilters } from './case-filters';
import type { CaseFilter, SortField as SortKey } from '../../../shared/schemas/cases';
import { principalNameOf } from './case-display';
import { SavedFilters } from './saved-filters';
import { StageBadge } from './stage-badge';

const DEFAULT_FILTER: CaseFilter = { sort: 'updatedAt', order: 'desc', page: 1, pageSize: 20 };

export function CaseListPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { can } = useSession();
  const countries = useCountries();
  // Filters live in this tab's sessionStorage, never in the URL (see CaseFilters).
  const [filter, setFilter] = useSessionState<CaseFilter>('cases.filter', DEFAULT_FILTER);
  const query = useCaseSearch(filter);

  const change = (patch: Partial<CaseFilter>) => setFilter((old) => ({ ...old, ...patch, page: 1 }));
  const sort = (column: SortKey, order: 'asc' | 'desc') => change({ sort: column, order });
  const header = (column: SortKey, labelId: string) => (
    <SortableHeader column={column} label={t(labelId)} sort={filter.sort} order={filter.order} onSort={sort} />
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="case.list.title" />
        {can('case.create') && (
          <Button component={Link} to="/cases/new">
            <FormattedMessage id="home.registerHousehold" />
          </Button>
        )}
      </Group>
      <Card withBorder padding="md">
        <CaseFilters filter={filter} onChange={change} onClear={() => setFilter(DEFAULT_FILTER)} />
      </Card>
      <SavedFilters current={filter} onApply={(saved) => setFilter({ ...DEFAULT_FILTER, ...saved, page: 1 })} />

      {query.isError && <ApiErrorAlert error={query.error} />}
      {query.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : query.data ? (
        <Stack gap="sm" aria-busy={query.isFetching}>
          <div className="table-scroll">
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Caption>
                <FormattedMessage id={query.data.totalCapped ? 'case.list.captionCapped' : 'case.list.caption'} values={{ total: query.data.total }} />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {header('caseNumber', 'case.caseNumber')}
                  {header('principalName', 'case.principal')}
                  {header('stage', 'case.stage')}
                  <Table.Th scope="col">
                    <FormattedMessage id="person.nationality" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="case.countryOfReturn" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="case.owner" />
                  </Table.Th>
                  {header('updatedAt', 'case.updatedAt')}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text c="dimmed" size="sm" py="md" ta="center">
                        <FormattedMessage id="case.list.empty" />
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  query.data.items.map((row) => (
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
                      <Table.Td>{countries.name(row.principal.nationality)}</Table.Td>
                      <Table.Td>{countries.name(row.countryOfReturn)}</Table.Td>
                      <Table.Td>{row.ownerName ?? ''}</Table.Td>
                      <Table.Td title={formatMoment(intl, row.updatedAt)} className="nowrap">
                        {formatMomentDay(intl, row.updatedAt)}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </div>
          <Pager
            page={query.data.page ?? filter.page ?? 1}
            pageSize={query.data.pageSize ?? filter.pageSize ?? 20}
            total={query.data.total}
            onPage={(page) => setFilter((old) => ({ ...old, page }))}
            onPageSize={(pageSize) => change({ pageSize })}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
