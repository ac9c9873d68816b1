import { Badge, Button, Card, Checkbox, Fieldset, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { MoneyInput, formatAmount, readAmount } from '../../components/money-input';
import { seg } from '../../lib/api';
import { formatDay, formatLocalTime, formatMoment, isValidIsoDate, todayIso } from '../../lib/dates';
import { useMe, useSession } from '../../lib/session';
import { changeCase, useCaseChanged } from '../cases';
import { enumOptions, optionalEnumOptions } from '../../lib/enum-options';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import {
  CURRENCIES, HANDOVER_FROM_STAGES, PURPOSES, RECEPTION_SERVICES, RECEPTION_STATUSES, addReceptionService, handoverKeys, sendHandover,
  updateReceptionService, useHandoverOverview, useOriginOffices, withdrawConsent, type HandoverOverview, type ReceptionService,
} from './api';
import { DateField } from '../../components/date-field';

const STATUS_COLOURS: Record<string, string> = { pending: 'yellow', accepted: 'green', declined: 'red' };

function useT() {
  const intl = useIntl();
  return { intl, t: (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values) };
}

function SendHandover({ record }: { record: CaseRecord }) {
  const { intl, t } = useT();
  const queryClient = useQueryClient();
  const offices = useOriginOffices(record.id, true);
  const [toOfficeId, setToOfficeId] = useState('');
  const [receivingOfficerId, setReceivingOfficerId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState({ asylumHistory: false, counsellingNotes: false, healthInformation: false });
  const [consentedOn, setConsentedOn] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: unknown) => sendHandover(record.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: handoverKeys.overview(record.id) });
      notifications.show({ color: 'green', message: t('handover.send.done') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!toOfficeId) e.toOfficeId = t('validation.choose');
    if (restricted && !receivingOfficerId) e.receivingOfficerId = t('validation.choose');
    if (!purpose) e.purpose = t('validation.choose');
    if (!isValidIsoDate(consentedOn)) e.consentedOn = t('handover.validation.date');
    setErrors(e);
    if (Object.keys(e).length) return;
    mutation.mutate({
      toOfficeId, purpose, ...(receivingOfficerId ? { receivingOfficerId } : {}), ...(note.trim() ? { note: note.trim() } : {}), consent: { ...consent, consentedOn },
    });
  };
  const restricted = offices.data?.restricted ?? false;
  const officeOptions = [{ value: '', label: t('common.choose') }, ...(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))];
  const officers = offices.data?.items.find((o) => o.id === toOfficeId)?.officers ?? [];
  const officerOptions = [{ value: '', label: t(restricted ? 'common.choose' : 'handover.receivingOfficer.any') }, ...officers.map((u) => ({ value: u.id, label: u.name }))];
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            <FormattedMessage id="handover.send.title" />
          </Title>
          <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
          {offices.data && offices.data.items.length === 0 && (
            <Text c="dimmed">
              <FormattedMessage id="handover.send.noOffice" />
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('handover.toOffice')} data={officeOptions} value={toOfficeId} error={errors.toOfficeId} withAsterisk aria-required
              onChange={(e) => {
                setToOfficeId(e.currentTarget.value);
                setReceivingOfficerId('');
              }}
            />
            <NativeSelect label={t('handover.purpose')} data={optionalEnumOptions(intl, 'handover.purpose', PURPOSES)} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={errors.purpose} withAsterisk aria-required />
          </SimpleGrid>
          <NativeSelect
            label={t('handover.receivingOfficer')} data={officerOptions} value={receivingOfficerId} onChange={(e) => setReceivingOfficerId(e.currentTarget.value)}
            error={errors.receivingOfficerId} description={t(restricted ? 'handover.receivingOfficer.restricted' : 'handover.receivingOfficer.hint')}
            withAsterisk={restricted} aria-required={restricted} disabled={!toOfficeId}
          />
          <Textarea label={t('handover.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
          <Fieldset legend={t('handover.consent.legend')}>
            <Stack gap={6}>
              {(['asylumHistory', 'counsellingNotes', 'healthInformation'] as const).map((k) => (
                <Checkbox key={k} label={t(`handover.consent.${k}`)} checked={consent[k]} onChange={(e) => setConsent({ ...consent, [k]: e.currentTarget.checked })} />
              ))}
            </Stack>
          </Fieldset>
          <DateField label={t('handover.consent.date')} value={consentedOn} onChange={setConsentedOn} error={errors.consentedOn} withAsterisk aria-required maw={220} />
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending}>
              <FormattedMessage id="handover.send.submit" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

type HandoverRow = HandoverOverview['handovers'][number];
type ConsentRow = HandoverOverview['consents'][number];

function Handovers({ overview }: { overview: HandoverOverview }) {
  const { intl, t } = useT();
  const columns: DataColumn<HandoverRow>[] = [
    {
      id: 'office', header: 'handover.toOffice', cell: (h) => (
        <>
          {h.toOfficeName}
          {h.receivingOfficerName ? <Text size="sm">{t('handover.receivingOfficer.named', { name: h.receivingOfficerName })}</Text> : null}
        </>
      ),
    },
    { id: 'purpose', header: 'handover.purpose', cell: (h) => t(`handover.purpose.${h.purpose}`) },
    {
      id: 'status', header: 'handover.status', cell: (h) => (
        <Badge color={STATUS_COLOURS[h.status]} variant="light">
          {t(`handover.status.${h.status}`)}
        </Badge>
      ),
    },
    { id: 'sent', header: 'handover.sent', cell: (h) => t('handover.byOn', { who: h.sentByName, when: formatMoment(intl, h.sentAt) }) },
    {
      id: 'answer', header: 'handover.answer', cell: (h) => (
        <>
          {h.decidedAt ? t('handover.byOn', { who: h.decidedByName ?? '', when: formatMoment(intl, h.decidedAt) }) : ''}
          {h.declineReason ? <Text size="sm">{h.declineReason}</Text> : null}
        </>
      ),
    },
  ];
  return <DataTable columns={columns} rows={overview.handovers} rowKey={(h) => h.id} empty="handover.none" emptyWithoutTable minWidth={600} />;
}

function Consents({ overview, canWithdraw }: { overview: HandoverOverview; canWithdraw: boolean }) {
  const { intl, t } = useT();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (id: string) => withdrawConsent(overview.caseId, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: handoverKeys.overview(overview.caseId) }),
  });
  const yesNo = (v: boolean) => t(v ? 'handover.consent.yes' : 'handover.consent.no');
  if (overview.consents.length === 0) return null;
  const columns: DataColumn<ConsentRow>[] = [
    { id: 'purpose', header: 'handover.purpose', cell: (k) => t(`handover.purpose.${k.purpose}`) },
    { id: 'asylumHistory', header: 'handover.consent.asylumHistory', cell: (k) => yesNo(k.asylumHistory) },
    { id: 'counsellingNotes', header: 'handover.consent.counsellingNotes', cell: (k) => yesNo(k.counsellingNotes) },
    { id: 'healthInformation', header: 'handover.consent.healthInformation', cell: (k) => yesNo(k.healthInformation) },
    { id: 'consentedOn', header: 'handover.consent.date', cell: (k) => formatDay(intl, k.consentedOn), nowrap: true },
    {
      id: 'status', header: 'handover.status', cell: (k) => k.endedAt ? (
        t(`handover.consent.${k.endedReason ?? 'withdrawn'}`)
      ) : canWithdraw ? (
        <Button size="xs" variant="default" loading={withdraw.isPending} onClick={() => withdraw.mutate(k.id)}>
          <FormattedMessage id="handover.consent.withdraw" />
        </Button>
      ) : (
        t('handover.consent.current')
      ),
    },
  ];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        <FormattedMessage id="handover.consent.title" />
      </Title>
      {withdraw.error ? <ApiErrorAlert error={withdraw.error} /> : null}
      <DataTable columns={columns} rows={overview.consents} rowKey={(k) => k.id} empty="handover.none" minWidth={600} />
    </Stack>
  );
}

