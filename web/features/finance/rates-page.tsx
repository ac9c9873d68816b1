import { Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { rateBody, type RateImportProblemView, type RateView } from '../../../shared/schemas/finance';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DateField } from '../../components/date-field';
import { FileField } from '../../components/file-field';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { SchemaForm, SelectField, TextField, TextareaField } from '../../components/form/schema-form';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { PageTitle } from '../../components/page-title';
import { SectionCard } from '../../components/section-card';
import { isApiError } from '../../lib/api';
import { formatDay, formatMoment, todayIso } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { enterRate, importRates, useFinanceChanged, useRates, type RateQuery } from './api';
import { CURRENCY_OPTIONS } from '../../components/currency-options';
import { ThresholdCard } from '../payments';

/** Exchange rates: the table kept in Homeward, the import of a rates file and the entry of one rate. */
export function RatesPage() {
  const { can } = useSession();
  const manage = can('finance.manage');
  return (
    <Stack>
      <PageTitle id="finance.rates.title" />
      <Text size="sm"><FormattedMessage id="finance.rates.intro" /></Text>
      {manage && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ImportRates />
          <EnterRate />
        </SimpleGrid>
      )}
      <RateTable />
      {manage && <ThresholdCard />}
    </Stack>
  );
}

function RateTable() {
  const intl = useIntl();
  const [query, setQuery] = useState<RateQuery>({ sort: 'effectiveFrom', direction: 'desc', page: 1, pageSize: 25 });
  const rates = useRates(query);
  const columns: DataColumn<RateView, RateQuery['sort']>[] = [
    { id: 'effectiveFrom', header: 'finance.rates.effectiveFrom', sortKey: 'effectiveFrom', nowrap: true, cell: (r) => <bdi>{formatDay(intl, r.effectiveFrom)}</bdi> },
    { id: 'pair', header: 'finance.rates.pair', sortKey: 'currency', nowrap: true, cell: (r) => <span className="ltr-value">{r.fromCurrency} → {r.toCurrency}</span> },
    {
      id: 'rate',
      header: 'finance.rates.rate',
      nowrap: true,
      cell: (r) => <span className="ltr-value"><FormattedMessage id="finance.rates.rateText" values={{ rate: r.rate, from: r.fromCurrency, to: r.toCurrency }} /></span>,
    },
    { id: 'source', header: 'finance.rates.source', cell: (r) => (r.source === 'manual' ? <FormattedMessage id="finance.rates.manual" /> : <bdi>{r.source}</bdi>) },
    { id: 'reason', header: 'finance.rates.reason', cell: (r) => (r.reason ? <bdi>{r.reason}</bdi> : '—') },
    {
      id: 'enteredAt',
      header: 'finance.rates.enteredBy',
      sortKey: 'enteredAt',
      cell: (r) => <FormattedMessage id="finance.rates.enteredByText" values={{ name: <bdi>{r.enteredBy.name}</bdi>, at: <bdi>{formatMoment(intl, String(r.enteredAt))}</bdi> }} />,
    },
  ];
  return (
    <SectionCard title="finance.rates.table">
      <Stack>
        <Select
          label={intl.formatMessage({ id: 'finance.rates.filterCurrency' })}
          placeholder={intl.formatMessage({ id: 'finance.rates.allCurrencies' })}
          data={CURRENCY_OPTIONS}
          value={query.currency ?? null}
          onChange={(value) => setQuery((q) => ({ ...q, currency: value ?? undefined, page: 1 }))}
          searchable
          clearable
          maw={360}
        />
        <DataTable
          columns={columns}
          rows={rates.data?.items}
          rowKey={(r) => r.id}
          loading={rates.isPending}
          fetching={rates.isFetching}
          error={rates.error}
          empty="finance.rates.none"
          caption={<FormattedMessage id="finance.rates.caption" values={{ count: rates.data?.total ?? 0 }} />}
          sort={{ key: query.sort, order: query.direction, onSort: (key, order) => setQuery((q) => ({ ...q, sort: key, direction: order, page: 1 })) }}
          paging={{
            page: query.page,
            pageSize: query.pageSize,
            total: rates.data?.total,
            onPage: (page) => setQuery((q) => ({ ...q, page })),
            onPageSize: (pageSize) => setQuery((q) => ({ ...q, pageSize, page: 1 })),
            pageSizes: [25, 50, 100],
          }}
        />
      </Stack>
    </SectionCard>
  );
}

