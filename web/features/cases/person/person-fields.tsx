import { Checkbox, MultiSelect, NativeSelect, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { CountrySelect } from '../../../components/country-select';
import { useLanguages, rankedFilter } from '../../../lib/reference';
import { optionalEnumOptions } from '../../../lib/enum-options';
import { SEXES, type Sex } from '../../../../shared/cases';
import { DocumentsFields } from './documents-fields';
import type { PersonDraft } from './person-draft';
import { DateField } from '../../../components/date-field';

interface PersonFieldsProps {
  value: PersonDraft;
  onChange: (value: PersonDraft) => void;
  /** Errors keyed by full path; this person's fields are under `prefix`. */
  errors: Record<string, string>;
  prefix: string;
  /** Shown right after the names, e.g. the duplicate warning those names trigger. */
  afterNames?: ReactNode;
}

/** The fields of one person, shared by registration, "add member" and "edit person". */
export function PersonFields({ value, onChange, errors, prefix, afterNames }: PersonFieldsProps) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const languages = useLanguages();
  const set = <K extends keyof PersonDraft>(key: K, next: PersonDraft[K]) => onChange({ ...value, [key]: next });
  const err = (field: string) => errors[`${prefix}.${field}`];

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('person.givenName')}
          value={value.givenName}
          onChange={(e) => set('givenName', e.currentTarget.value)}
          error={err('givenName')}
          withAsterisk
          aria-required
          autoComplete="off"
          dir="auto"
        />
        <TextInput
          label={t('person.familyName')}
          value={value.familyName}
          onChange={(e) => set('familyName', e.currentTarget.value)}
          error={err('familyName')}
          withAsterisk
          aria-required
          autoComplete="off"
          dir="auto"
        />
        <TextInput
          label={t('person.originalScriptName')}
          description={t('person.originalScriptName.hint')}
          value={value.originalScriptName}
          onChange={(e) => set('originalScriptName', e.currentTarget.value)}
          error={err('originalScriptName')}
          autoComplete="off"
          dir="auto"
        />
        <TextInput
          label={t('person.transliteration')}
          description={t('person.transliteration.hint')}
          value={value.transliteration}
          onChange={(e) => set('transliteration', e.currentTarget.value)}
          error={err('transliteration')}
          autoComplete="off"
          dir="ltr"
        />
      </SimpleGrid>
      {afterNames}
      <TagsInput
        label={t('person.otherNames')}
        description={t('person.otherNames.hint')}
        value={value.otherNames}
        onChange={(next) => set('otherNames', next)}
        error={err('otherNames')}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('person.sex')}
          data={optionalEnumOptions(intl, 'sex', SEXES)}
          value={value.sex}
          onChange={(e) => set('sex', e.currentTarget.value as Sex | '')}
          error={err('sex')}
          withAsterisk
          aria-required
        />
        <Stack gap={6}>
          <DateField
            label={t('person.birthDate')}
            value={value.birthDate}
            onChange={(day) => set('birthDate', day)}
            error={err('birthDate')}
          />
          <Checkbox
            label={t('person.birthDateEstimated')}
            checked={value.birthDateEstimated}
            onChange={(e) => set('birthDateEstimated', e.currentTarget.checked)}
          />
        </Stack>
        <CountrySelect
          label={t('person.nationality')}
          value={value.nationality}
          onChange={(next) => set('nationality', next)}
          error={err('nationality')}
        />
        <MultiSelect
          label={t('person.languages')}
          data={languages.options} filter={rankedFilter}
          value={value.languages}
          onChange={(next) => set('languages', next)}
          error={err('languages')}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <TextInput
          type="tel"
          label={t('person.phone')}
          value={value.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          error={err('phone')}
          autoComplete="off"
          dir="ltr"
        />
        <TextInput
          type="email"
          label={t('person.email')}
          value={value.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={err('email')}
          autoComplete="off"
          dir="ltr"
        />
      </SimpleGrid>
      <DocumentsFields
        documents={value.documents}
        onChange={(documents) => set('documents', documents)}
        errors={errors}
        prefix={`${prefix}.documents`}
      />
    </Stack>
  );
}
