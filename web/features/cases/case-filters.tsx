import { Button, Collapse, Group, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CountrySelect } from '../../components/country-select';
import { useAssignableUsers, useOffices } from '../../lib/reference';
import { enumOptions } from '../../lib/enum-options';
import { CASE_KINDS, LEGAL_STATUSES, STAGES, type CaseKind, type LegalStatus, type Stage } from '../../../shared/cases';
import type { CaseFilter } from '../../../shared/schemas/cases';

interface CaseFiltersProps {
  filter: CaseFilter;
  onChange: (patch: Partial<CaseFilter>) => void;
  onClear: () => void;
}

/**
 * The search text is applied on submit (Enter or the button), the other filters at once.
 * None of it goes into the URL: a name or document number is personal data.
 */
export function CaseFilters({ filter, onChange, onClear }: CaseFiltersProps) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const offices = useOffices();
  const owners = useAssignableUsers();
  const [draft, setDraft] = useState(filter.q ?? '');
  useEffect(() => setDraft(filter.q ?? ''), [filter.q]);
  const clearLabel = { 'aria-label': t('common.clear') };
  // Tablets and phones: the filters fold behind one button so that the first cases stay in view.
  const compact = useMediaQuery('(max-width: 62em)') ?? false;
  const [filtersOpen, filtersToggle] = useDisclosure(false);
  const active = [filter.stage?.length, filter.officeId, filter.ownerId, filter.nationality, filter.countryOfReturn, filter.legalStatus, filter.kind]
    .filter(Boolean).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: draft.trim() || undefined });
  };

  return (
    <form onSubmit={submit} role="search" aria-label={t('case.list.filters')}>
      <Group align="flex-end" gap="sm" mb="sm" wrap="nowrap">
        <TextInput
          label={t('case.list.search')}
          description={t('case.list.searchHint')}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          type="search"
          autoComplete="off"
          style={{ flex: 1 }}
        />
        <Button type="submit">
          <FormattedMessage id="case.list.searchButton" />
        </Button>
      </Group>
      {compact && (
        <Button
          variant="default"
          size="xs"
          mb="sm"
          onClick={filtersToggle.toggle}
          aria-expanded={filtersOpen}
          aria-controls="case-filters-more"
        >
          <FormattedMessage id={filtersOpen ? 'case.list.filtersHide' : 'case.list.filtersShow'} values={{ count: active }} />
        </Button>
      )}
      <Collapse expanded={!compact || filtersOpen} id="case-filters-more" transitionDuration={compact ? 150 : 0}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <MultiSelect
            label={t('case.stage')}
            data={enumOptions(intl, 'stage', STAGES)}
            value={filter.stage ?? []}
            onChange={(value) => onChange({ stage: value as Stage[] })}
            clearable
            clearButtonProps={clearLabel}
            searchable
            placeholder={filter.stage?.length ? undefined : t('case.list.anyStage')}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Select
            label={t('case.office')}
            data={offices.options}
            value={filter.officeId ?? null}
            onChange={(value) => onChange({ officeId: value ?? undefined })}
            clearable
            clearButtonProps={clearLabel}
            searchable
            placeholder={t('case.list.any')}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Select
            label={t('case.owner')}
            data={owners.options}
            value={filter.ownerId ?? null}
            onChange={(value) => onChange({ ownerId: value ?? undefined })}
            clearable
            clearButtonProps={clearLabel}
            searchable
            placeholder={t('case.list.any')}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <CountrySelect
            label={t('person.nationality')}
            value={filter.nationality}
            onChange={(value) => onChange({ nationality: value ?? undefined })}
            placeholder={t('case.list.any')}
          />
          <CountrySelect
            label={t('case.countryOfReturn')}
            value={filter.countryOfReturn}
            onChange={(value) => onChange({ countryOfReturn: value ?? undefined })}
            placeholder={t('case.list.any')}
          />
          <Select
            label={t('case.legalStatus')}
            data={enumOptions(intl, 'legalStatus', LEGAL_STATUSES)}
            value={filter.legalStatus ?? null}
            onChange={(value) => onChange({ legalStatus: (value as LegalStatus | null) ?? undefined })}
            clearable
            clearButtonProps={clearLabel}
            placeholder={t('case.list.any')}
          />
          <Select
            label={t('case.kind')}
            data={enumOptions(intl, 'caseKind', CASE_KINDS)}
            value={filter.kind ?? null}
            onChange={(value) => onChange({ kind: (value as CaseKind | null) ?? undefined })}
            clearable
            clearButtonProps={clearLabel}
            placeholder={t('case.list.any')}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button variant="subtle" onClick={onClear}>
            <FormattedMessage id="case.list.clearFilters" />
          </Button>
        </Group>
      </Collapse>
    </form>
  );
}
