import { Badge, Button, Group, List, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import type { CaseView } from '../../../shared/schemas/cases';
import type { CaseMonitoringView, ImportedScoreView, VisitView } from '../../../shared/schemas/monitoring';
import { LineChartFigure, type ChartSeries } from '../../components/charts';
import { ConfirmAction } from '../../components/confirm-action';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useSession } from '../../lib/session';
import { caseKeys } from '../cases';
import { closeMonitoredCase, useCaseMonitoring, visitKeys } from './api';
import { useLocalized, useScoreFormat } from './labels';
import { VisitForm } from './visit-form';
import { FollowUpActions, useMayChangeFollowUp } from './follow-up-actions';
import { useArrivalAssessment } from './follow-ups-api';

/** The Monitoring tab of a case: schedule, visits with their scores, the trend, follow-ups, and closing. */
export function MonitoringTab({ record }: { record: CaseView; etag: string }) {
  const monitoring = useCaseMonitoring(record.id);
  return (
    <QueryState query={monitoring} errorScope="monitoring">
      {(m) => <MonitoringView m={m} />}
    </QueryState>
  );
}

const latestScore = (v: VisitView) => (v.scores?.length ? v.scores[v.scores.length - 1]! : null);

function MonitoringView({ m }: { m: CaseMonitoringView }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const open = params.get('visit');
  const openVisit = m.visits.find((v) => v.id === open && v.status === 'planned') ?? null;
  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('visit', id);
    else next.delete('visit');
    setParams(next, { replace: true });
  };
  const day = (d: string) => <bdi>{intl.formatDate(`${d}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi>;
  const done = async (next: CaseMonitoringView) => {
    queryClient.setQueryData(visitKeys.caseMonitoring(m.caseId), next);
    setOpen(null);
    await queryClient.invalidateQueries({ queryKey: ['monitoring', 'worklist'] });
  };
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Stack>
      <SectionCard title="monitoring.schedule.title">
        <Stack gap={4}>
          <Text size="sm">
            <FormattedMessage
              id="monitoring.schedule.summary"
              values={{
                anchor: intl.formatMessage({ id: `monitoring.anchor.${m.anchor}` }),
                date: day(m.anchorDate),
                offsets: intl.formatList(m.offsetsMonths.map((o) => intl.formatNumber(o))),
              }}
            />
          </Text>
          <Text size="sm" c="dimmed"><FormattedMessage id={m.source === 'imported' ? 'imports.visits.scheduleSource' : `monitoring.schedule.source.${m.source}`} /></Text>
          {m.changeReason && <Text size="sm"><FormattedMessage id="monitoring.schedule.reason" values={{ reason: m.changeReason }} /></Text>}
          {m.lostToFollowUpAt && <Badge color="red" variant="filled" w="fit-content"><FormattedMessage id="monitoring.lostToFollowUp" /></Badge>}
          {m.closingSummary && <Text size="sm"><FormattedMessage id="monitoring.closing.summaryShown" values={{ summary: m.closingSummary }} /></Text>}
        </Stack>
      </SectionCard>
      {openVisit && (
        <SectionCard title="monitoring.visit.recordTitle">
          <VisitForm visit={openVisit} monitoring={m} today={today} onDone={done} onCancel={() => setOpen(null)} />
        </SectionCard>
      )}
      <VisitsCard m={m} onRecord={(id) => setOpen(id)} canRecord={can('monitoring.visit.record')} />
      <TrendCard m={m} />
      <FollowUpsCard m={m} />
      {m.canClose && can('case.close') && <CloseCard m={m} onClosed={() => queryClient.invalidateQueries({ queryKey: caseKeys.detail(m.caseId) })} />}
    </Stack>
  );
}

function VisitsCard({ m, onRecord, canRecord }: { m: CaseMonitoringView; onRecord: (id: string) => void; canRecord: boolean }) {
  const intl = useIntl();
  const fmt = useScoreFormat();
  const day = (d: string) => <bdi>{intl.formatDate(`${d}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi>;
  const dims = ['economic', 'social', 'psychosocial'] as const;
  const imported = (score: ImportedScoreView, key: (typeof dims)[number]) => {
    const d = score.dimensions.find((x) => x.key === key)?.score ?? null;
    return d === null ? '—' : fmt(d);
  };
  return (
    <SectionCard title="monitoring.visits.title">
      <Table.ScrollContainer minWidth={720}>
        <Table>
          <Table.Caption><FormattedMessage id="monitoring.visits.title" /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="monitoring.visit.plannedOn" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="monitoring.visit.status" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="monitoring.visit.outcome" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="monitoring.visit.scores" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="monitoring.visit.action" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.visits.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Th scope="row">{day(v.plannedOn)}</Table.Th>
                <Table.Td>
                  {v.legacySource
                    ? <Badge variant="light" color="gray"><FormattedMessage id="imports.visits.history.badge" values={{ source: <bdi>{v.legacySource}</bdi> }} /></Badge>
                    : <FormattedMessage id={`monitoring.visitStatus.${v.status}`} />}
                </Table.Td>
                <Table.Td>
                  {v.outcome ? (
                    <Stack gap={2}>
                      <Text size="sm">
                        <FormattedMessage id={`monitoring.outcome.${v.outcome}`} />
                        {v.notReachedReason && <> — <FormattedMessage id={`monitoring.notReached.${v.notReachedReason}`} /></>}
                      </Text>
                      {v.visitedOn && <Text size="xs" c="dimmed">{day(v.visitedOn)} · <FormattedMessage id={`monitoring.method.${v.method}`} /></Text>}
                      {v.nextSteps && <Text size="xs"><FormattedMessage id="monitoring.visit.nextStepsShown" values={{ text: v.nextSteps }} /></Text>}
                      {v.sensitiveNotes && <Text size="xs" c="red.9"><FormattedMessage id="monitoring.visit.sensitiveShown" values={{ text: v.sensitiveNotes }} /></Text>}
                    </Stack>
                  ) : '—'}
                </Table.Td>
                <Table.Td>
                  {(v.scores ?? []).map((s) => (
                    <Text size="sm" key={s.versionId} data-testid="visit-score">
                      <FormattedMessage
                        id="monitoring.visit.scoreLine"
                        values={{
                          version: s.versionNumber,
                          composite: s.composite === null ? '—' : fmt(s.composite),
                          economic: fmt(s.dimensions.find((d) => d.key === dims[0])?.score ?? '0'),
                          social: fmt(s.dimensions.find((d) => d.key === dims[1])?.score ?? '0'),
                          psychosocial: fmt(s.dimensions.find((d) => d.key === dims[2])?.score ?? '0'),
                        }}
                      />
                    </Text>
                  ))}
                  {v.importedScore && (
                    // Scores the old system gave, under no instrument version of Homeward: shown apart, never in the trend.
                    <Text size="sm" data-testid="visit-imported-score">
                      <FormattedMessage
                        id="imports.visits.history.scoreLine"
                        values={{
                          source: <bdi>{v.importedScore.source}</bdi>,
                          composite: v.importedScore.composite === null ? '—' : fmt(v.importedScore.composite),
                          economic: imported(v.importedScore, dims[0]),
                          social: imported(v.importedScore, dims[1]),
                          psychosocial: imported(v.importedScore, dims[2]),
                        }}
                      />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {v.status === 'planned' && canRecord && (
                    <Button size="xs" variant="light" onClick={() => onRecord(v.id)}>
                      <FormattedMessage id="monitoring.visit.recordButton" values={{ date: day(v.plannedOn) }} />
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}

function TrendCard({ m }: { m: CaseMonitoringView }) {
  const intl = useIntl();
  const fmt = useScoreFormat();
  const { canAny } = useSession();
  // The arrival assessment is the trend's baseline, its first point.
  const arrival = useArrivalAssessment(m.caseId, canAny('monitoring.score.read', 'monitoring.visit.record'));
  const baseline = arrival.data?.assessment?.scores ? { visitedOn: arrival.data.assessment.assessedOn, score: arrival.data.assessment.scores } : null;
  const scored = m.visits.filter((v) => latestScore(v) && v.visitedOn);
  if (!scored.length && !baseline) return null;
  const series: ChartSeries[] = [
    { key: 'economic', label: intl.formatMessage({ id: 'monitoring.dimension.economic' }), color: 'blue.8' },
    { key: 'social', label: intl.formatMessage({ id: 'monitoring.dimension.social' }), color: 'orange.9' },
    { key: 'psychosocial', label: intl.formatMessage({ id: 'monitoring.dimension.psychosocial' }), color: 'teal.9' },
    { key: 'composite', label: intl.formatMessage({ id: 'monitoring.preview.composite' }), color: 'grape.8' },
  ];
  const points = [...(baseline ? [{ ...baseline, baseline: true }] : []), ...scored.map((v) => ({ visitedOn: v.visitedOn!, score: latestScore(v)!, baseline: false }))];
  const rows = points.map((p) => {
    const s = p.score;
    const cell = (x: string | null) => (x === null ? undefined : { value: Number(x), text: fmt(x) });
    const values: Record<string, { value: number; text: string }> = {};
    for (const d of s.dimensions) {
      const c = cell(d.score);
      if (c) values[d.key] = c;
    }
    const c = cell(s.composite);
    if (c) values.composite = c;
    const date = intl.formatDate(`${p.visitedOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    return { category: p.baseline ? intl.formatMessage({ id: 'monitoring.arrival.baselinePoint' }, { date }) : date, values };
  });
  return (
    <SectionCard title="monitoring.trend.title">
      <LineChartFigure
        title={intl.formatMessage({ id: 'monitoring.trend.title' })}
        description={intl.formatMessage({ id: 'monitoring.trend.description' })}
        categoryLabel={intl.formatMessage({ id: 'monitoring.visit.visitedOn' })}
        series={series}
        rows={rows}
        yDomain={[0, 1]}
      />
    </SectionCard>
  );
}

function FollowUpsCard({ m }: { m: CaseMonitoringView }) {
  const intl = useIntl();
  const pick = useLocalized();
  const mayChange = useMayChangeFollowUp();
  const day = (d: string) => <bdi>{intl.formatDate(`${d}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi>;
  return (
    <SectionCard title="monitoring.followUps.title">
      {m.followUps.length ? (
        <List listStyleType="none" spacing="sm" aria-label={intl.formatMessage({ id: 'monitoring.followUps.title' })}>
          {m.followUps.map((f) => (
            <List.Item key={f.id}>
              <Stack gap={4}>
                <Group gap="xs">
                  <Badge variant="light">{intl.formatMessage({ id: `monitoring.trigger.action.${f.kind}` })}</Badge>
                  <Text size="sm">{pick(f.label)}</Text>
                  <Badge color={f.status === 'done' ? 'green' : 'gray'} variant="outline">{intl.formatMessage({ id: `monitoring.followUps.status.${f.status}` })}</Badge>
                  <Text size="xs" c="dimmed">
                    <FormattedMessage id="monitoring.followUps.due" values={{ owner: <bdi>{f.ownerName}</bdi>, date: day(f.dueOn) }} />
                  </Text>
                </Group>
                {f.dueChangeReason && <Text size="xs"><FormattedMessage id="monitoring.followUps.dueChanged" values={{ reason: f.dueChangeReason }} /></Text>}
                {f.status === 'done' && (
                  <Text size="sm">
                    <FormattedMessage id="monitoring.followUps.outcome" values={{ who: <bdi>{f.doneByName ?? ''}</bdi>, note: f.outcomeNote ?? '' }} />
                    {f.referredProviderName && <> <FormattedMessage id="monitoring.followUps.referredTo" values={{ provider: <bdi>{f.referredProviderName}</bdi> }} /></>}
                    {f.protectionMeasure && <> <FormattedMessage id="monitoring.followUps.measureTaken" values={{ measure: f.protectionMeasure }} /></>}
                  </Text>
                )}
                {f.status === 'open' && mayChange(f) && <FollowUpActions followUp={f} onChanged={() => undefined} />}
              </Stack>
            </List.Item>
          ))}
        </List>
      ) : <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.followUps.none" /></Text>}
    </SectionCard>
  );
}

function CloseCard({ m, onClosed }: { m: CaseMonitoringView; onClosed: () => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [summary, setSummary] = useState('');
  const close = useMutation({
    mutationFn: () => closeMonitoredCase({ caseId: m.caseId, version: m.version }, summary),
    onSuccess: (next) => {
      queryClient.setQueryData(visitKeys.caseMonitoring(m.caseId), next);
      setOpened(false);
      onClosed();
    },
  });
  return (
    <SectionCard title="monitoring.closing.title">
      <Text size="sm"><FormattedMessage id="monitoring.closing.intro" /></Text>
      <Button mt="sm" color="red" onClick={() => setOpened(true)} w="fit-content"><FormattedMessage id="monitoring.closing.open" /></Button>
      <ConfirmAction
        opened={opened}
        onCancel={() => setOpened(false)}
        onConfirm={() => close.mutate()}
        title="monitoring.closing.title"
        body="monitoring.closing.body"
        confirmLabel="monitoring.closing.confirm"
        color="red"
        pending={close.isPending}
        error={close.error}
        errorScope="monitoring"
      >
        <Textarea label={intl.formatMessage({ id: 'monitoring.closing.summary' })} required value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} />
      </ConfirmAction>
    </SectionCard>
  );
}
