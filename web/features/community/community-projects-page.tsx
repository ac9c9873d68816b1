import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { formatAmount } from '../../components/money-input';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatDay } from '../../lib/dates';
import { useCountries, useOffices } from '../../lib/reference';
import { useMe } from '../../lib/session';
import {
  COMMUNITY_STATUSES, COMMUNITY_TRANSITIONS, changeCommunityStatus, communityKeys, linkReturnee, unlinkReturnee, useCommunityProject, useCommunityProjects,
  type CommunityProjectView, type CommunityStatus,
} from './api';
import { CaseFinder } from './case-finder';
import { BENEFICIARY_FIELDS, ProjectFormModal } from './project-form';
import { ProjectPayments } from './project-payments';
import { shownPersonName } from '../../lib/erased';

type Summary = Omit<CommunityProjectView, 'returnees' | 'hiddenReturnees' | 'partners'>;

function StatusBadge({ status }: { status: string }) {
  const color = status === 'active' ? 'green' : status === 'cancelled' ? 'red' : status === 'completed' ? 'blue' : 'gray';
  return (
    <Badge color={color} variant="light" tt="none" styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>
      <FormattedMessage id={`community.status.${status}`} />
    </Badge>
  );
}

/** The moves a project may make from its status; cancelling asks once, with the reason. */
function StatusActions({ project, onChanged }: { project: CommunityProjectView; onChanged: () => void }) {
  const intl = useIntl();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const change = useMutation({
    mutationFn: ({ to, why }: { to: CommunityStatus; why?: string }) => changeCommunityStatus(project, to, why),
    onSuccess: (_p, { to }) => {
      notifications.show({ color: 'green', closeButtonProps: { 'aria-label': intl.formatMessage({ id: 'common.close' }) }, message: intl.formatMessage({ id: 'community.status.changed' }, { status: intl.formatMessage({ id: `community.status.${to}` }) }) });
      setCancelling(false);
      onChanged();
    },
  });
  const moves = COMMUNITY_TRANSITIONS[project.status as CommunityStatus];
  return (
    <>
      {moves.filter((m) => m !== 'cancelled').map((to) => (
        <Button key={to} variant="light" loading={change.isPending} onClick={() => change.mutate({ to })}>
          <FormattedMessage id={`community.move.${to}`} />
        </Button>
      ))}
      {moves.includes('cancelled') && (
        <Button variant="outline" color="red" onClick={() => setCancelling(true)}>
          <FormattedMessage id="community.move.cancelled" />
        </Button>
      )}
      {change.error && !cancelling ? <ApiErrorAlert error={change.error} scope="community" /> : null}
      <ConfirmAction
        opened={cancelling}
        onCancel={() => { setCancelling(false); setReason(''); setMissing(false); change.reset(); }}
        onConfirm={() => (reason.trim() ? change.mutate({ to: 'cancelled', why: reason.trim() }) : setMissing(true))}
        title="community.cancel.title"
        body="community.cancel.body"
        bodyValues={{ title: <bdi>{project.title}</bdi> }}
        confirmLabel="community.cancel.confirm"
        color="red"
        pending={change.isPending}
        error={change.error}
        errorScope="community"
      >
        <Textarea
          label={intl.formatMessage({ id: 'community.field.reason' })}
          value={reason}
          onChange={(e) => { setReason(e.currentTarget.value); setMissing(false); }}
          error={missing ? intl.formatMessage({ id: 'community.cancel.reasonRequired' }) : undefined}
          withAsterisk
          aria-required
          autosize
          minRows={3}
          maxLength={1000}
          data-autofocus
        />
      </ConfirmAction>
    </>
  );
}

