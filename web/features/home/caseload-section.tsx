import { Alert, Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { SectionCard } from '../../components/section-card';
import { useAssignableUsers } from '../../lib/reference';
import { useMe } from '../../lib/session';
import { StageBadge, principalNameOf } from '../cases';
import type { CaseSummary, CaseloadView } from '../../../shared/schemas/cases';
import { OWNER_PAGE_SIZE, useCaseload, useOwnerCases, useReassign } from './api';

type Owner = CaseloadView['owners'][number];

/**
 * For a supervisor: the open cases of each worker of the office, and the reassignment of several
 * of one worker's cases to another at once (one request; all or none).
 */
export function CaseloadSection() {
  const intl = useIntl();
  const me = useMe();
  const caseload = useCaseload(true);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [newOwner, setNewOwner] = useState('');
  const [done, setDone] = useState<{ count: number; name: string } | null>(null);
  const cases = useOwnerCases(ownerId, page);
  const reassign = useReassign();
  const { users } = useAssignableUsers();
  const owner = caseload.data?.owners.find((o) => o.ownerId === ownerId);
  const candidates = users.filter((u) => u.id !== ownerId && (!me.user.officeId || u.officeId === me.user.officeId));

  const choose = (o: Owner) => {
    setOwnerId(o.ownerId);
    setPage(1);
    setSelected(new Set());
    setDone(null);
    reassign.reset();
  };

  const ownerColumns: DataColumn<Owner>[] = [
    { id: 'name', header: 'home.caseload.worker', cell: (o) => <bdi>{o.ownerName}</bdi> },
    { id: 'open', header: 'home.caseload.open', cell: (o) => o.openCases, nowrap: true },
  ];
  const caseColumns: DataColumn<CaseSummary>[] = [
    { id: 'number', header: 'case.caseNumber', nowrap: true, cell: (c) => <Anchor component={Link} to={`/cases/${c.id}`} className="ltr-value">{c.caseNumber}</Anchor> },
    { id: 'principal', header: 'case.principal', cell: (c) => <bdi>{principalNameOf(c)}</bdi> },
    { id: 'stage', header: 'case.stage', cell: (c) => <StageBadge stage={c.stage} size="sm" /> },
  ];

  const submit = () => {
    const rows = cases.data?.items.filter((c) => selected.has(c.id)) ?? [];
    const name = candidates.find((u) => u.id === newOwner)?.name ?? '';
    reassign.mutate(
      { ownerId: newOwner, cases: rows.map((c) => ({ id: c.id, version: c.version })) },
      {
        onSuccess: (res) => {
          setDone({ count: res.cases.filter((c) => c.changed).length, name });
          setSelected(new Set());
        },
      },
    );
  };

  return (
    <div data-testid="caseload">
      <SectionCard title="home.caseload.title">
        <Stack gap="md">
          <DataTable
            columns={ownerColumns}
            rows={caseload.data?.owners}
            rowKey={(o) => o.ownerId}
            loading={caseload.isPending}
            error={caseload.error}
            caption={<FormattedMessage id="home.caseload.caption" />}
            empty="home.caseload.none"
            rowActions={(o) => (
              <Button size="xs" variant={o.ownerId === ownerId ? 'filled' : 'light'} onClick={() => choose(o)} aria-pressed={o.ownerId === ownerId}
                aria-label={intl.formatMessage({ id: 'home.caseload.showCasesOf' }, { name: o.ownerName })}>
                <FormattedMessage id="home.caseload.showCases" />
              </Button>
            )}
          />
          {owner ? (
            <Stack gap="sm">
              <DataTable
                columns={caseColumns}
                rows={cases.data?.items}
                rowKey={(c) => c.id}
                loading={cases.isPending}
                fetching={cases.isFetching}
                error={cases.error}
                caption={<FormattedMessage id="home.caseload.casesOf" values={{ name: <bdi>{owner.ownerName}</bdi> }} />}
                empty="home.caseload.noCases"
                selection={{ selected, onChange: setSelected, rowLabel: (c) => intl.formatMessage({ id: 'home.caseload.chooseCase' }, { number: c.caseNumber }) }}
                paging={{ page, pageSize: OWNER_PAGE_SIZE, total: cases.data?.total, onPage: (p) => { setPage(p); setSelected(new Set()); } }}
              />
              <Group align="flex-end" wrap="wrap">
                <NativeSelect
                  label={intl.formatMessage({ id: 'home.caseload.newOwner' })}
                  value={newOwner}
                  onChange={(e) => setNewOwner(e.currentTarget.value)}
                  data={[{ value: '', label: intl.formatMessage({ id: 'common.choose' }) }, ...candidates.map((u) => ({ value: u.id, label: u.name }))]}
                />
                <Button onClick={submit} disabled={!newOwner || selected.size === 0} loading={reassign.isPending}>
                  <FormattedMessage id="home.caseload.reassign" values={{ count: selected.size }} />
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                <FormattedMessage id="home.caseload.hint" />
              </Text>
              {reassign.isError ? <ApiErrorAlert error={reassign.error} scope="home" onReload={() => { reassign.reset(); setSelected(new Set()); void cases.refetch(); }} /> : null}
            </Stack>
          ) : null}
          {/* Outside the worker's cases: a worker whose last cases were handed over leaves the list, the confirmation stays. */}
          {done ? (
            <Alert color="green" role="status">
              <FormattedMessage id="home.caseload.done" values={{ count: done.count, name: <bdi>{done.name}</bdi> }} />
            </Alert>
          ) : null}
        </Stack>
      </SectionCard>
    </div>
  );
}
