import { Anchor, Badge, Button, Card, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CountrySelect } from '../../components/country-select';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { formatDay } from '../../lib/dates';
import { useCountries, useLanguages, rankedFilter } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { enumOptions } from '../../lib/enum-options';
import { counsellingKeys, saveCoiSettings, useCoiSearch, useCoiSettings, type CoiFilter } from './api';
import { COI_TOPICS } from '../../../shared/counselling';

function StaleSetting() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const settings = useCoiSettings();
  const queryClient = useQueryClient();
  const [months, setMonths] = useState<number | string | null>(null);
  const mutation = useMutation({
    mutationFn: (staleAfterMonths: number) => saveCoiSettings(staleAfterMonths, settings.data?.etag),
    onSuccess: async () => {
      setMonths(null);
      await queryClient.invalidateQueries({ queryKey: counsellingKeys.coiAll });
      notifications.show({ color: 'green', message: t('counselling.coi.settings.saved') });
    },
  });
  if (!settings.data) return null;
  const value = months ?? settings.data.staleAfterMonths;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typeof value === 'number' && value >= 1 && value <= 120) mutation.mutate(value);
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          {mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}
          <Group align="flex-end">
            <NumberInput
              label={t('counselling.coi.settings.months')}
              description={t('counselling.coi.settings.hint')}
              min={1}
              max={120}
              value={value}
              onChange={setMonths}
              error={typeof value !== 'number' || value < 1 || value > 120 ? t('counselling.coi.settings.range') : undefined}
              w={260}
            />
            <Button type="submit" variant="light" loading={mutation.isPending} disabled={months === null}>
              <FormattedMessage id="common.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The country-of-origin information library: filters, entries with their stale flag. */
export function CoiListPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { can } = useSession();
  const { name: countryName } = useCountries();
  const { name: languageName, options: languageOptions } = useLanguages();
  const [filter, setFilter] = useState<CoiFilter>({});
  const [q, setQ] = useState('');
  const search = useCoiSearch({ ...filter, q: q.trim() || undefined });
  const columns: DataColumn<NonNullable<typeof search.data>['items'][number]>[] = [
    {
      id: 'title',
      header: 'counselling.coi.entryTitle',
      cell: (e) => (
        <Group gap={6} wrap="wrap">
          <Anchor component={Link} to={`/country-information/${e.id}`} dir="auto">
            {e.title}
          </Anchor>
          {e.stale && (
            <Badge color="orange" variant="light" tt="none">
              <FormattedMessage id="counselling.coi.stale" />
            </Badge>
          )}
        </Group>
      ),
    },
    { id: 'country', header: 'counselling.coi.country', cell: (e) => countryName(e.country) },
    { id: 'topic', header: 'counselling.coi.topic', cell: (e) => t(`counselling.coiTopic.${e.topic}`) },
    { id: 'language', header: 'counselling.coi.language', cell: (e) => languageName(e.language) },
    { id: 'informationDate', header: 'counselling.coi.informationDate', nowrap: true, cell: (e) => formatDay(intl, e.informationDate) },
    { id: 'version', header: 'counselling.coi.version', cell: (e) => e.version },
  ];
  const set = <K extends keyof CoiFilter>(k: K, v: CoiFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle id="counselling.coi.title" mb={0} />
        {can('coi.manage') && (
          <Button component={Link} to="/country-information/new">
            <FormattedMessage id="counselling.coi.new" />
          </Button>
        )}
      </Group>
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <CountrySelect label={t('counselling.coi.country')} value={filter.country} onChange={(v) => set('country', v ?? undefined)} w={{ base: '100%', sm: 220 }} />
          <Select
            label={t('counselling.coi.topic')}
            data={enumOptions(intl, 'counselling.coiTopic', COI_TOPICS)}
            value={filter.topic ?? null}
            onChange={(v) => set('topic', v ?? undefined)}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            w={{ base: '100%', sm: 220 }}
          />
          <Select
            label={t('counselling.coi.language')}
            data={languageOptions} filter={rankedFilter}
            value={filter.language ?? null}
            onChange={(v) => set('language', v ?? undefined)}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            w={{ base: '100%', sm: 220 }}
          />
          <Select
            label={t('counselling.coi.freshness')}
            data={[
              { value: 'all', label: t('counselling.coi.freshness.all') },
              { value: 'stale', label: t('counselling.coi.freshness.stale') },
              { value: 'current', label: t('counselling.coi.freshness.current') },
            ]}
            value={filter.stale === undefined ? 'all' : filter.stale ? 'stale' : 'current'}
            onChange={(v) => set('stale', v === 'stale' ? true : v === 'current' ? false : undefined)}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
          />
          <TextInput label={t('counselling.coi.searchTitle')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: '100%', sm: 220 }} />
        </Group>
      </Card>
      {can('coi.manage') && <StaleSetting />}
      <Card withBorder>
        <DataTable
          columns={columns}
          rows={search.data?.items}
          rowKey={(e) => e.id}
          error={search.error}
          empty="counselling.coi.empty"
          emptyWithoutTable
          caption={
            search.data ? (
              <FormattedMessage id="counselling.coi.caption" values={{ count: search.data.total, months: search.data.staleAfterMonths }} />
            ) : null
          }
        />
      </Card>
    </Stack>
  );
}
