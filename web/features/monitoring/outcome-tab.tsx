import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CaseView } from '../../../shared/schemas/cases';
import type { MonitoringFeedbackView } from '../../../shared/schemas/monitoring-programme';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useScoreFormat } from './labels';
import { useMonitoringFeedback } from './programme-api';

/**
 * The monitoring outcome for the host office that counselled the returnee: the visits made by the
 * origin office (day, method, outcome), their scores, and the reintegration status, as the
 * returnee consented at handover. No notes, next steps or survey answers ever reach this tab.
 */
export function MonitoringOutcomeTab({ record }: { record: CaseView; etag: string }) {
  const feedback = useMonitoringFeedback(record.id);
  return (
    <QueryState query={feedback} errorScope="monitoring">
      {(f) => <Outcome f={f} />}
    </QueryState>
  );
}

function Outcome({ f }: { f: MonitoringFeedbackView }) {
  const intl = useIntl();
  const fmt = useScoreFormat();
  const day = (d: string) => intl.formatDate(`${d}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  if (f.state !== 'shared') {
    return (
      <SectionCard title="monitoring.feedback.title">
        <Text size="sm"><FormattedMessage id={`monitoring.feedback.state.${f.state}`} /></Text>
      </SectionCard>
    );
  }
  const visits = f.visits.filter((v) => v.status === 'recorded');
  return (
    <Stack>
      <SectionCard title="monitoring.feedback.title">
        <Stack gap="xs">
          <Text size="sm">
            <FormattedMessage id="monitoring.feedback.byOffice" values={{ office: <bdi>{f.originOfficeName}</bdi> }} />
          </Text>
          <Group gap="xs">
            <Text size="sm" fw={500}><FormattedMessage id="monitoring.feedback.status" /></Text>
            <Badge variant="light">{intl.formatMessage({ id: `stage.${f.stage ?? ''}` })}</Badge>
            {f.lostToFollowUp && <Badge color="orange" variant="light"><FormattedMessage id="monitoring.feedback.lost" /></Badge>}
            {f.closed && <Badge color="gray" variant="light"><FormattedMessage id="monitoring.feedback.closed" /></Badge>}
          </Group>
        </Stack>
      </SectionCard>
      <SectionCard title="monitoring.feedback.visits" values={{ count: visits.length }}>
        {visits.length ? (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Caption><FormattedMessage id="monitoring.feedback.visits" values={{ count: visits.length }} /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.visit.visitedOn" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.feedback.method" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.feedback.result" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.feedback.scores" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visits.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Th scope="row"><bdi>{v.visitedOn ? day(v.visitedOn) : ''}</bdi></Table.Th>
                    <Table.Td>{v.method ? intl.formatMessage({ id: `monitoring.method.${v.method}` }) : ''}</Table.Td>
                    <Table.Td>
                      {v.outcome ? intl.formatMessage({ id: `monitoring.outcome.${v.outcome}` }) : ''}
                      {v.notReachedReason && <> ({intl.formatMessage({ id: `monitoring.notReached.${v.notReachedReason}` })})</>}
                    </Table.Td>
                    <Table.Td>
                      {v.scores.length ? (
                        <Stack gap={2}>
                          {v.scores.map((s) => {
                            const dim = (k: string) => {
                              const x = s.dimensions.find((d) => d.key === k)?.score;
                              return x ? fmt(x) : '—';
                            };
                            return (
                              <Text size="sm" key={s.versionId}>
                                <FormattedMessage id="monitoring.visit.scoreLine" values={{ version: s.versionNumber, composite: s.composite ? fmt(s.composite) : '—', economic: dim('economic'), social: dim('social'), psychosocial: dim('psychosocial') }} />
                              </Text>
                            );
                          })}
                        </Stack>
                      ) : <Text span size="sm" c="dimmed"><FormattedMessage id="monitoring.feedback.noScores" /></Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.feedback.noVisits" /></Text>}
      </SectionCard>
    </Stack>
  );
}
