import { Alert, Badge, Button, Checkbox, Group, List, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { checkAnswers, scoreAnswers } from '../../../shared/monitoring';
import type { Answers, Definition, Question } from '../../../shared/schemas/monitoring';
import { SectionCard } from '../../components/section-card';
import { useLocalized, useScoreFormat } from './labels';

/**
 * The preview and scoring test: the manager answers the questions and sees the scores computed by
 * the same code as the server's (`shared/monitoring`), live. Nothing is saved.
 */
export function ScoringPanel({ definition }: { definition: Definition | null }) {
  const [answers, setAnswers] = useState<Answers>({});
  return (
    <SectionCard
      title="monitoring.preview.title"
      actions={<Button variant="default" size="xs" onClick={() => setAnswers({})}><FormattedMessage id="monitoring.preview.reset" /></Button>}
    >
      {definition ? <SurveyAnswers definition={definition} answers={answers} setAnswers={setAnswers} /> : (
        <Alert color="yellow"><FormattedMessage id="monitoring.preview.invalid" /></Alert>
      )}
    </SectionCard>
  );
}

/** The questions of a definition in the user's language beside the scores computed live (the visit's survey uses it too). */
export function SurveyAnswers({ definition, answers, setAnswers }: { definition: Definition; answers: Answers; setAnswers: (a: Answers) => void }) {
  const intl = useIntl();
  const pick = useLocalized();
  const fmt = useScoreFormat();
  const problems = useMemo(() => new Set(checkAnswers(definition, answers).map((p) => p.question)), [definition, answers]);
  const result = useMemo(() => {
    const fitting = Object.fromEntries(Object.entries(answers).filter(([k]) => !problems.has(k)));
    return scoreAnswers(definition, fitting);
  }, [definition, answers, problems]);
  const questions = new Map(definition.questions.map((q) => [q.key, q]));
  const score = (s: string | null) => (s === null ? intl.formatMessage({ id: 'monitoring.preview.noScore' }) : fmt(s));
  const dimensionName = (d: string) => intl.formatMessage({ id: `monitoring.dimension.${d}` });
  const firedId = useId();
  return (
    <Stack>
      <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.preview.intro" /></Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="md">
          {definition.dimensions.map((d) => (
            <fieldset key={d.key} style={{ border: 0, padding: 0, margin: 0 }}>
              <Title order={3} size="h5" component="legend" mb="xs">{dimensionName(d.key)}</Title>
              <Stack gap="xs">
                {definition.indicators.filter((i) => i.dimension === d.key).flatMap((i) => i.questions).map((k) => (
                  <AnswerControl
                    key={k}
                    question={questions.get(k)!}
                    value={answers[k]}
                    invalid={problems.has(k)}
                    onChange={(v) => setAnswers({ ...answers, [k]: v })}
                  />
                ))}
              </Stack>
            </fieldset>
          ))}
        </Stack>
        <Stack gap="md" aria-live="polite">
          <Group gap="xs" align="baseline">
            <Title order={3} size="h4"><FormattedMessage id="monitoring.preview.composite" /></Title>
            <Text fz="xl" fw={700} data-testid="composite-score">{score(result.composite)}</Text>
          </Group>
          <Table>
            <Table.Caption><FormattedMessage id="monitoring.preview.dimensions" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="monitoring.preview.dimension" /></Table.Th>
                <Table.Th><FormattedMessage id="monitoring.score" /></Table.Th>
                <Table.Th><FormattedMessage id="monitoring.threshold" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.dimensions.map((d) => (
                <Table.Tr key={d.key}>
                  <Table.Td>{dimensionName(d.key)}</Table.Td>
                  <Table.Td>
                    {score(d.score)}{' '}
                    {d.belowThreshold && <Badge color="red" variant="light"><FormattedMessage id="monitoring.preview.below" /></Badge>}
                  </Table.Td>
                  <Table.Td>{fmt(definition.dimensions.find((x) => x.key === d.key)!.threshold, 2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table>
            <Table.Caption><FormattedMessage id="monitoring.preview.indicators" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="monitoring.preview.indicator" /></Table.Th>
                <Table.Th><FormattedMessage id="monitoring.score" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.indicators.map((i) => (
                <Table.Tr key={i.key}>
                  <Table.Td>{pick(definition.indicators.find((x) => x.key === i.key)!.label)}</Table.Td>
                  <Table.Td>{score(i.score)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack gap={4}>
            <Title order={3} size="h5" id={firedId}><FormattedMessage id="monitoring.preview.fired" /></Title>
            {result.triggers.length ? (
              <List aria-labelledby={firedId} listStyleType="none" spacing={4}>
                {result.triggers.map((t) => {
                  const trigger = definition.triggers.find((x) => x.key === t.key)!;
                  return (
                    <List.Item key={t.key}>
                      <Text size="sm" span>
                        <Badge variant="light" me="xs">{intl.formatMessage({ id: `monitoring.trigger.action.${t.action}` })}</Badge>
                        {pick(trigger.label)}
                      </Text>
                    </List.Item>
                  );
                })}
              </List>
            ) : <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.preview.noTriggers" /></Text>}
          </Stack>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function AnswerControl({ question: q, value, invalid, onChange }: { question: Question; value: Answers[string] | undefined; invalid: boolean; onChange: (v: Answers[string]) => void }) {
  const intl = useIntl();
  const pick = useLocalized();
  const label = pick(q.label);
  const error = invalid ? intl.formatMessage({ id: 'monitoring.preview.outOfBands' }) : undefined;
  if (q.type === 'multi_choice') {
    return (
      <Checkbox.Group label={label} value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v.length ? v : null)} error={error}>
        <Group gap="sm" mt={4}>
          {q.options.map((o) => <Checkbox key={o.key} value={o.key} label={pick(o.label)} />)}
        </Group>
      </Checkbox.Group>
    );
  }
  if (q.type === 'number') {
    return (
      <NumberInput
        label={label}
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        allowDecimal={false}
        allowNegative={false}
        error={error}
        maw={200}
      />
    );
  }
  return (
    <NativeSelect
      label={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value || null)}
      data={[{ value: '', label: intl.formatMessage({ id: 'monitoring.preview.notAnswered' }) }, ...q.options.map((o) => ({ value: o.key, label: pick(o.label) }))]}
      error={error}
      maw={420}
    />
  );
}
