import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { MaskedNumber } from '../../components/bidi';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { PageTitle } from '../../components/page-title';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useCountries, useOffices } from '../../lib/reference';
import { useMe, useSession } from '../../lib/session';
import { useSessionState } from '../../lib/session-storage';
import {
  COMPONENT_TYPES, PROVIDER_KINDS, PROVIDER_STATUSES, changeProviderStatus, providerKeys, revealPayment, useProviders,
  type Provider, type ProviderSearch, type ProviderSort, type RevealedPayment,
} from './api';
import { ProviderFormModal } from './provider-form';

/** A status badge that never cuts its words off. */
function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={status === 'vetted' ? 'green' : 'red'} variant="light" tt="none" styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>
      <FormattedMessage id={`providers.status.${status}`} />
    </Badge>
  );
}

/** The masked details and, on request (audited), the full ones. */
function PaymentDetails({ provider }: { provider: Provider }) {
  const intl = useIntl();
  const [shown, setShown] = useState<RevealedPayment | null>(null);
  const reveal = useMutation({ mutationFn: () => revealPayment(provider.id), onSuccess: setShown });
  if (!provider.payment) return <FormattedMessage id="common.notRecorded" />;
  const method = intl.formatMessage({ id: `providers.paymentMethod.${provider.payment.method}` });
  if (shown) {
    return (
      <Stack gap={2}>
        <Text size="sm">{method}</Text>
        <Text size="sm"><FormattedMessage id="providers.field.accountName" />: <bdi>{shown.accountName}</bdi></Text>
        <Text size="sm"><FormattedMessage id="providers.field.institution" />: <bdi>{shown.institution}</bdi></Text>
        <Text size="sm"><FormattedMessage id="providers.field.accountNumber" />: <MaskedNumber value={shown.accountNumber} /></Text>
        {shown.branch ? <Text size="sm"><FormattedMessage id="providers.field.branch" />: <bdi>{shown.branch}</bdi></Text> : null}
        <Group>
          <Button size="compact-sm" variant="subtle" onClick={() => setShown(null)}>
            <FormattedMessage id="providers.payment.hide" />
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm">{method}</Text>
        <MaskedNumber value={provider.payment.maskedNumber} />
        <Button size="compact-sm" variant="light" loading={reveal.isPending} onClick={() => reveal.mutate()} aria-label={intl.formatMessage({ id: 'providers.payment.revealFor' }, { name: provider.name })}>
          <FormattedMessage id="providers.payment.reveal" />
        </Button>
      </Group>
      <Text size="xs" c="dimmed"><FormattedMessage id="providers.payment.audited" /></Text>
      {reveal.error ? <ApiErrorAlert error={reveal.error} scope="providers" /> : null}
    </Stack>
  );
}

/** Suspends a vetted provider or reinstates a suspended one: asked once, with the reason. */
function StatusAction({ provider, onChanged }: { provider: Provider; onChanged: (p: Provider) => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const action = provider.status === 'vetted' ? 'suspend' : 'reinstate';
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const change = useMutation({
    mutationFn: () => changeProviderStatus(provider, action, reason.trim()),
    onSuccess: async (p) => {
      await queryClient.invalidateQueries({ queryKey: providerKeys.all });
      notifications.show({ color: 'green', message: intl.formatMessage({ id: `providers.${action}.done` }) });
      onChanged(p);
      setOpened(false);
    },
  });
  const close = () => {
    setOpened(false);
    setReason('');
    setMissing(false);
    change.reset();
  };
  const confirm = () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    change.mutate();
  };
  return (
    <>
      <Button variant={action === 'suspend' ? 'outline' : 'light'} color={action === 'suspend' ? 'red' : undefined} onClick={() => setOpened(true)}>
        <FormattedMessage id={`providers.${action}`} />
      </Button>
      <ConfirmAction
        opened={opened}
        onCancel={close}
        onConfirm={confirm}
        title={`providers.${action}.title`}
        body={`providers.${action}.body`}
        bodyValues={{ name: <bdi>{provider.name}</bdi> }}
        confirmLabel={`providers.${action}.confirm`}
        color={action === 'suspend' ? 'red' : undefined}
        pending={change.isPending}
        error={change.error}
        errorScope="providers"
      >
        <Textarea
          label={intl.formatMessage({ id: 'providers.field.reason' })}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? intl.formatMessage({ id: 'providers.reasonRequired' }) : undefined}
          withAsterisk
          aria-required
          autosize
          minRows={3}
          maxLength={1000}
          data-autofocus
        />
      </ConfirmAction>
    </>
  );
}