function ConfirmArrival({ record, etag, overview }: { record: CaseRecord; etag: string; overview: HandoverOverview }) {
  const { intl, t } = useT();
  const queryClient = useQueryClient();
  const changed = useCaseChanged(record.id);
  // The journey the returnees left on proposes the place and the local date of arrival.
  const journey = overview.journey;
  const [arrivedOn, setArrivedOn] = useState(journey ? journey.arrivesLocal.slice(0, 10) : todayIso());
  const [place, setPlace] = useState(journey?.toCode ?? '');
  const [receiver, setReceiver] = useState('');
  const [receiverName, setReceiverName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: unknown) => changeCase('POST', `/api/cases/${seg(record.id)}/arrival`, body, { etag }),
    onSuccess: async (result) => {
      await changed(result);
      await queryClient.invalidateQueries({ queryKey: handoverKeys.overview(record.id) });
      notifications.show({ color: 'green', message: t('handover.arrival.done') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!isValidIsoDate(arrivedOn)) e.arrivedOn = t('handover.validation.date');
    if (!place.trim()) e.place = t('validation.required');
    if (!receiver && !receiverName.trim()) e.receivedByName = t('handover.arrival.receiverRequired');
    setErrors(e);
    if (Object.keys(e).length) return;
    mutation.mutate({ arrivedOn, place: place.trim(), ...(receiver ? { receivedByUserId: receiver } : { receivedByName: receiverName.trim() }) });
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            <FormattedMessage id="handover.arrival.confirm" />
          </Title>
          <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
          {journey && (
            <Text size="sm">
              <FormattedMessage
                id="handover.arrival.journey"
                values={{
                  flight: <bdi>{journey.flight}</bdi>, carrier: <bdi>{journey.carrier}</bdi>, from: <bdi>{journey.fromCode}</bdi>, to: <bdi>{journey.toCode}</bdi>,
                  when: <bdi>{formatLocalTime(intl, journey.arrivesLocal, journey.arrivesTimeZone)}</bdi>,
                }}
              />
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateField label={t('handover.arrival.date')} value={arrivedOn} onChange={setArrivedOn} error={errors.arrivedOn} withAsterisk aria-required />
            <TextInput label={t('handover.arrival.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.place} withAsterisk aria-required maxLength={200} />
            <NativeSelect
              label={t('handover.arrival.receivedBy')}
              data={[{ value: '', label: t('handover.arrival.someoneElse') }, ...overview.receivers.map((u) => ({ value: u.id, label: u.name }))]}
              value={receiver}
              onChange={(e) => setReceiver(e.currentTarget.value)}
            />
            {!receiver && (
              <TextInput label={t('handover.arrival.receiverName')} value={receiverName} onChange={(e) => setReceiverName(e.currentTarget.value)} error={errors.receivedByName} maxLength={200} />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending}>
              <FormattedMessage id="handover.arrival.submit" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ServiceStatus({ caseId, service }: { caseId: string; service: ReceptionService }) {
  const { intl, t } = useT();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (status: string) =>
      updateReceptionService(caseId, service, status),
    onSettled: () => queryClient.invalidateQueries({ queryKey: handoverKeys.overview(caseId) }),
  });
  return (
    <Stack gap={4}>
      <NativeSelect
        aria-label={t('handover.reception.statusOf', { service: t(`handover.service.${service.service}`) })}
        data={enumOptions(intl, 'handover.reception.status', RECEPTION_STATUSES)}
        value={service.status}
        onChange={(e) => mutation.mutate(e.currentTarget.value)}
        disabled={mutation.isPending}
        size="xs"
      />
      {mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}
    </Stack>
  );
}

function AddService({ caseId }: { caseId: string }) {
  const { intl, t } = useT();
  const queryClient = useQueryClient();
  const [service, setService] = useState('');
  const [status, setStatus] = useState('planned');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: unknown) => addReceptionService(caseId, body),
    onSuccess: async () => {
      setService('');
      setAmount('');
      await queryClient.invalidateQueries({ queryKey: handoverKeys.overview(caseId) });
      notifications.show({ color: 'green', message: t('handover.reception.added') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!service) e.service = t('validation.choose');
    const { amountMinor: minor, error: amountError } = readAmount(intl, amount, currency);
    if (amountError) e.costMinor = amountError;
    setErrors(e);
    if (Object.keys(e).length) return;
    mutation.mutate({ service, status, ...(minor !== null ? { costMinor: minor, currency } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
          <NativeSelect label={t('handover.reception.service')} data={optionalEnumOptions(intl, 'handover.service', RECEPTION_SERVICES)} value={service} onChange={(e) => setService(e.currentTarget.value)} error={errors.service} withAsterisk aria-required />
          <NativeSelect label={t('handover.reception.statusLabel')} data={enumOptions(intl, 'handover.reception.status', RECEPTION_STATUSES)} value={status} onChange={(e) => setStatus(e.currentTarget.value)} />
          <MoneyInput label={t('handover.reception.amount')} description={t('handover.reception.amountHint')} value={amount} onChange={setAmount} currency={currency} error={errors.costMinor} />
          <NativeSelect label={t('handover.reception.currency')} data={[...CURRENCIES]} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="handover.reception.add" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AdmissionDate({ record, etag, editable }: { record: CaseRecord; etag: string; editable: boolean }) {
  const { intl, t } = useT();
  const queryClient = useQueryClient();
  const changed = useCaseChanged(record.id);
  const [date, setDate] = useState(record.admissionDate ?? '');
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (admissionDate: string) => changeCase('PUT', `/api/cases/${seg(record.id)}/admission-date`, { admissionDate }, { etag }),
    onSuccess: async (result) => {
      await changed(result);
      await queryClient.invalidateQueries({ queryKey: handoverKeys.overview(record.id) });
      notifications.show({ color: 'green', message: t('handover.admission.saved') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isValidIsoDate(date)) return setError(t('handover.validation.date'));
    if (date > todayIso()) return setError(t('handover.admission.future'));
    setError(undefined);
    mutation.mutate(date);
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          <FormattedMessage id="handover.admission.title" />
        </Title>
        {!record.admissionDate && (
          <Text c="orange.8">
            <FormattedMessage id="handover.admission.required" />
          </Text>
        )}
        {record.admissionDate && <DetailList items={[{ label: 'handover.admission.date', value: formatDay(intl, record.admissionDate) }]} />}
        {editable && (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
              <Group align="flex-end">
                <DateField label={t('handover.admission.date')} value={date} onChange={setDate} error={error} withAsterisk aria-required />
                <Button type="submit" loading={mutation.isPending}>
                  <FormattedMessage id="handover.admission.save" />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

/** The "Handover & arrival" tab of a case. */
export function HandoverTab({ record, etag }: { record: CaseRecord; etag: string }) {
  const { intl, t } = useT();
  const { can } = useSession();
  const me = useMe();
  const overview = useHandoverOverview(record.id);
  if (overview.isLoading) return <Loader />;
  if (overview.error) return <ApiErrorAlert error={overview.error} />;
  const o = overview.data!;
  const myOffice = me.user.officeId;
  const isHost = myOffice === record.officeId;
  const isOrigin = !!myOffice && myOffice === record.originOfficeId;
  const open = o.handovers.some((h) => h.status === 'pending' || h.status === 'accepted');
  const accepted = o.handovers.some((h) => h.status === 'accepted');
  const canSend = isHost && record.kind === 'voluntary_return' && can('handover.send') && (HANDOVER_FROM_STAGES as readonly string[]).includes(record.stage) && !open;
  const canArrive = isOrigin && can('reception.manage') && record.stage === 'departed' && accepted && (!o.arrival || !!o.arrival.importedFrom);
  const canReception = isOrigin && can('reception.manage') && (record.kind === 'voluntary_return' || !!record.admissionDate);
  return (
    <Stack>
      {record.kind === 'post_arrival' && <AdmissionDate record={record} etag={etag} editable={isOrigin && can('case.update')} />}
      {record.kind === 'voluntary_return' && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              <FormattedMessage id="handover.list.title" />
            </Title>
            <Handovers overview={o} />
            {isHost && <Consents overview={o} canWithdraw={can('handover.send')} />}
          </Stack>
        </Card>
      )}
      {canSend && <SendHandover record={record} />}
      {o.arrival && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              <FormattedMessage id="handover.arrival.title" />
            </Title>
            <DetailList
              items={[
                { label: 'handover.arrival.date', value: formatDay(intl, o.arrival.arrivedOn) },
                { label: 'handover.arrival.place', value: o.arrival.place },
                { label: 'handover.arrival.receivedBy', value: o.arrival.receivedByName },
                { label: 'handover.arrival.recordedBy', value: t('handover.byOn', { who: o.arrival.recordedByName, when: formatMoment(intl, o.arrival.recordedAt) }) },
                // A legacy file's arrival day: its source, as the import named it.
                ...(o.arrival.importedFrom ? [{ label: 'handover.arrival.importedFrom', value: <bdi>{o.arrival.importedFrom}</bdi> }] : []),
              ]}
            />
          </Stack>
        </Card>
      )}
      {canArrive && <ConfirmArrival record={record} etag={etag} overview={o} />}
      {(o.receptionServices.length > 0 || canReception) && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              <FormattedMessage id="handover.reception.title" />
            </Title>
            {o.receptionServices.length === 0 ? (
              <Text c="dimmed">
                <FormattedMessage id="handover.reception.none" />
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={500}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('handover.reception.service')}</Table.Th>
                      <Table.Th>{t('handover.reception.statusLabel')}</Table.Th>
                      <Table.Th>{t('handover.reception.cost')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {o.receptionServices.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>{t(`handover.service.${s.service}`)}</Table.Td>
                        <Table.Td>{canReception ? <ServiceStatus caseId={record.id} service={s} /> : t(`handover.reception.status.${s.status}`)}</Table.Td>
                        <Table.Td>{s.costMinor === null ? '' : <bdi>{formatAmount(intl, s.costMinor, s.currency)}</bdi>}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {canReception && <AddService caseId={record.id} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
