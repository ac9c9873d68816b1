import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { JobProgress } from '../../components/job-progress';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { InstrumentView } from '../../../shared/schemas/monitoring';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SectionCard } from '../../components/section-card';
import { useCountries } from '../../lib/reference';
import { programmeKeys, requestRescore, useProjectOptions, useRescoreJobs } from './programme-api';

/**
 * Re-scoring a cohort (programme managers): the visits answered under one version scored again
 * under a newer published version of the same instrument, optionally for one country or project,
 * in the background. The jobs show their progress (done of total, refused), asked again while
 * one runs.
 */
export function RescoreCard({ instruments }: { instruments: InstrumentView[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const countries = useCountries();
  const projects = useProjectOptions();
  const jobs = useRescoreJobs();
  const published = instruments.flatMap((i) => i.versions.filter((v) => v.status === 'published').map((v) => ({ ...v, instrument: i })));
  const label = (id: string) => {
    const v = published.find((x) => x.id === id);
    return v ? intl.formatMessage({ id: 'monitoring.programme.versionOption' }, { name: v.instrument.builtin ? intl.formatMessage({ id: 'monitoring.instrument.builtinName' }) : v.instrument.name, number: v.number }) : id;
  };
  const options = published.map((v) => ({ value: v.id, label: label(v.id) }));
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => requestRescore({ fromVersionId: from!, toVersionId: to!, ...(country ? { country } : {}), ...(projectId ? { projectId } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.rescoreJobs }),
  });
  const list = jobs.data ?? [];
  return (
    <SectionCard title="monitoring.rescore.title">
      <Stack>
        <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.rescore.intro" /></Text>
        <Group align="end" wrap="wrap">
          <Select label={intl.formatMessage({ id: 'monitoring.rescore.from' })} data={options} value={from} onChange={setFrom} required />
          <Select label={intl.formatMessage({ id: 'monitoring.rescore.to' })} data={options.filter((o) => o.value !== from)} value={to} onChange={setTo} required />
          <Select label={intl.formatMessage({ id: 'monitoring.programme.country' })} placeholder={intl.formatMessage({ id: 'monitoring.programme.allCountries' })} data={countries.options} value={country} onChange={setCountry} searchable clearable />
          <Select
            label={intl.formatMessage({ id: 'monitoring.rescore.project' })}
            placeholder={intl.formatMessage({ id: 'monitoring.rescore.allProjects' })}
            data={(projects.data ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
            value={projectId}
            onChange={setProjectId}
            searchable
            clearable
          />
          <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!from || !to}>
            <FormattedMessage id="monitoring.rescore.start" />
          </Button>
        </Group>
        <div aria-live="assertive">{start.error ? <ApiErrorAlert error={start.error} scope="monitoring" /> : null}</div>
        {jobs.isError ? <ApiErrorAlert error={jobs.error} scope="monitoring" /> : list.length ? (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Caption><FormattedMessage id="monitoring.rescore.jobs" /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.rescore.versions" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.rescore.cohort" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.rescore.status" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.rescore.progress" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((j) => {
                  const pct = j.total ? Math.round((j.done / j.total) * 100) : 100;
                  const progressText = intl.formatMessage({ id: 'monitoring.rescore.progressText' }, { done: j.done, total: j.total, refused: j.refused });
                  const project = projects.data?.find((p) => p.id === j.projectId);
                  return (
                    <Table.Tr key={j.id}>
                      <Table.Th scope="row"><FormattedMessage id="monitoring.rescore.fromTo" values={{ from: label(j.fromVersionId), to: label(j.toVersionId) }} /></Table.Th>
                      <Table.Td>
                        {[j.country ? countries.name(j.country) : null, project ? project.name : null].filter(Boolean).join(' · ') || intl.formatMessage({ id: 'monitoring.rescore.wholeCohort' })}
                      </Table.Td>
                      <Table.Td><Badge variant="light" color={j.status === 'done' ? 'green' : j.status === 'failed' ? 'red' : 'blue'}><FormattedMessage id={`monitoring.rescore.state.${j.status}`} /></Badge></Table.Td>
                      <Table.Td miw={200}>
                        <JobProgress label={intl.formatMessage({ id: 'monitoring.rescore.progress' })} percent={pct} text={progressText} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.rescore.none" /></Text>}
      </Stack>
    </SectionCard>
  );
}
