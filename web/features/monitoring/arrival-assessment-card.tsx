import { Alert, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Answers, CaseArrivalAssessment, Definition } from '../../../shared/schemas/monitoring';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField } from '../../components/date-field';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useSession } from '../../lib/session';
import { followUpKeys, recordArrivalAssessment, replaceArrivalAssessment, useArrivalAssessment } from './follow-ups-api';
import { useScoreFormat } from './labels';
import { SurveyAnswers } from './scoring-panel';

/** Who reads the arrival assessment (the server's `ARRIVAL_READERS`). */
const READERS = ['monitoring.score.read', 'monitoring.visit.record', 'reintegration.plan', 'reintegration.approve'] as const;
const AFTER_ARRIVAL = ['arrived', 'reintegration', 'monitoring', 'closed'];

/**
 * The arrival assessment on the plan tab: the sustainability survey taken at arrival, its
 * dimension scores and the weakest dimension named, so the plan can answer it; recorded (or
 * replaced with a reason) by monitoring and reintegration officers.
 */
export function ArrivalAssessmentCard({ caseId, stage }: { caseId: string; stage: string }) {
  const { canAny } = useSession();
  const show = canAny(...READERS) && AFTER_ARRIVAL.includes(stage);
  const query = useArrivalAssessment(caseId, show);
  if (!show) return null;
  return (
    <SectionCard title="monitoring.arrival.title">
      <QueryState query={query} errorScope="monitoring">
        {(data) => <ArrivalAssessmentBody caseId={caseId} data={data} />}
      </QueryState>
    </SectionCard>
  );
}

function ArrivalAssessmentBody({ caseId, data }: { caseId: string; data: CaseArrivalAssessment }) {
  const intl = useIntl();
  const fmt = useScoreFormat();
  const [editing, setEditing] = useState(false);
  const a = data.assessment;
  const dimension = (d: string) => intl.formatMessage({ id: `monitoring.dimension.${d}` });
  return (
    <Stack gap="sm">
      {a ? (
        <>
          <Text size="sm">
            <FormattedMessage
              id="monitoring.arrival.recorded"
              values={{ date: <bdi>{intl.formatDate(`${a.assessedOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi>, who: <bdi>{a.recordedByName}</bdi>, version: a.versionNumber }}
            />
          </Text>
          {a.replaceReason && <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.arrival.replacedBecause" values={{ reason: a.replaceReason }} /></Text>}
          {a.scores && (
            <Table>
              <Table.Caption><FormattedMessage id="monitoring.arrival.scoresCaption" /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.arrival.dimension" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.arrival.score" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.scores.dimensions.map((d) => (
                  <Table.Tr key={d.key}>
                    <Table.Th scope="row">{dimension(d.key)}</Table.Th>
                    <Table.Td>
                      {d.score === null ? intl.formatMessage({ id: 'monitoring.preview.noScore' }) : fmt(d.score)}
                      {d.belowThreshold && <> <FormattedMessage id="monitoring.arrival.belowThreshold" /></>}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row"><FormattedMessage id="monitoring.preview.composite" /></Table.Th>
                  <Table.Td>{a.scores.composite === null ? intl.formatMessage({ id: 'monitoring.preview.noScore' }) : fmt(a.scores.composite)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          )}
          {a.weakestDimension && (
            <Alert color="orange" title={intl.formatMessage({ id: 'monitoring.arrival.weakestTitle' })}>
              <FormattedMessage id="monitoring.arrival.weakest" values={{ dimension: dimension(a.weakestDimension) }} />
            </Alert>
          )}
        </>
      ) : <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.arrival.none" /></Text>}
      {data.canRecord && data.survey && !editing && (
        <Button w="fit-content" variant={a ? 'default' : 'filled'} onClick={() => setEditing(true)}>
          <FormattedMessage id={a ? 'monitoring.arrival.replace' : 'monitoring.arrival.record'} />
        </Button>
      )}
      {data.canRecord && data.survey && editing && <AssessmentForm caseId={caseId} data={data} onDone={() => setEditing(false)} />}
    </Stack>
  );
}

function AssessmentForm({ caseId, data, onDone }: { caseId: string; data: CaseArrivalAssessment; onDone: () => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const survey = data.survey!;
  const current = data.assessment;
  const [assessedOn, setAssessedOn] = useState(new Date().toISOString().slice(0, 10));
  const [answers, setAnswers] = useState<Answers>({});
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== undefined)) as Answers;
      const body = { assessedOn, instrumentVersionId: survey.id, answers: given };
      return current ? replaceArrivalAssessment(current, { ...body, reason }) : recordArrivalAssessment(caseId, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: followUpKeys.arrival(caseId) });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      aria-label={intl.formatMessage({ id: current ? 'monitoring.arrival.replace' : 'monitoring.arrival.record' })}
    >
      <Stack gap="sm">
        <DateField label={intl.formatMessage({ id: 'monitoring.arrival.assessedOn' })} required value={assessedOn} onChange={setAssessedOn} />
        <SurveyAnswers definition={survey.definition as Definition} answers={answers} setAnswers={setAnswers} />
        {current && <Textarea label={intl.formatMessage({ id: 'monitoring.arrival.reason' })} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />}
        <div aria-live="assertive">{save.error ? <ApiErrorAlert error={save.error} scope="monitoring" /> : null}</div>
        <Group>
          <Button type="submit" loading={save.isPending}><FormattedMessage id="monitoring.arrival.save" /></Button>
          <Button variant="default" onClick={onDone}><FormattedMessage id="common.cancel" /></Button>
        </Group>
      </Stack>
    </form>
  );
}
