import { NativeSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CountrySelect } from '../../../components/country-select';
import { useOffices } from '../../../lib/reference';
import { useMe } from '../../../lib/session';
import { enumOptions, optionalEnumOptions } from '../../../lib/enum-options';
import { CASE_KINDS, LEGAL_STATUSES, type CaseKind, type LegalStatus } from '../../../../shared/cases';
import type { CaseDetailsDraft } from './wizard-state';
import { DateField } from '../../../components/date-field';

interface CaseDetailsStepProps {
  value: CaseDetailsDraft;
  onChange: (patch: Partial<CaseDetailsDraft>) => void;
  errors: Record<string, string>;
}

export function CaseDetailsStep({ value, onChange, errors }: CaseDetailsStepProps) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const me = useMe();
  const offices = useOffices();
  // Voluntary returns are registered by host or transit offices, post-arrival cases by an office
  // in the country of return (the server refuses other pairs).
  const fits = (officeId: string | null, kind: CaseKind) => {
    const office = offices.byId(officeId);
    return !office || (kind === 'post_arrival' ? office.kind === 'origin' : office.kind !== 'origin');
  };
  const options = offices.offices
    .filter((o) => fits(o.id, value.kind))
    .map((o) => ({ value: o.id, label: o.name }));

  // Once the offices are known, an origin-office user starts with a post-arrival case.
  const adjusted = useRef(false);
  useEffect(() => {
    if (adjusted.current || offices.offices.length === 0) return;
    adjusted.current = true;
    const own = offices.byId(me.user.officeId);
    if (own && value.officeId === own.id && !fits(own.id, value.kind)) {
      onChange({ kind: own.kind === 'origin' ? 'post_arrival' : 'voluntary_return' });
    }
  });

  const changeKind = (kind: CaseKind) => {
    const officeId = fits(me.user.officeId, kind) ? me.user.officeId : fits(value.officeId, kind) ? value.officeId : null;
    onChange({ kind, officeId });
  };

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('case.kind')}
          description={t(`case.kind.${value.kind}.hint`)}
          data={enumOptions(intl, 'caseKind', CASE_KINDS)}
          value={value.kind}
          onChange={(e) => changeKind(e.currentTarget.value as CaseKind)}
          error={errors.kind}
          withAsterisk
          aria-required
        />
        <NativeSelect
          label={t('case.legalStatus')}
          data={optionalEnumOptions(intl, 'legalStatus', LEGAL_STATUSES)}
          value={value.legalStatus}
          onChange={(e) => onChange({ legalStatus: e.currentTarget.value as LegalStatus | '' })}
          error={errors.legalStatus}
          withAsterisk
          aria-required
        />
        <CountrySelect
          label={t('register.countryOfReturn')}
          value={value.countryOfReturn}
          onChange={(countryOfReturn) => onChange({ countryOfReturn })}
          error={errors.countryOfReturn}
          withAsterisk
          aria-required
        />
        <Select
          label={t('case.office')}
          description={t('register.office.hint')}
          data={options}
          value={value.officeId}
          onChange={(officeId) => onChange({ officeId })}
          error={errors.officeId}
          withAsterisk
          aria-required
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('common.nothingFound')}
        />
      </SimpleGrid>
      {value.kind === 'post_arrival' && (
        <>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="register.postArrival.note" />
          </Text>
          <DateField
            label={t('handover.admission.date')}
            description={t('handover.admission.hint')}
            value={value.admissionDate}
            onChange={(day) => onChange({ admissionDate: day })}
            error={errors.admissionDate}
            maw={260}
          />
        </>
      )}
    </Stack>
  );
}
