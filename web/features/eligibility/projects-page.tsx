import { Badge, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { formatDay } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useProjects } from './api';
import type { Project } from './model';
import { formatMinor } from './money';
import { ProjectFormModal } from './project-form-modal';
import { UnsafePlacesModal } from '../payments';

const STATUS_COLOR = { draft: 'gray', active: 'green', closed: 'dark' } as const;

/** Administration: projects, their donors and shares, their rules. */
export function ProjectsPage() {
  const intl = useIntl();
  const { name } = useCountries();
  const projects = useProjects();
  const [dialog, setDialog] = useState<{ project: Project | null } | null>(null);
  const [unsafePlaces, setUnsafePlaces] = useState<Project | null>(null);
  const countries = (codes: string[]) => codes.map(name).join(', ');
  const columns: DataColumn<Project>[] = [
    { id: 'code', header: 'eligibility.projects.code', cell: (p) => <span className="ltr-value">{p.code}</span> },
    { id: 'name', header: 'eligibility.projects.name', cell: (p) => <bdi>{p.name}</bdi> },
    {
      id: 'status',
      header: 'eligibility.projects.status',
      cell: (p) => (
        <Badge color={STATUS_COLOR[p.status]} variant="light" tt="none"><FormattedMessage id={`eligibility.projectStatus.${p.status}`} /></Badge>
      ),
    },
    { id: 'period', header: 'eligibility.projects.period', cell: (p) => <><bdi>{formatDay(intl, p.startsOn)}</bdi> – <bdi>{formatDay(intl, p.endsOn)}</bdi></> },
    {
      id: 'countries',
      header: 'eligibility.projects.countries',
      cell: (p) => (
        <>
          <Text size="sm"><FormattedMessage id="eligibility.projects.hostShort" values={{ list: countries(p.hostCountries) }} /></Text>
          <Text size="sm"><FormattedMessage id="eligibility.projects.returnShort" values={{ list: countries(p.returnCountries) }} /></Text>
        </>
      ),
    },
    {
      id: 'donors',
      header: 'eligibility.projects.donors',
      cell: (p) =>
        p.donors.length === 0
          ? '—'
          : p.donors.map((d) => (
              <Text size="sm" key={d.name}><bdi>{d.name}</bdi> ({intl.formatNumber(d.sharePercent / 100, { style: 'percent', maximumFractionDigits: 2 })})</Text>
            )),
    },
    { id: 'budget', header: 'eligibility.projects.budget', nowrap: true, cell: (p) => formatMinor(intl, p.budgetMinor, p.currency) },
    {
      id: 'rules',
      header: 'eligibility.projects.rules',
      cell: (p) =>
        p.publishedRulesVersion ? (
          <FormattedMessage id="eligibility.projects.rulesVersion" values={{ version: p.publishedRulesVersion }} />
        ) : (
          <FormattedMessage id="eligibility.projects.noRules" />
        ),
    },
  ];
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="eligibility.projects.title" />
        <Button onClick={() => setDialog({ project: null })}>
          <FormattedMessage id="eligibility.projects.create" />
        </Button>
      </Group>
      <DataTable
        columns={columns}
        rows={projects.data}
        rowKey={(p) => p.id}
        error={projects.error}
        empty="common.nothingFound"
        caption={<FormattedMessage id="eligibility.projects.caption" values={{ count: projects.data?.length ?? 0 }} />}
        rowActions={(p) => (
          <Group gap="xs" wrap="nowrap">
            <Button size="compact-sm" variant="light" onClick={() => setDialog({ project: p })}>
              <FormattedMessage id="eligibility.projects.edit" values={{ name: <bdi>{p.code}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
            </Button>
            <Button size="compact-sm" variant="subtle" component={Link} to={`/admin/projects/${p.id}/rules`}>
              <FormattedMessage id="eligibility.projects.openRules" values={{ name: <bdi>{p.code}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => setUnsafePlaces(p)}>
              <FormattedMessage id="payments.unsafePlaces.open" values={{ name: <bdi>{p.code}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
            </Button>
          </Group>
        )}
      />
      {dialog && <ProjectFormModal project={dialog.project} onClose={() => setDialog(null)} />}
      {unsafePlaces && <UnsafePlacesModal project={unsafePlaces} onClose={() => setUnsafePlaces(null)} />}
    </Stack>
  );
}