function Returnees({ project, onChanged }: { project: CommunityProjectView; onChanged: () => void }) {
  const intl = useIntl();
  const link = useMutation({ mutationFn: (caseId: string) => linkReturnee(project.id, caseId), onSuccess: onChanged });
  const unlink = useMutation({ mutationFn: (caseId: string) => unlinkReturnee(project.id, caseId), onSuccess: onChanged });
  return (
    <SectionCard title="community.returnees.title">
      <Stack gap="sm">
        {project.returnees.length === 0 ? <Text c="dimmed"><FormattedMessage id="community.returnees.none" /></Text> : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="community.returnees.caseNumber" /></Table.Th>
                <Table.Th><FormattedMessage id="community.returnees.name" /></Table.Th>
                <Table.Th><FormattedMessage id="community.returnees.actions" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {project.returnees.map((r) => (
                <Table.Tr key={r.caseId}>
                  <Table.Td><bdi dir="ltr">{r.caseNumber}</bdi></Table.Td>
                  <Table.Td><bdi>{shownPersonName(r.name)}</bdi></Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" color="red" loading={unlink.isPending && unlink.variables === r.caseId} onClick={() => unlink.mutate(r.caseId)}
                      aria-label={intl.formatMessage({ id: 'community.returnees.unlinkFor' }, { name: shownPersonName(r.name), number: r.caseNumber })}>
                      <FormattedMessage id="community.returnees.unlink" />
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {project.hiddenReturnees > 0 && <Text size="sm" c="dimmed"><FormattedMessage id="community.returnees.hidden" values={{ count: project.hiddenReturnees }} /></Text>}
        {link.error ? <ApiErrorAlert error={link.error} scope="community" /> : null}
        {unlink.error ? <ApiErrorAlert error={unlink.error} scope="community" /> : null}
        <CaseFinder label="community.returnees.find" actionLabel="community.returnees.link" onPick={(c) => link.mutate(c.id)} />
      </Stack>
    </SectionCard>
  );
}

function ProjectDetails({ id, onEdit }: { id: string; onEdit: (p: CommunityProjectView) => void }) {
  const intl = useIntl();
  const countries = useCountries();
  const queryClient = useQueryClient();
  const project = useCommunityProject(id);
  const heading = useRef<HTMLElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: communityKeys.all });
  return (
    <section ref={heading} tabIndex={-1} aria-label={project.data?.title ?? ''}>
      <QueryState query={project} errorScope="community">
        {(p) => (
          <Stack>
            <SectionCard
              title="community.details.title"
              values={{ title: p.title }}
              actions={
                <Group gap="xs">
                  <Button variant="default" onClick={() => onEdit(p)}><FormattedMessage id="community.edit" /></Button>
                  <StatusActions project={p} onChanged={refresh} />
                </Group>
              }
            >
              <DetailList
                items={[
                  { label: 'community.field.status', value: <StatusBadge status={p.status} /> },
                  ...(p.statusReason ? [{ label: 'community.field.reason', value: p.statusReason }] : []),
                  { label: 'community.field.office', value: <bdi>{p.officeName}</bdi> },
                  { label: 'community.field.place', value: <><bdi>{p.place}</bdi>, {countries.name(p.countryCode)}</> },
                  { label: 'community.field.project', value: p.projectName ? <bdi>{p.projectName}</bdi> : null },
                  { label: 'community.field.budget', value: <bdi dir="ltr">{formatAmount(intl, p.budgetMinor, p.currency)} {p.currency}</bdi> },
                  { label: 'community.field.dates', value: `${formatDay(intl, p.startsOn)} – ${formatDay(intl, p.endsOn)}` },
                  { label: 'community.field.partners', value: p.partners.length ? p.partners.map((x, i) => <span key={i}>{i ? ', ' : ''}<bdi>{x.name}</bdi></span>) : null },
                ]}
              />
              <Table mt="md" captionSide="top">
                <Table.Caption><FormattedMessage id="community.field.beneficiaries" /></Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th><FormattedMessage id="community.beneficiaries.group" /></Table.Th>
                    <Table.Th><FormattedMessage id="community.sex.female" /></Table.Th>
                    <Table.Th><FormattedMessage id="community.sex.male" /></Table.Th>
                    <Table.Th><FormattedMessage id="community.sex.other" /></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(['returnees', 'community'] as const).map((group) => (
                    <Table.Tr key={group}>
                      <Table.Th scope="row"><FormattedMessage id={`community.group.${group}`} /></Table.Th>
                      {BENEFICIARY_FIELDS.filter((f) => f.startsWith(group)).map((f) => <Table.Td key={f}>{intl.formatNumber(p.beneficiaries[f])}</Table.Td>)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SectionCard>
            <Returnees project={p} onChanged={refresh} />
            <ProjectPayments project={p} />
          </Stack>
        )}
      </QueryState>
    </section>
  );
}

/** The office's community projects: filtered by status, paged; one opened below with its returnees. */
export function CommunityProjectsPage() {
  const intl = useIntl();
  const countries = useCountries();
  const me = useMe();
  const offices = useOffices();
  const [search, setSearch] = useState<{ status?: CommunityStatus; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const projects = useCommunityProjects(search);
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<{ project: CommunityProjectView | null } | null>(null);
  const officeCountry = offices.byId(me.user.officeId)?.countryCode ?? '';
  const columns: DataColumn<Summary>[] = [
    {
      id: 'title', header: 'community.field.title',
      cell: (p) => (
        <Button variant="subtle" size="compact-sm" onClick={() => setSelected(p.id)} aria-pressed={p.id === selected} aria-label={intl.formatMessage({ id: 'community.open' }, { title: p.title })}>
          <bdi>{p.title}</bdi>
        </Button>
      ),
    },
    { id: 'place', header: 'community.field.place', cell: (p) => <><bdi>{p.place}</bdi><Text size="xs" c="dimmed">{countries.name(p.countryCode)}</Text></> },
    { id: 'dates', header: 'community.field.dates', nowrap: true, cell: (p) => `${formatDay(intl, p.startsOn)} – ${formatDay(intl, p.endsOn)}` },
    { id: 'budget', header: 'community.field.budget', nowrap: true, cell: (p) => <bdi dir="ltr">{formatAmount(intl, p.budgetMinor, p.currency)} {p.currency}</bdi> },
    { id: 'status', header: 'community.field.status', nowrap: true, cell: (p) => <StatusBadge status={p.status} /> },
  ];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <PageTitle id="community.title" mb={0} />
        <Button onClick={() => setForm({ project: null })}><FormattedMessage id="community.create" /></Button>
      </Group>
      <Card withBorder padding="md">
        <NativeSelect
          label={intl.formatMessage({ id: 'community.field.status' })}
          data={[{ value: '', label: intl.formatMessage({ id: 'community.filter.any' }) }, ...COMMUNITY_STATUSES.map((s) => ({ value: s, label: intl.formatMessage({ id: `community.status.${s}` }) }))]}
          value={search.status ?? ''}
          onChange={(e) => setSearch((old) => ({ ...old, status: (e.currentTarget.value || undefined) as CommunityStatus | undefined, page: 1 }))}
          maw={320}
        />
      </Card>
      <DataTable
        columns={columns}
        rows={projects.data?.items}
        rowKey={(p) => p.id}
        loading={projects.isPending}
        fetching={projects.isFetching}
        error={projects.error}
        errorScope="community"
        empty={search.status ? 'community.noMatch' : 'community.none'}
        caption={projects.data ? <FormattedMessage id="community.caption" values={{ total: projects.data.total }} /> : null}
        paging={projects.data && {
          page: projects.data.page, pageSize: projects.data.pageSize, total: projects.data.total,
          onPage: (page) => setSearch((old) => ({ ...old, page })),
          onPageSize: (pageSize) => setSearch((old) => ({ ...old, pageSize, page: 1 })),
        }}
        minWidth={640}
      />
      {selected ? <ProjectDetails key={selected} id={selected} onEdit={(p) => setForm({ project: p })} /> : null}
      {form && <ProjectFormModal project={form.project} country={officeCountry} onClose={() => setForm(null)} onSaved={(p) => setSelected(p.id)} />}
    </Stack>
  );
}
