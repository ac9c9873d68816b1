import { Anchor, Button, Card, Group, Stack } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { formatMoment, formatMomentDay } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { useSessionState } from '../../lib/session-storage';
import { useCaseSearch } from './api';
import { CaseExportMenu, RecentCaseExports } from './case-export';
import { CaseFilters } from './case-filters';
import type { CaseFilter, SortField as SortKey } from '../../../shared/schemas/cases';
import { principalNameOf } from './case-display';
import { SavedFilters } from './saved-filters';
import { StageBadge } from './stage-badge';

type CaseRow = NonNullable<ReturnType<typeof useCaseSearch>['data']>['items'][number];

const DEFAULT_FILTER: CaseFilter = { sort: 'updatedAt', order: 'desc', page: 1, pageSize: 20 };

export function CaseListPage() {
  const intl = useIntl();
  const { can } = useSession();
  const countries = useCountries();
  // Filters live in this tab's sessionStorage, never in the URL (see CaseFilters).
  const [filter, setFilter] = useSessionState<CaseFilter>('cases.filter', DEFAULT_FILTER);
  const query = useCaseSearch(filter);

  const change = (patch: Partial<CaseFilter>) => setFilter((old) => ({ ...old, ...patch, page: 1 }));
  const columns: DataColumn<CaseRow, SortKey>[] = [
    {
      id: 'caseNumber',
      header: 'case.caseNumber',
      sortKey: 'caseNumber',
      cell: (row) => (
        <Anchor component={Link} to={`/cases/${row.id}`} className="ltr-value nowrap">
          {row.caseNumber}
        </Anchor>
      ),
    },
    { id: 'principal', header: 'case.principal', sortKey: 'principalName', cell: (row) => <bdi>{principalNameOf(row)}</bdi> },
    { id: 'stage', header: 'case.stage', sortKey: 'stage', cell: (row) => <StageBadge stage={row.stage} size="sm" /> },
    { id: 'nationality', header: 'person.nationality', cell: (row) => countries.name(row.principal.nationality) },
    { id: 'countryOfReturn', header: 'case.countryOfReturn', cell: (row) => countries.name(row.countryOfReturn) },
    { id: 'owner', header: 'case.owner', cell: (row) => <bdi>{row.ownerName ?? ''}</bdi> },
    {
      id: 'updatedAt',
      header: 'case.updatedAt',
      sortKey: 'updatedAt',
      nowrap: true,
      title: (row) => formatMoment(intl, row.updatedAt),
      cell: (row) => formatMomentDay(intl, row.updatedAt),
    },
  ];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="case.list.title" />
        <Group gap="sm" align="flex-start">
          {can('case.read') && <CaseExportMenu filter={filter} />}
          {can('case.create') && (
            <Button component={Link} to="/cases/new">
              <FormattedMessage id="home.registerHousehold" />
            </Button>
          )}
        </Group>
      </Group>
      <Card withBorder padding="md">
        <CaseFilters filter={filter} onChange={change} onClear={() => setFilter(DEFAULT_FILTER)} />
      </Card>
      <SavedFilters current={filter} onApply={(saved) => setFilter({ ...DEFAULT_FILTER, ...saved, page: 1 })} />
      {can('case.read') && <RecentCaseExports />}

      <DataTable
        columns={columns}
        rows={query.data?.items}
        rowKey={(row) => row.id}
        loading={query.isPending}
        fetching={query.isFetching}
        error={query.error}
        empty="case.list.empty"
        caption={
          query.data ? (
            <FormattedMessage id={query.data.totalCapped ? 'case.list.captionCapped' : 'case.list.caption'} values={{ total: query.data.total }} />
          ) : null
        }
        sort={{ key: filter.sort, order: filter.order, onSort: (sort, order) => change({ sort, order }) }}
        paging={
          query.data && {
            page: query.data.page ?? filter.page ?? 1,
            pageSize: query.data.pageSize ?? filter.pageSize ?? 20,
            total: query.data.total,
            onPage: (page) => setFilter((old) => ({ ...old, page })),
            onPageSize: (pageSize) => change({ pageSize }),
          }
        }
      />
    </Stack>
  );
}
