import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { CountrySelect } from '../../../components/country-select';
import { optionalEnumOptions } from '../../../lib/enum-options';
import { DOCUMENT_TYPES, type DocumentType } from '../../../../shared/cases';
import { emptyDocument, type DocumentDraft } from './person-draft';
import { DateField } from '../../../components/date-field';

interface DocumentsFieldsProps {
  documents: DocumentDraft[];
  onChange: (documents: DocumentDraft[]) => void;
  errors: Record<string, string>;
  /** Path prefix of the documents list in `errors`, e.g. `principal.documents`. */
  prefix: string;
}

export function DocumentsFields({ documents, onChange, errors, prefix }: DocumentsFieldsProps) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const update = (index: number, patch: Partial<DocumentDraft>) =>
    onChange(documents.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        <FormattedMessage id="person.documents" />
      </Text>
      {documents.length === 0 && (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="person.documents.none" />
        </Text>
      )}
      {documents.map((doc, index) => (
        <Fieldset key={doc.key} legend={t('person.documents.legend', { n: index + 1 })} variant="filled">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('document.type')}
              data={optionalEnumOptions(intl, 'documentType', DOCUMENT_TYPES)}
              value={doc.type}
              onChange={(e) => update(index, { type: e.currentTarget.value as DocumentType | '' })}
              error={errors[`${prefix}.${index}.type`]}
              withAsterisk
              aria-required
            />
            <TextInput
              label={t('document.number')}
              value={doc.number}
              onChange={(e) => update(index, { number: e.currentTarget.value })}
              error={errors[`${prefix}.${index}.number`]}
              withAsterisk
              aria-required
              autoComplete="off"
              dir="ltr"
            />
            <CountrySelect
              label={t('document.issuingCountry')}
              value={doc.issuingCountry}
              onChange={(value) => update(index, { issuingCountry: value })}
              error={errors[`${prefix}.${index}.issuingCountry`]}
            />
            <DateField
              label={t('document.expiryDate')}
              value={doc.expiryDate}
              onChange={(day) => update(index, { expiryDate: day })}
              error={errors[`${prefix}.${index}.expiryDate`]}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => onChange(documents.filter((_, i) => i !== index))}
            >
              <FormattedMessage id="person.documents.remove" values={{ n: index + 1 }} />
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="light" size="xs" onClick={() => onChange([...documents, emptyDocument()])}>
          <FormattedMessage id="person.documents.add" />
        </Button>
      </Group>
    </Stack>
  );
}
