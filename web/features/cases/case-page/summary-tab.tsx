import { Button, Card, Group, NativeSelect, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { CountrySelect } from '../../../components/country-select';
import { DetailList } from '../../../components/detail-list';
import { seg } from '../../../lib/api';
import { formatDay, formatMoment } from '../../../lib/dates';
import { useAssignableUsers, useCountries, useOffices } from '../../../lib/reference';
import { useSession } from '../../../lib/session';
import { changeCase, useCaseChanged, useInvalidateCase } from '../api';
import { enumOptions } from '../../../lib/enum-options';
import { LEGAL_STATUSES, type LegalStatus } from '../../../../shared/cases';
import type { CaseView as CaseRecord } from '../../../../shared/schemas/cases';

function EditCaseForm({ record, etag, onDone }: { record: CaseRecord; etag: string; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const owners = useAssignableUsers();
  const invalidate = useInvalidateCase(record.id);
  const changed = useCaseChanged(record.id);
  const [legalStatus, setLegalStatus] = useState<LegalStatus | null>(record.legalStatus ?? null);
  const [countryOfReturn, setCountryOfReturn] = useState<string | null>(record.countryOfReturn);
  const [ownerId, setOwnerId] = useState<string | null>(record.ownerId);
  const [countryError, setCountryError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) => changeCase('PATCH', `/api/cases/${seg(record.id)}`, body, { etag }),
    onSuccess: async (result) => {
      await changed(result);
      notifications.show({ color: 'green', message: t('case.edit.saved') });
      onDone();
    },
  });
  // Owners outside the actor's scope are not in the list; keep the current one selectable.
  const ownerOptions = owners.options.some((o) => o.value === record.ownerId)
    ? owners.options
    : [{ value: record.ownerId, label: record.ownerName }, ...owners.options];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!countryOfReturn) {
      setCountryError(t('validation.choose'));
      return;
    }
    const body: Record<string, unknown> = {};
    if (legalStatus && legalStatus !== record.legalStatus) body.legalStatus = legalStatus;
    if (countryOfReturn !== record.countryOfReturn) body.countryOfReturn = countryOfReturn;
    if (ownerId && ownerId !== record.ownerId) body.ownerId = ownerId;
    if (Object.keys(body).length === 0) return onDone();
    mutation.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <div aria-live="assertive">
          {mutation.error ? (
            <ApiErrorAlert error={mutation.error} onReload={() => void invalidate().then(() => mutation.reset())} />
          ) : null}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {/* Not shown to the origin office when the returnee did not consent to share it. */}
          {legalStatus !== null && (
            <NativeSelect
              label={t('case.legalStatus')}
              data={enumOptions(intl, 'legalStatus', LEGAL_STATUSES)}
              value={legalStatus}
              onChange={(e) => setLegalStatus(e.currentTarget.value as LegalStatus)}
            />
          )}
          <CountrySelect
            label={t('case.countryOfReturn')}
            value={countryOfReturn}
            onChange={(value) => {
              setCountryOfReturn(value);
              setCountryError(undefined);
            }}
            error={countryError}
            withAsterisk
          />
          <Select
            label={t('case.owner')}
            data={ownerOptions}
            value={ownerId}
            onChange={setOwnerId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="common.saveChanges" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SummaryTab({ record, etag }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const countries = useCountries();
  const offices = useOffices();
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          <FormattedMessage id="case.summary.heading" />
        </Title>
        {can('case.update') && !editing && (
          <Button variant="light" size="xs" onClick={() => setEditing(true)}>
            <FormattedMessage id="case.edit.button" />
          </Button>
        )}
      </Group>
      {editing ? (
        <EditCaseForm record={record} etag={etag} onDone={() => setEditing(false)} />
      ) : (
        <DetailList
          items={[
            { label: 'case.caseNumber', value: <span className="ltr-value">{record.caseNumber}</span> },
            { label: 'case.kind', value: intl.formatMessage({ id: `caseKind.${record.kind}` }) },
            { label: 'case.stage', value: intl.formatMessage({ id: `stage.${record.stage}` }) },
            { label: 'case.legalStatus', value: intl.formatMessage({ id: record.legalStatus ? `legalStatus.${record.legalStatus}` : 'handover.notShared' }) },
            { label: 'case.countryOfReturn', value: countries.name(record.countryOfReturn) },
            { label: 'case.office', value: record.officeName },
            { label: 'case.originOffice', value: offices.name(record.originOfficeId) },
            { label: 'case.owner', value: record.ownerName },
            {
              label: 'case.householdSize',
              value: intl.formatMessage({ id: 'case.householdSize.value' }, { count: record.members.length }),
            },
            { label: 'case.createdAt', value: formatMoment(intl, record.createdAt) },
            // The days of the case's history it keeps (moved there in Homeward, or imported from a legacy file).
            ...(record.approvedOn ? [{ label: 'case.approvedOn', value: formatDay(intl, record.approvedOn) }] : []),
            ...(record.departedOn ? [{ label: 'case.departedOn', value: formatDay(intl, record.departedOn) }] : []),
            ...(record.importedFrom
              ? [
                  { label: 'case.importedFrom', value: <bdi>{record.importedFrom.source}</bdi> },
                  { label: 'case.legacyId', value: <bdi>{record.importedFrom.legacyId}</bdi> },
                ]
              : []),
            { label: 'case.updatedAt', value: formatMoment(intl, record.updatedAt) },
          ]}
        />
      )}
    </Card>
  );
}
