import { Anchor, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { Pager } from '../../components/data-table/pager';
import { PageTitle } from '../../components/page-title';
import { formatDay } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { decideDuplicate, useDuplicates, useRun, type ImportDuplicateView } from './api';
import { personName } from '../../lib/erased';

type Candidate = ImportDuplicateView['candidates'][number];

const fullName = personName;

/** A name as recorded, and in its original script when there is one, each isolated. */
function Names({ person }: { person: { givenName: string | null; familyName: string | null; originalScriptName: string | null } }) {
  return (
    <Stack gap={0}>
      <bdi>{fullName(person)}</bdi>
      {person.originalScriptName ? <Text size="sm" c="dimmed"><bdi dir="auto">{person.originalScriptName}</bdi></Text> : null}
    </Stack>
  );
}

function DuplicateCard({ runId, item, canDecide }: { runId: string; item: ImportDuplicateView; canDecide: boolean }) {
  const intl = useIntl();
  // A finished dry run keeps no names (its staged rows are gone): the row is named by its id in the old system.
  const itemName = fullName(item) || intl.formatMessage({ id: 'imports.duplicates.unnamed' }, { id: item.legacyId ?? '' });
  const countries = useCountries();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (v: { candidate: Candidate; decision: 'same' | 'different' }) => decideDuplicate(runId, item.line, v.candidate.personId, v.decision),
    onSuccess: async (_v, { decision }) => {
      notifications.show({ color: 'green', message: intl.formatMessage({ id: `imports.duplicates.recorded.${decision}` }, { name: itemName }) });
      await queryClient.invalidateQueries({ queryKey: ['imports', 'runs', runId, 'duplicates'] });
    },
  });
  const columns: DataColumn<Candidate>[] = [
    { id: 'name', header: 'imports.duplicates.name', cell: (c) => <Names person={c} /> },
    { id: 'birth', header: 'imports.duplicates.birthDate', cell: (c) => formatDay(intl, c.birthDate), nowrap: true },
    { id: 'nationality', header: 'imports.duplicates.nationality', cell: (c) => countries.name(c.nationality) },
    { id: 'case', header: 'imports.duplicates.case', cell: (c) => (c.caseId ? <Anchor component={Link} to={`/cases/${c.caseId}`}><bdi>{c.caseNumber}</bdi></Anchor> : null) },
    { id: 'score', header: 'imports.duplicates.score', cell: (c) => intl.formatNumber(c.score, { style: 'percent' }), nowrap: true },
    {
      id: 'decision', header: 'imports.duplicates.decision',
      cell: (c) => (c.decision ? <Badge variant="light" tt="none" color={c.decision === 'same' ? 'orange' : 'gray'}><FormattedMessage id={`imports.duplicates.decision.${c.decision}`} /></Badge> : <FormattedMessage id="imports.duplicates.undecided" />),
    },
  ];
  const headingId = `dup-${item.line}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          <FormattedMessage id="imports.duplicates.imported" values={{ name: <bdi>{itemName}</bdi>, line: item.line }} />
        </Title>
        <Group gap="lg" wrap="wrap">
          {item.originalScriptName ? <Text size="sm"><bdi dir="auto">{item.originalScriptName}</bdi></Text> : null}
          <Text size="sm"><FormattedMessage id="imports.duplicates.birthDate" />: {formatDay(intl, item.birthDate)}</Text>
          <Text size="sm"><FormattedMessage id="imports.duplicates.nationality" />: {countries.name(item.nationality)}</Text>
          {item.caseId ? <Anchor size="sm" component={Link} to={`/cases/${item.caseId}`}><FormattedMessage id="imports.duplicates.importedCase" values={{ number: <bdi>{item.caseNumber}</bdi> }} /></Anchor> : null}
        </Group>
        {decide.error ? <ApiErrorAlert error={decide.error} scope="imports" /> : null}
        <DataTable
          caption={<FormattedMessage id="imports.duplicates.candidates" values={{ name: <bdi>{itemName}</bdi> }} />}
          columns={columns}
          rows={item.candidates}
          rowKey={(c) => c.personId}
          empty="imports.duplicates.noCandidate"
          rowActions={canDecide ? (c) => (
            <Group gap="xs" wrap="nowrap">
              <Button size="compact-sm" variant={c.decision === 'different' ? 'filled' : 'light'} color="gray" loading={decide.isPending && decide.variables?.candidate.personId === c.personId && decide.variables.decision === 'different'}
                aria-pressed={c.decision === 'different'} onClick={() => decide.mutate({ candidate: c, decision: 'different' })}
                aria-label={intl.formatMessage({ id: 'imports.duplicates.markDifferentFor' }, { name: itemName, other: fullName(c) })}>
                <FormattedMessage id="imports.duplicates.markDifferent" />
              </Button>
              <Button size="compact-sm" variant={c.decision === 'same' ? 'filled' : 'light'} color="orange" loading={decide.isPending && decide.variables?.candidate.personId === c.personId && decide.variables.decision === 'same'}
                aria-pressed={c.decision === 'same'} onClick={() => decide.mutate({ candidate: c, decision: 'same' })}
                aria-label={intl.formatMessage({ id: 'imports.duplicates.markSameFor' }, { name: itemName, other: fullName(c) })}>
                <FormattedMessage id="imports.duplicates.markSame" />
              </Button>
            </Group>
          ) : undefined}
        />
      </Stack>
    </Card>
  );
}

/** The review of an import's possible duplicates: per imported person, the existing persons they look like. */
export function DuplicatesPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const list = useDuplicates(id, open, page);
  const finishedImport = run.data?.mode === 'import' && !['queued', 'running'].includes(run.data.status);
  return (
    <Stack gap="md">
      <PageTitle id="imports.duplicates.title" />
      <Anchor component={Link} to="/imports"><FormattedMessage id="imports.duplicates.back" /></Anchor>
      <Text><FormattedMessage id="imports.duplicates.help" /></Text>
      {run.data && !finishedImport ? <Text c="dimmed"><FormattedMessage id="imports.duplicates.dryRun" /></Text> : null}
      <Switch label={<FormattedMessage id="imports.duplicates.onlyOpen" />} checked={open} onChange={(e) => { setOpen(e.currentTarget.checked); setPage(1); }} />
      {list.error ? <ApiErrorAlert error={list.error} scope="imports" /> : null}
      {list.data && list.data.items.length === 0 ? <Text><FormattedMessage id="imports.duplicates.none" /></Text> : null}
      {list.data?.items.map((item) => <DuplicateCard key={item.line} runId={id} item={item} canDecide={finishedImport} />)}
      {list.data && list.data.total > 10 ? <Pager page={page} pageSize={10} total={list.data.total} onPage={setPage} /> : null}
    </Stack>
  );
}