function ImportRates() {
  const intl = useIntl();
  const changed = useFinanceChanged();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: importRates,
    onSuccess: async (result) => {
      await changed.rates();
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'finance.import.done' }, { count: result.added, file: result.fileName }) });
      setFile(null);
    },
  });
  const problems: RateImportProblemView[] = isApiError(mutation.error, 'EXCHANGE_RATE_IMPORT_INVALID') && Array.isArray(mutation.error.details?.problems)
    ? (mutation.error.details.problems as RateImportProblemView[])
    : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(intl.formatMessage({ id: 'finance.import.fileRequired' }));
      focusFirstInvalid();
      return;
    }
    mutation.mutate(file);
  };
  const columns: DataColumn<RateImportProblemView>[] = [
    { id: 'line', header: 'finance.import.line', nowrap: true, cell: (p) => <bdi>{intl.formatNumber(p.line)}</bdi> },
    { id: 'column', header: 'finance.import.column', nowrap: true, cell: (p) => (p.column ? <span className="ltr-value">{p.column}</span> : '—') },
    { id: 'problem', header: 'finance.import.problem', cell: (p) => <FormattedMessage id={`finance.import.problem.${p.problem}`} /> },
    { id: 'value', header: 'finance.import.value', cell: (p) => (p.value ? <span className="ltr-value">{p.value}</span> : '—') },
  ];
  return (
    <SectionCard title="finance.import.title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm"><FormattedMessage id="finance.import.format" values={{ header: <code>currency,rate_per_usd,effective_from</code> }} /></Text>
          <FileField
            label={intl.formatMessage({ id: 'finance.import.file' })}
            accept=".csv,text/csv"
            required
            file={file}
            error={fileError}
            onChange={(f) => {
              setFile(f);
              setFileError(undefined);
              mutation.reset();
            }}
          />
          <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} scope="finance" /> : null}</div>
          {problems.length > 0 && (
            <DataTable
              columns={columns}
              rows={problems}
              rowKey={(p) => `${p.line}-${p.column ?? ''}-${p.problem}`}
              empty="common.nothingFound"
              caption={<FormattedMessage id="finance.import.problems" values={{ count: problems.length }} />}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending}><FormattedMessage id="finance.import.submit" /></Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

function EnterRate() {
  const intl = useIntl();
  const changed = useFinanceChanged();
  const initialValues = { fromCurrency: 'USD', toCurrency: '', rate: '', effectiveFrom: todayIso(), reason: '' };
  const state = useSchemaForm({
    schema: rateBody,
    initialValues,
    submit: enterRate,
    onSuccess: async () => {
      await changed.rates();
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'finance.rates.saved' }) });
      state.form.setValues(initialValues);
      state.mutation.reset();
    },
  });
  const needsReason = isApiError(state.mutation.error, 'EXCHANGE_RATE_REASON_REQUIRED');
  const date = state.form.getInputProps('effectiveFrom');
  return (
    <SectionCard title="finance.rates.enter">
      <SchemaForm state={state} errorScope="finance" submitLabel="finance.rates.save">
        <Group grow align="flex-start">
          <SelectField name="fromCurrency" label="finance.rates.from" data={CURRENCY_OPTIONS} searchable required />
          <SelectField name="toCurrency" label="finance.rates.to" data={CURRENCY_OPTIONS} searchable required />
        </Group>
        <Group grow align="flex-start">
          <TextField name="rate" label="finance.rates.rate" hint="finance.rates.rateHint" inputMode="decimal" dir="ltr" required />
          <DateField
            label={intl.formatMessage({ id: 'finance.rates.effectiveFrom' })}
            value={String(date.value ?? '')}
            onChange={(day) => state.form.setFieldValue('effectiveFrom', day)}
            error={date.error}
            data-path="effectiveFrom"
            required
          />
        </Group>
        <TextareaField name="reason" label="finance.rates.reason" hint={needsReason ? 'finance.rates.reasonNeeded' : 'finance.rates.reasonHint'} maxLength={500} />
      </SchemaForm>
    </SectionCard>
  );
}