function ProviderDetails({ provider, onEdit, onChanged }: { provider: Provider; onEdit: () => void; onChanged: (p: Provider) => void }) {
  const intl = useIntl();
  const countries = useCountries();
  const heading = useRef<HTMLElement>(null);
  // Keyboard and screen-reader users land on the provider they opened.
  useEffect(() => heading.current?.focus(), [provider.id]);
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <section ref={heading} tabIndex={-1} aria-label={provider.name}>
      <SectionCard
        title="providers.details.title"
        values={{ name: provider.name }}
        actions={
          provider.canManage ? (
            <Group gap="xs">
              <Button variant="default" onClick={onEdit}>
                <FormattedMessage id="providers.edit" />
              </Button>
              <StatusAction provider={provider} onChanged={onChanged} />
            </Group>
          ) : undefined
        }
      >
        <DetailList
          items={[
            { label: 'providers.field.status', value: <StatusBadge status={provider.status} /> },
            ...(provider.statusReason
              ? [{
                  label: provider.status === 'suspended' ? 'providers.field.suspendedBecause' : 'providers.field.reinstatedBecause',
                  value: (
                    <>
                      {provider.statusReason}
                      {provider.statusChangedAt ? (
                        <Text size="xs" c="dimmed">
                          <FormattedMessage
                            id="providers.details.statusChanged"
                            values={{ who: <bdi>{provider.statusChangedByName ?? ''}</bdi>, when: <bdi>{formatMoment(intl, provider.statusChangedAt)}</bdi> }}
                          />
                        </Text>
                      ) : null}
                    </>
                  ),
                }]
              : []),
            { label: 'providers.field.kind', value: t(`providers.kind.${provider.kind}`) },
            { label: 'providers.field.office', value: <bdi>{provider.officeName}</bdi> },
            { label: 'providers.field.country', value: countries.name(provider.countryCode) },
            { label: 'providers.field.place', value: <bdi>{provider.place}</bdi> },
            { label: 'providers.field.contactPerson', value: provider.contactPerson ? <bdi>{provider.contactPerson}</bdi> : null },
            { label: 'providers.field.phone', value: provider.phone ? <bdi dir="ltr">{provider.phone}</bdi> : null },
            { label: 'providers.field.email', value: provider.email ? <bdi dir="ltr">{provider.email}</bdi> : null },
            { label: 'providers.field.services', value: provider.services.length ? provider.services.map((s) => t(`reintegration.componentType.${s}`)).join(', ') : null },
            { label: 'providers.field.servicesNote', value: provider.servicesNote },
            ...('payment' in provider ? [{ label: 'providers.field.payment', value: <PaymentDetails key={provider.id} provider={provider} /> }] : []),
          ]}
        />
      </SectionCard>
    </section>
  );
}

const DEFAULT_SEARCH: ProviderSearch = { page: 1, pageSize: 20 };
const FILTER_KEYS = ['name', 'kind', 'status', 'service'] as const;

