import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../lib/dates';
import { ProjectScheduleCard } from '../monitoring';
import { createRulesDraft, eligibilityKeys, publishRules, saveRules, useProject, useRulesVersions } from './api';
import type { RulesVersion } from './model';
import { RulesEditor, type RulesDraft } from './rules-editor';

function VersionEditor({ version, projectId }: { version: RulesVersion; projectId: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RulesDraft>({ criteria: version.criteria, entitlements: version.entitlements, notes: version.notes });
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: eligibilityKeys.rules(projectId) }),
    queryClient.invalidateQueries({ queryKey: eligibilityKeys.projects }),
  ]);
  const save = useMutation({
    mutationFn: () => saveRules(version, draft),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('eligibility.rules.saved') });
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      const saved = await saveRules(version, draft);
      return publishRules(saved);
    },
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('eligibility.rules.published', { version: version.rulesVersion }) });
    },
    onError: refresh,
  });
  const isDraft = version.status === 'draft';
  return (
    <Stack>
      {!isDraft && (
        <Alert color="blue"><FormattedMessage id="eligibility.rules.immutable" /></Alert>
      )}
      <div aria-live="assertive">
        {save.error ? <ApiErrorAlert scope="eligibility" error={save.error} /> : null}
        {publish.error ? <ApiErrorAlert scope="eligibility" error={publish.error} /> : null}
      </div>
      <RulesEditor value={draft} onChange={setDraft} disabled={!isDraft} />
      {isDraft && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
            <FormattedMessage id="eligibility.rules.saveDraft" />
          </Button>
          <Button onClick={() => publish.mutate()} loading={publish.isPending}>
            <FormattedMessage id="eligibility.rules.publish" />
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Administration: the versions of a project's rules, the structured editor, publishing. */
export function RulesPage() {
  const intl = useIntl();
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const versions = useRulesVersions(projectId);
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createRulesDraft(projectId),
    onSuccess: async (v) => {
      await queryClient.invalidateQueries({ queryKey: eligibilityKeys.rules(projectId) });
      setSelected(v.id);
    },
  });
  const list = versions.data ?? [];
  const current = list.find((v) => v.id === selected) ?? list[0] ?? null;
  const hasDraft = list.some((v) => v.status === 'draft');
  return (
    <Stack>
      <Group>
        <Button component={Link} to="/admin/projects" variant="subtle" size="compact-sm">
          <FormattedMessage id="eligibility.rules.backToProjects" />
        </Button>
      </Group>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="eligibility.rules.title" values={{ code: project.data?.code ?? '', name: project.data?.name ?? '' }} />
        {!hasDraft && !versions.isPending && (
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            <FormattedMessage id={list.length ? 'eligibility.rules.newDraft' : 'eligibility.rules.firstDraft'} />
          </Button>
        )}
      </Group>
      <div aria-live="assertive">{create.error ? <ApiErrorAlert scope="eligibility" error={create.error} /> : null}</div>
      {project.isError && <ApiErrorAlert error={project.error} />}
      {versions.isPending ? (
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : versions.isError ? (
        <ApiErrorAlert error={versions.error} />
      ) : list.length === 0 ? (
        <Text c="dimmed"><FormattedMessage id="eligibility.rules.noVersions" /></Text>
      ) : (
        <>
          <div className="table-scroll">
            <Table striped highlightOnHover>
              <Table.Caption><FormattedMessage id="eligibility.rules.versionsCaption" /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="eligibility.rules.version" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="eligibility.projects.status" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="eligibility.rules.created" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="eligibility.rules.publishedAt" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((v) => (
                  <Table.Tr key={v.id} aria-current={current?.id === v.id ? 'true' : undefined}>
                    <Table.Td>{v.rulesVersion}</Table.Td>
                    <Table.Td>
                      <Badge color={v.status === 'draft' ? 'yellow' : 'green'} variant="light" tt="none">
                        <FormattedMessage id={`eligibility.rules.status.${v.status}`} />
                      </Badge>
                    </Table.Td>
                    <Table.Td><bdi>{formatMoment(intl, v.createdAt)}</bdi> · <bdi>{v.createdByName}</bdi></Table.Td>
                    <Table.Td>{v.publishedAt ? <><bdi>{formatMoment(intl, v.publishedAt)}</bdi> · <bdi>{v.publishedByName ?? ''}</bdi></> : '—'}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant={current?.id === v.id ? 'filled' : 'light'} onClick={() => setSelected(v.id)}>
                        <FormattedMessage id="eligibility.rules.open" values={{ version: v.rulesVersion, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {current && <VersionEditor key={`${current.id}.${current.version}`} version={current} projectId={projectId} />}
        </>
      )}
      {projectId && <ProjectScheduleCard projectId={projectId} />}
    </Stack>
  );
}
