import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Definition, Question } from '../../../shared/schemas/monitoring';
import { useLocalized, useScoreFormat } from './labels';

/** A version read as the programme wrote it: dimensions, their indicators and questions, with weights and scores. */
export function DefinitionView({ definition }: { definition: Definition }) {
  const pick = useLocalized();
  const fmt = useScoreFormat();
  const intl = useIntl();
  const questions = new Map(definition.questions.map((q) => [q.key, q]));
  return (
    <Stack gap="lg">
      {definition.dimensions.map((d) => (
        <Stack key={d.key} gap="xs">
          <Title order={3} size="h5">
            <FormattedMessage id="monitoring.dimension.heading" values={{ dimension: intl.formatMessage({ id: `monitoring.dimension.${d.key}` }), weight: fmt(d.weight, 0), threshold: fmt(d.threshold, 2) }} />
          </Title>
          {definition.indicators.filter((i) => i.dimension === d.key).map((ind) => (
            <Stack key={ind.key} gap={4} ps="md">
              <Title order={4} size="h6">
                <FormattedMessage id="monitoring.indicator.heading" values={{ label: pick(ind.label), weight: fmt(ind.weight, 0) }} />
              </Title>
              {ind.questions.map((k) => <QuestionView key={k} question={questions.get(k)!} />)}
            </Stack>
          ))}
        </Stack>
      ))}
      <Stack gap="xs">
        <Title order={3} size="h5"><FormattedMessage id="monitoring.triggers.title" /></Title>
        {definition.triggers.map((t) => (
          <Text key={t.key} size="sm">
            <Badge variant="light" me="xs">{intl.formatMessage({ id: `monitoring.trigger.action.${t.action}` })}</Badge>
            {pick(t.label)}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

function QuestionView({ question: q }: { question: Question }) {
  const pick = useLocalized();
  const fmt = useScoreFormat();
  const intl = useIntl();
  const rows = q.type === 'number'
    ? q.bands.map((b) => ({ key: `${b.min}`, label: intl.formatMessage({ id: b.max === null ? 'monitoring.band.open' : 'monitoring.band.range' }, { min: b.min, max: b.max === null ? '' : b.max - 1 }), score: b.score }))
    : q.options.map((o) => ({ key: o.key, label: pick(o.label), score: o.score }));
  return (
    <Stack gap={2} ps="md">
      <Text size="sm" fw={500}>
        {pick(q.label)}{' '}
        <Text span size="xs" c="dimmed"><FormattedMessage id={`monitoring.answerType.${q.type}`} /></Text>
      </Text>
      <Table withRowBorders={false} verticalSpacing={2} maw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th><FormattedMessage id={q.type === 'number' ? 'monitoring.band' : 'monitoring.option'} /></Table.Th>
            <Table.Th><FormattedMessage id="monitoring.score" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td>{fmt(r.score)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
