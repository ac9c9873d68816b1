import { Accordion, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { LOCALES } from '../../../shared/access';
import { definitionSchema, updateDraftBody, type Definition, type InstrumentVersionView } from '../../../shared/schemas/monitoring';
import { SchemaForm, TextField } from '../../components/form/schema-form';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { monitoringKeys, updateDraft } from './api';
import { useLocalized } from './labels';
import { ScoringPanel } from './scoring-panel';

interface EditorValues extends Record<string, unknown> {
  definition: Definition;
  provisionalWeights: boolean;
}

/**
 * The draft's structured editor: dimension weights and thresholds, indicator weights and labels,
 * question and option labels in the four languages, option and band scores. The preview scores
 * the definition as it is being edited.
 */
export function DraftEditor({ version }: { version: InstrumentVersionView }) {
  const queryClient = useQueryClient();
  const state = useSchemaForm<EditorValues, typeof updateDraftBody, InstrumentVersionView>({
    schema: updateDraftBody,
    initialValues: { definition: version.definition as Definition, provisionalWeights: version.provisionalWeights },
    toBody: (v) => v,
    submit: (body) => updateDraft({ id: version.id, version: version.version }, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(monitoringKeys.version(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.instruments });
    },
  });
  const { form } = state;
  const values = form.getValues();
  const parsed = definitionSchema.safeParse(values.definition);
  return (
    <Stack>
      <SchemaForm state={state} submitLabel="monitoring.draft.save" errorScope="monitoring" onReload={() => queryClient.invalidateQueries({ queryKey: monitoringKeys.version(version.id) })}>
        <Checkbox label={<FormattedMessage id="monitoring.provisionalWeights" />} {...form.getInputProps('provisionalWeights', { type: 'checkbox' })} data-path="provisionalWeights" />
        <DimensionFields definition={values.definition} form={form} />
        <IndicatorFields definition={values.definition} form={form} />
      </SchemaForm>
      <ScoringPanel definition={parsed.success ? parsed.data : null} />
    </Stack>
  );
}

type Form = ReturnType<typeof useSchemaForm<EditorValues, typeof updateDraftBody, InstrumentVersionView>>['form'];

function Num({ form, path, label, labelValues, score }: { form: Form; path: string; label: string; labelValues?: Record<string, string>; score?: boolean }) {
  const intl = useIntl();
  return (
    <NumberInput
      {...form.getInputProps(path)}
      data-path={path}
      label={intl.formatMessage({ id: label }, labelValues)}
      decimalScale={4}
      min={0}
      max={score ? 1 : 1000}
      step={score ? 0.05 : 0.5}
      allowNegative={false}
      maw={180}
    />
  );
}

function DimensionFields({ definition, form }: { definition: Definition; form: Form }) {
  const intl = useIntl();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5"><FormattedMessage id="monitoring.editor.dimensions" /></Title>
      {definition.dimensions.map((d, i) => {
        const dimension = intl.formatMessage({ id: `monitoring.dimension.${d.key}` });
        return (
          <Group key={d.key} gap="md" align="flex-end">
            <Text w={140} fw={500}>{dimension}</Text>
            <Num form={form} path={`definition.dimensions.${i}.weight`} label="monitoring.editor.dimensionWeight" labelValues={{ dimension }} />
            <Num form={form} path={`definition.dimensions.${i}.threshold`} label="monitoring.editor.dimensionThreshold" labelValues={{ dimension }} score />
          </Group>
        );
      })}
    </Stack>
  );
}

function LocalizedFields({ path, label }: { path: string; label: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      {LOCALES.map((l) => (
        <TextField key={l} name={`${path}.${l}`} label={`monitoring.editor.${label}.${l}`} dir={l === 'ar' ? 'rtl' : 'ltr'} lang={l} required />
      ))}
    </SimpleGrid>
  );
}

function IndicatorFields({ definition, form }: { definition: Definition; form: Form }) {
  const pick = useLocalized();
  const intl = useIntl();
  const qIndex = new Map(definition.questions.map((q, i) => [q.key, i]));
  return (
    <Stack gap="xs">
      <Title order={3} size="h5"><FormattedMessage id="monitoring.editor.indicators" /></Title>
      <Accordion variant="separated" multiple>
        {definition.indicators.map((ind, i) => (
          <Accordion.Item key={ind.key} value={ind.key}>
            <Accordion.Control>
              {pick(ind.label)} · <FormattedMessage id={`monitoring.dimension.${ind.dimension}`} />
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <Num form={form} path={`definition.indicators.${i}.weight`} label="monitoring.weight" />
                <LocalizedFields path={`definition.indicators.${i}.label`} label="indicatorLabel" />
                {ind.questions.map((k) => {
                  const qi = qIndex.get(k)!;
                  const q = definition.questions[qi]!;
                  return (
                    <Stack key={k} gap="xs" ps="md" style={{ borderInlineStart: '2px solid var(--mantine-color-gray-4)' }}>
                      <Text size="sm" fw={500}>{pick(q.label)} <Text span size="xs" c="dimmed"><FormattedMessage id={`monitoring.answerType.${q.type}`} /></Text></Text>
                      <LocalizedFields path={`definition.questions.${qi}.label`} label="questionLabel" />
                      {q.options.map((o, oi) => (
                        <Stack key={o.key} gap={4} ps="md">
                          <Num form={form} path={`definition.questions.${qi}.options.${oi}.score`} label="monitoring.editor.optionScore" labelValues={{ option: pick(o.label) }} score />
                          <LocalizedFields path={`definition.questions.${qi}.options.${oi}.label`} label="optionLabel" />
                        </Stack>
                      ))}
                      {q.bands.map((b, bi) => (
                        <Num
                          key={bi}
                          form={form}
                          path={`definition.questions.${qi}.bands.${bi}.score`}
                          label="monitoring.editor.bandScore"
                          labelValues={{ band: intl.formatMessage({ id: b.max === null ? 'monitoring.band.open' : 'monitoring.band.range' }, { min: b.min, max: b.max === null ? '' : b.max - 1 }) }}
                          score
                        />
                      ))}
                    </Stack>
                  );
                })}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
