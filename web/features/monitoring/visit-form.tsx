import { NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  COMPONENT_USES, NOT_REACHED_REASONS, VISIT_METHODS, VISIT_OUTCOMES, recordVisitBody, type Answers, type CaseMonitoringView, type Definition, type RecordVisitBody, type VisitView,
} from '../../../shared/schemas/monitoring';
import { DateField, NativeSelectField, SchemaForm, TextareaField } from '../../components/form/schema-form';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { QueryState } from '../../components/query-state';
import { recordVisit, useSurveyVersion } from './api';
import { SurveyAnswers } from './scoring-panel';

interface Values extends Record<string, unknown> {
  method: string;
  visitedOn: string;
  outcome: string;
  notReachedReason: string;
  sensitiveNotes: string;
  nextSteps: string;
  use: Record<string, string>;
}

/**
 * Records a planned visit: how and when, the outcome, the use of each approved component, notes
 * and next steps, and (when the returnee was reached) the survey of the latest published version
 * in the user's language, with the scores computed live by `shared/monitoring`.
 */
export function VisitForm<R = CaseMonitoringView>({ visit, monitoring, today, onDone, onCancel, survey: given, submit, initial, submitLabel }: {
  visit: Pick<VisitView, 'id' | 'version' | 'plannedOn'>;
  monitoring: Pick<CaseMonitoringView, 'components'>;
  today: string;
  onDone: (result: R) => void;
  onCancel: () => void;
  /** The instrument version to answer, when it is at hand (offline: from the downloaded pack). */
  survey?: { id: string; definition: Definition } | null;
  /** Where the record goes instead of the server (offline: the encrypted store). */
  submit?: (body: RecordVisitBody) => Promise<R>;
  /** A record saved before, to edit. */
  initial?: RecordVisitBody;
  submitLabel?: string;
}) {
  const intl = useIntl();
  const [answers, setAnswers] = useState<Answers>(initial?.answers ?? {});
  const fetched = useSurveyVersion(given === undefined);
  const surveyVersion = given === undefined ? fetched.data : given;
  const state = useSchemaForm({
    schema: recordVisitBody,
    initialValues: (initial ? {
      method: initial.method, visitedOn: initial.visitedOn, outcome: initial.outcome, notReachedReason: initial.notReachedReason ?? '', sensitiveNotes: initial.sensitiveNotes ?? '',
      nextSteps: initial.nextSteps ?? '', use: Object.fromEntries((initial.componentUse ?? []).map((u) => [u.componentKey, u.use])),
    } : { method: 'on_site', visitedOn: today, outcome: 'reached', notReachedReason: '', sensitiveNotes: '', nextSteps: '', use: {} }) as Values,
    toBody: (v) => {
      const answered = Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== null && a !== undefined));
      const withSurvey = v.outcome === 'reached' && Object.keys(answered).length > 0 && surveyVersion;
      return {
        method: v.method,
        visitedOn: v.visitedOn,
        outcome: v.outcome,
        ...(v.notReachedReason ? { notReachedReason: v.notReachedReason } : {}),
        componentUse: Object.entries(v.use).filter(([, use]) => use).map(([componentKey, use]) => ({ componentKey, use })),
        ...(v.sensitiveNotes.trim() ? { sensitiveNotes: v.sensitiveNotes } : {}),
        ...(v.nextSteps.trim() ? { nextSteps: v.nextSteps } : {}),
        ...(withSurvey ? { instrumentVersionId: surveyVersion.id, answers: answered } : {}),
      };
    },
    submit: (body) => (submit ? submit(body) : (recordVisit(visit, body) as Promise<R>)),
    onSuccess: (m) => onDone(m),
  });
  const outcome = state.form.getValues().outcome;
  return (
    <SchemaForm state={state} errorScope="monitoring" submitLabel={submitLabel ?? 'monitoring.visit.save'} onCancel={onCancel}>
      <Title order={3} size="h4">
        <FormattedMessage id="monitoring.visit.formTitle" values={{ date: <bdi>{intl.formatDate(`${visit.plannedOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi> }} />
      </Title>
      <NativeSelectField name="method" label="monitoring.visit.method" options={VISIT_METHODS} optionPrefix="monitoring.method" required />
      <DateField name="visitedOn" label="monitoring.visit.visitedOn" required />
      <NativeSelectField name="outcome" label="monitoring.visit.outcome" options={VISIT_OUTCOMES} optionPrefix="monitoring.outcome" required />
      {outcome === 'not_reached' && (
        <NativeSelectField name="notReachedReason" label="monitoring.visit.notReachedReason" options={NOT_REACHED_REASONS} optionPrefix="monitoring.notReached" blank="monitoring.visit.choose" required />
      )}
      {monitoring.components.length > 0 && (
        <Table>
          <Table.Caption><FormattedMessage id="monitoring.visit.componentUse" /></Table.Caption>
          <Table.Tbody>
            {monitoring.components.map((c, i) => (
              <Table.Tr key={c.componentKey}>
                <Table.Td>
                  <NativeSelect
                    label={intl.formatMessage({ id: 'monitoring.visit.useOf' }, { n: i + 1, type: intl.formatMessage({ id: `reintegration.componentType.${c.type}` }) })}
                    data={[{ value: '', label: intl.formatMessage({ id: 'monitoring.visit.notAsked' }) }, ...COMPONENT_USES.map((u) => ({ value: u, label: intl.formatMessage({ id: `monitoring.use.${u}` }) }))]}
                    {...state.form.getInputProps(`use.${c.componentKey}`)}
                    value={(state.form.getValues().use[c.componentKey] as string | undefined) ?? ''}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <TextareaField name="sensitiveNotes" label="monitoring.visit.sensitiveNotes" hint="monitoring.visit.sensitiveHint" />
      <TextareaField name="nextSteps" label="monitoring.visit.nextSteps" />
      {outcome === 'reached' && (
        <Stack gap="xs">
          <Title order={3} size="h4"><FormattedMessage id="monitoring.visit.survey" /></Title>
          {given === undefined ? (
            <QueryState query={fetched} errorScope="monitoring">
              {(v) => <SurveyAnswers definition={v.definition as Definition} answers={answers} setAnswers={setAnswers} />}
            </QueryState>
          ) : given ? (
            <SurveyAnswers definition={given.definition} answers={answers} setAnswers={setAnswers} />
          ) : (
            <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.offline.noSurvey" /></Text>
          )}
        </Stack>
      )}
    </SchemaForm>
  );
}
