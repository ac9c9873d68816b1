import { NativeSelect, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  COMPONENT_USES, NOT_REACHED_REASONS, VISIT_METHODS, VISIT_OUTCOMES, recordVisitBody, type Answers, type CaseMonitoringView, type Definition, type VisitView,
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
export function VisitForm({ visit, monitoring, today, onDone, onCancel }: {
  visit: VisitView; monitoring: CaseMonitoringView; today: string; onDone: (m: CaseMonitoringView) => void; onCancel: () => void;
}) {
  const intl = useIntl();
  const [answers, setAnswers] = useState<Answers>({});
  const survey = useSurveyVersion(true);
  const state = useSchemaForm({
    schema: recordVisitBody,
    initialValues: { method: 'on_site', visitedOn: today, outcome: 'reached', notReachedReason: '', sensitiveNotes: '', nextSteps: '', use: {} } as Values,
    toBody: (v) => {
      const given = Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== null && a !== undefined));
      const withSurvey = v.outcome === 'reached' && Object.keys(given).length > 0 && survey.data;
      return {
        method: v.method,
        visitedOn: v.visitedOn,
        outcome: v.outcome,
        ...(v.notReachedReason ? { notReachedReason: v.notReachedReason } : {}),
        componentUse: Object.entries(v.use).filter(([, use]) => use).map(([componentKey, use]) => ({ componentKey, use })),
        ...(v.sensitiveNotes.trim() ? { sensitiveNotes: v.sensitiveNotes } : {}),
        ...(v.nextSteps.trim() ? { nextSteps: v.nextSteps } : {}),
        ...(withSurvey ? { instrumentVersionId: survey.data!.id, answers: given } : {}),
      };
    },
    submit: (body) => recordVisit(visit, body),
    onSuccess: (m) => onDone(m),
  });
  const outcome = state.form.getValues().outcome;
  return (
    <SchemaForm state={state} errorScope="monitoring" submitLabel="monitoring.visit.save" onCancel={onCancel}>
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
          <QueryState query={survey} errorScope="monitoring">
            {(v) => <SurveyAnswers definition={v.definition as Definition} answers={answers} setAnswers={setAnswers} />}
          </QueryState>
        </Stack>
      )}
    </SchemaForm>
  );
}
