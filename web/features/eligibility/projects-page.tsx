import { Badge, Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { formatDay } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useProjects } from './api';
import type { Project } from './model';
import { formatMinor } from './money';
import { ProjectFormModal } from './project-form-modal';

const STATUS_COLOR = { draft: 'gray', active: 'green', closed: 'dark' } as const;

/** Administration: projects, their donors and shares, their rules. */
export function ProjectsPage() {
  const intl = useIntl();
  const { name } = useCountries();
  const projects = useProjects();
  const [dialog, setDialog] = useState<{ project: Project | null } | null>(null);
  const countries = (codes: string[]) => codes.map(name).join(', ');
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="eligibility.projects.title" />
        <Button onClick={() => setDialog({ project: null })}>
          <FormattedMessage id="eligibility.projects.create" />
        </Button>
      </Group>
      {projects.isPending ? (
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : projects.isError ? (
        <ApiErrorAlert error={projects.error} />
      ) : (
        <div className="table-scroll">
          <Table striped highlightOnHover>
            <Table.Caption>
              <FormattedMessage id="eligibility.projects.caption" values={{ count: projects.data.length }} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.code" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.name" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.status" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.period" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.countries" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.donors" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.budget" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="eligibility.projects.rules" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td className="ltr-value">{p.code}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[p.status]} variant="light" tt="none"><FormattedMessage id={`eligibility.projectStatus.${p.status}`} /></Badge>
                  </Table.Td>
                  <Table.Td>{formatDay(intl, p.startsOn)} – {formatDay(intl, p.endsOn)}</Table.Td>
                  <Table.Td>
                    <Text size="sm"><FormattedMessage id="eligibility.projects.hostShort" values={{ list: countries(p.hostCountries) }} /></Text>
                    <Text size="sm"><FormattedMessage id="eligibility.projects.returnShort" values={{ list: countries(p.returnCountries) }} /></Text>
                  </Table.Td>
                  <Table.Td>
                    {p.donors.length === 0 ? '—' : p.donors.map((d) => (
                      <Text size="sm" key={d.name}>{d.name} ({intl.formatNumber(d.sharePercent / 100, { style: 'percent', maximumFractionDigits: 2 })})</Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{formatMinor(intl, p.budgetMinor, p.currency)}</Table.Td>
                  <Table.Td>
                    {p.publishedRulesVersion ? (
                      <FormattedMessage id="eligibility.projects.rulesVersion" values={{ version: p.publishedRulesVersion }} />
                    ) : (
                      <FormattedMessage id="eligibility.projects.noRules" />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setDialog({ project: p })}>
                        <FormattedMessage id="eligibility.projects.edit" values={{ name: p.code, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
                      </Button>
                      <Button size="compact-sm" variant="subtle" component={Link} to={`/admin/projects/${p.id}/rules`}>
                        <FormattedMessage id="eligibility.projects.openRules" values={{ name: p.code, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {dialog && <ProjectFormModal project={dialog.project} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