function Filters({ search, onChange, onClear }: { search: ProviderSearch; onChange: (patch: ProviderSearch) => void; onClear: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [name, setName] = useState(search.name ?? '');
  useEffect(() => setName(search.name ?? ''), [search.name]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ name: name.trim() || undefined });
  };
  const any = { value: '', label: t('providers.filter.any') };
  return (
    <Card withBorder padding="md">
      <form onSubmit={submit} role="search" aria-label={t('providers.filter.label')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput label={t('providers.filter.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} type="search" autoComplete="off" maxLength={200} />
          <NativeSelect
            label={t('providers.field.kind')}
            data={[any, ...PROVIDER_KINDS.map((k) => ({ value: k, label: t(`providers.kind.${k}`) }))]}
            value={search.kind ?? ''}
            onChange={(e) => onChange({ kind: (e.currentTarget.value || undefined) as ProviderSearch['kind'] })}
          />
          <NativeSelect
            label={t('providers.field.status')}
            data={[any, ...PROVIDER_STATUSES.map((s) => ({ value: s, label: t(`providers.status.${s}`) }))]}
            value={search.status ?? ''}
            onChange={(e) => onChange({ status: (e.currentTarget.value || undefined) as ProviderSearch['status'] })}
          />
          <NativeSelect
            label={t('providers.filter.service')}
            data={[any, ...COMPONENT_TYPES.map((c) => ({ value: c, label: t(`reintegration.componentType.${c}`) }))]}
            value={search.service ?? ''}
            onChange={(e) => onChange({ service: (e.currentTarget.value || undefined) as ProviderSearch['service'] })}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button variant="subtle" onClick={onClear} disabled={!FILTER_KEYS.some((k) => search[k])}>
            <FormattedMessage id="providers.filter.clear" />
          </Button>
          <Button type="submit">
            <FormattedMessage id="providers.filter.search" />
          </Button>
        </Group>
      </form>
    </Card>
  );
}

/** The office's registry of service providers: searched, filtered, sorted and paged by the server; one opened below. */
export function ProvidersPage() {
  const intl = useIntl();
  const countries = useCountries();
  const { can } = useSession();
  const me = useMe();
  const offices = useOffices();
  const [search, setSearch] = useSessionState<ProviderSearch>('providers.search', DEFAULT_SEARCH);
  const providers = useProviders(search);
  const [selected, setSelected] = useState<Provider | null>(null);
  const [form, setForm] = useState<{ provider: Provider | null } | null>(null);
  const change = (patch: ProviderSearch) => setSearch((old) => ({ ...old, ...patch, page: 1 }));
  // The opened provider follows the list when it reloads (a change made here or elsewhere).
  const current = selected ? (providers.data?.items.find((p) => p.id === selected.id) ?? selected) : null;
  // A new provider is first placed in the office's own country.
  const officeCountry = offices.byId(me.user.officeId)?.countryCode ?? '';
  const columns: DataColumn<Provider, ProviderSort>[] = [
    {
      id: 'name', header: 'providers.field.name', sortKey: 'name',
      cell: (p) => (
        <Button variant="subtle" size="compact-sm" onClick={() => setSelected(p)} aria-pressed={p.id === current?.id} aria-label={intl.formatMessage({ id: 'providers.open' }, { name: p.name })}>
          <bdi>{p.name}</bdi>
        </Button>
      ),
    },
    { id: 'kind', header: 'providers.field.kind', sortKey: 'kind', cell: (p) => intl.formatMessage({ id: `providers.kind.${p.kind}` }) },
    {
      id: 'place', header: 'providers.field.place', sortKey: 'place',
      cell: (p) => (
        <>
          <bdi>{p.place}</bdi>
          <Text size="xs" c="dimmed">{countries.name(p.countryCode)}</Text>
        </>
      ),
    },
    { id: 'services', header: 'providers.field.services', cell: (p) => p.services.map((s) => intl.formatMessage({ id: `reintegration.componentType.${s}` })).join(', ') },
    { id: 'status', header: 'providers.field.status', sortKey: 'status', nowrap: true, cell: (p) => <StatusBadge status={p.status} /> },
  ];
  const filtered = FILTER_KEYS.some((k) => search[k]);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <PageTitle id="providers.title" mb={0} />
        {can('provider.manage') && (
          <Button onClick={() => setForm({ provider: null })}>
            <FormattedMessage id="providers.register" />
          </Button>
        )}
      </Group>
      <Filters search={search} onChange={change} onClear={() => setSearch(DEFAULT_SEARCH)} />
      <DataTable
        columns={columns}
        rows={providers.data?.items}
        rowKey={(p) => p.id}
        loading={providers.isPending}
        fetching={providers.isFetching}
        error={providers.error}
        errorScope="providers"
        empty={filtered ? 'providers.noMatch' : 'providers.none'}
        caption={providers.data ? <FormattedMessage id="providers.caption" values={{ total: providers.data.total }} /> : null}
        sort={{ key: search.sort, order: search.order, onSort: (sort, order) => change({ sort, order }) }}
        paging={
          providers.data && {
            page: providers.data.page,
            pageSize: providers.data.pageSize,
            total: providers.data.total,
            onPage: (page) => setSearch((old) => ({ ...old, page })),
            onPageSize: (pageSize) => change({ pageSize }),
          }
        }
        minWidth={640}
      />
      {current ? (
        <ProviderDetails key={current.id} provider={current} onEdit={() => setForm({ provider: current })} onChanged={setSelected} />
      ) : (
        providers.data && providers.data.items.length > 0 && <Text c="dimmed"><FormattedMessage id="providers.choose" /></Text>
      )}
      {form && <ProviderFormModal provider={form.provider} country={officeCountry} onClose={() => setForm(null)} onSaved={setSelected} />}
    </Stack>
  );
}
