import { ActionIcon, Autocomplete, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AppModal } from '../../components/app-modal';
import { readAmount } from '../../components/money-input';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, EnumSelectField, MoneyField, SchemaForm, SelectField, TextField, TextareaField } from '../../components/form/schema-form';
import { withoutBlanks } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { arrangementBody, escortBody, paymentBody, transitBody, travelDocumentBody, travelDocumentPatch } from '../../../shared/schemas/travel';
import { seg } from '../../lib/api';
import { useCaseAttachments } from '../cases';
import {
  ARRANGEMENT_KINDS, DOCUMENT_STATUSES, DOCUMENT_TYPES, ESCORT_KINDS, PAYMENT_KINDS, etag, travelApi, useTravelChanged, useTravelMutation,
  type Booking, type TravelDocument, type TravelView,
} from './api';
import { personName } from '../../lib/erased';

const TIME_ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** Drops empty strings so that optional fields stay absent. */
const compact = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;

function useT() {
  const intl = useIntl();
  return (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
}

const memberName = (m: { givenName: string; familyName: string }) => personName(m);

export function DocumentModal({ view, document, onClose }: { view: TravelView; document?: TravelDocument; onClose: () => void }) {
  const t = useT();
  const changed = useTravelChanged(view.caseId);
  const state = useSchemaForm({
    schema: document ? travelDocumentPatch : travelDocumentBody,
    initialValues: {
      personId: document ? '' : (view.members[0]?.personId ?? ''),
      type: document?.type ?? 'passport',
      number: '',
      issuingAuthority: document?.issuingAuthority ?? '',
      requestedOn: document?.requestedOn ?? '',
      issuedOn: document?.issuedOn ?? '',
      expiresOn: document?.expiresOn ?? '',
      status: document?.status ?? 'to_request',
      notes: document?.notes ?? '',
    },
    submit: (body) => document
      ? travelApi.patch(`/api/cases/${seg(view.caseId)}/travel/documents/${seg(document.id)}`, body, etag(document.id, document.version))
      : travelApi.post(`/api/cases/${seg(view.caseId)}/travel/documents`, body, { create: true }),
    onSuccess: async () => {
      await changed();
      onClose();
    },
  });
  return (
    <AppModal opened onClose={onClose} title={t(document ? 'travel.document.edit' : 'travel.document.add')}>
      <SchemaForm state={state} errorScope="travel" submitLabel="common.save" onCancel={onClose}>
        {!document && (
          <SelectField name="personId" label="travel.document.holder" data={view.members.map((x) => ({ value: x.personId, label: memberName(x) }))} required />
        )}
        <EnumSelectField name="type" label="travel.document.type" options={DOCUMENT_TYPES} optionPrefix="travel.documentType" allowDeselect={false} />
        <TextField name="number" label="travel.document.number" description={document?.maskedNumber ? t('travel.document.numberKeep', { masked: document.maskedNumber }) : undefined} autoComplete="off" />
        <TextField name="issuingAuthority" label="travel.document.authority" />
        <Group grow>
          <DateField name="requestedOn" label="travel.document.requestedOn" />
          <DateField name="issuedOn" label="travel.document.issuedOn" />
          <DateField name="expiresOn" label="travel.document.expiresOn" />
        </Group>
        <EnumSelectField name="status" label="travel.document.status" options={DOCUMENT_STATUSES} optionPrefix="travel.documentStatus" allowDeselect={false} />
        <TextareaField name="notes" label="travel.notes" />
      </SchemaForm>
    </AppModal>
  );
}

interface LegForm {
  carrier: string; flightOrRoute: string; fromCode: string; fromKind: 'airport' | 'border_crossing'; toCode: string; toKind: 'airport' | 'border_crossing';
  departsLocal: string; departsTimeZone: string; arrivesLocal: string; arrivesTimeZone: string;
}
const emptyLeg = (previous?: LegForm): LegForm => ({
  carrier: previous?.carrier ?? '', flightOrRoute: '', fromCode: previous?.toCode ?? '', fromKind: previous?.toKind ?? 'airport', toCode: '', toKind: 'airport',
  departsLocal: '', departsTimeZone: previous?.arrivesTimeZone ?? '', arrivesLocal: '', arrivesTimeZone: '',
});

/** A new booking, or a rebooking that replaces `replaces`. */
export function BookingModal({ view, replaces, onClose }: { view: TravelView; replaces?: Booking; onClose: () => void }) {
  const t = useT();
  const travelling = view.members.filter((x) => x.travelling);
  const [members, setMembers] = useState<Record<string, { on: boolean; needs: string }>>(
    Object.fromEntries(travelling.map((x) => [x.personId, { on: replaces ? replaces.members.some((b) => b.personId === x.personId) : true, needs: replaces?.members.find((b) => b.personId === x.personId)?.specialAssistance ?? '' }])),
  );
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [legs, setLegs] = useState<LegForm[]>(replaces ? replaces.legs.map((l) => ({ ...l, departsLocal: '', arrivesLocal: '' })) : [emptyLeg()]);
  const setLeg = (i: number, k: keyof LegForm, v: string) => setLegs((ls) => ls.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  const m = useTravelMutation(view.caseId, () => {
    const body = compact({
      bookingReference: reference, notes,
      members: travelling.filter((x) => members[x.personId]?.on).map((x) => compact({ personId: x.personId, specialAssistance: members[x.personId]!.needs.trim() })),
      legs: legs.map((l) => ({ ...l, fromCode: l.fromCode.trim().toUpperCase(), toCode: l.toCode.trim().toUpperCase() })),
    });
    return replaces
      ? travelApi.post(`/api/cases/${seg(view.caseId)}/travel/bookings/${seg(replaces.id)}/rebook`, body, { etag: etag(replaces.id, replaces.version) })
      : travelApi.post(`/api/cases/${seg(view.caseId)}/travel/bookings`, body, { create: true });
  }, { movesCase: true, onDone: onClose });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined);
  };
  const kindData = [{ value: 'airport', label: t('travel.placeKind.airport') }, { value: 'border_crossing', label: t('travel.placeKind.border_crossing') }];
  return (
    <AppModal opened onClose={onClose} size="xl" title={t(replaces ? 'travel.booking.rebook' : 'travel.booking.add')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ApiErrorAlert scope="travel" error={m.error} />
          <fieldset>
            <legend><FormattedMessage id="travel.booking.members" /></legend>
            <Stack gap="xs">
              {travelling.map((x) => (
                <Group key={x.personId} align="flex-end" wrap="wrap">
                  <Checkbox label={memberName(x)} checked={members[x.personId]?.on ?? false} onChange={(e) => { const on = e.currentTarget.checked; setMembers((s) => ({ ...s, [x.personId]: { ...s[x.personId]!, on } })); }} />
                  <TextInput size="xs" label={t('travel.booking.specialAssistanceFor', { name: memberName(x) })} value={members[x.personId]?.needs ?? ''} onChange={(e) => { const needs = e.currentTarget.value; setMembers((s) => ({ ...s, [x.personId]: { ...s[x.personId]!, needs } })); }} />
                </Group>
              ))}
            </Stack>
          </fieldset>
          <Group grow>
            <TextInput label={t('travel.booking.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
            <TextInput label={t('travel.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          </Group>
          {legs.map((l, i) => (
            <fieldset key={i} aria-label={t('travel.leg.label', { n: i + 1 })}>
              <legend><Group gap="xs"><Title order={4} size="h6"><FormattedMessage id="travel.leg.label" values={{ n: i + 1 }} /></Title>
                {legs.length > 1 && <ActionIcon variant="subtle" color="red" aria-label={t('travel.leg.remove', { n: i + 1 })} onClick={() => setLegs((ls) => ls.filter((_, j) => j !== i))}>×</ActionIcon>}
              </Group></legend>
              <Stack gap="xs">
                <Group grow>
                  <TextInput label={t('travel.leg.carrier')} value={l.carrier} onChange={(e) => setLeg(i, 'carrier', e.currentTarget.value)} withAsterisk />
                  <TextInput label={t('travel.leg.flight')} value={l.flightOrRoute} onChange={(e) => setLeg(i, 'flightOrRoute', e.currentTarget.value)} withAsterisk />
                </Group>
                <Group grow>
                  <TextInput label={t('travel.leg.from')} description={t('travel.leg.codeHint')} value={l.fromCode} onChange={(e) => setLeg(i, 'fromCode', e.currentTarget.value)} withAsterisk />
                  <Select label={t('travel.leg.fromKind')} data={kindData} value={l.fromKind} onChange={(v) => setLeg(i, 'fromKind', v ?? 'airport')} allowDeselect={false} />
                  <TextInput label={t('travel.leg.to')} description={t('travel.leg.codeHint')} value={l.toCode} onChange={(e) => setLeg(i, 'toCode', e.currentTarget.value)} withAsterisk />
                  <Select label={t('travel.leg.toKind')} data={kindData} value={l.toKind} onChange={(v) => setLeg(i, 'toKind', v ?? 'airport')} allowDeselect={false} />
                </Group>
                <Group grow>
                  <TextInput type="datetime-local" label={t('travel.leg.departs')} value={l.departsLocal} onChange={(e) => setLeg(i, 'departsLocal', e.currentTarget.value)} withAsterisk />
                  <Autocomplete label={t('travel.leg.departsZone')} data={TIME_ZONES} limit={20} value={l.departsTimeZone} onChange={(v) => setLeg(i, 'departsTimeZone', v)} withAsterisk />
                </Group>
                <Group grow>
                  <TextInput type="datetime-local" label={t('travel.leg.arrives')} value={l.arrivesLocal} onChange={(e) => setLeg(i, 'arrivesLocal', e.currentTarget.value)} withAsterisk />
                  <Autocomplete label={t('travel.leg.arrivesZone')} data={TIME_ZONES} limit={20} value={l.arrivesTimeZone} onChange={(v) => setLeg(i, 'arrivesTimeZone', v)} withAsterisk />
                </Group>
              </Stack>
            </fieldset>
          ))}
          <Group justify="space-between">
            <Button variant="light" onClick={() => setLegs((ls) => [...ls, emptyLeg(ls[ls.length - 1])])} disabled={legs.length >= 8}>
              <FormattedMessage id="travel.leg.add" />
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
              <Button type="submit" loading={m.isPending}><FormattedMessage id={replaces ? 'travel.booking.rebook' : 'travel.booking.submit'} /></Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function EscortModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const changed = useTravelChanged(caseId);
  const state = useSchemaForm({
    schema: escortBody,
    initialValues: { kind: 'operational', name: '', organisation: '', legPositions: booking.legs.map((l) => l.position) },
    submit: (body) => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/escorts`, body),
    onSuccess: async () => {
      await changed();
      onClose();
    },
  });
  const legs = state.form.values.legPositions;
  const legsError = state.form.errors.legPositions;
  return (
    <AppModal opened onClose={onClose} title={t('travel.escort.add')}>
      <SchemaForm state={state} errorScope="travel" submitLabel="common.save" onCancel={onClose}>
        <EnumSelectField name="kind" label="travel.escort.kind" options={ESCORT_KINDS} optionPrefix="travel.escortKind" allowDeselect={false} />
        <TextField name="name" label="travel.escort.name" withAsterisk />
        <TextField name="organisation" label="travel.escort.organisation" />
        <fieldset aria-invalid={legsError ? true : undefined}>
          <legend><FormattedMessage id="travel.escort.legs" /></legend>
          <Group>
            {booking.legs.map((l) => (
              <Checkbox key={l.position} label={`${l.position}. ${l.fromCode}–${l.toCode}`} checked={legs.includes(l.position)} onChange={(e) => { const on = e.currentTarget.checked; state.form.setFieldValue('legPositions', on ? [...legs, l.position] : legs.filter((p) => p !== l.position)); }} />
            ))}
          </Group>
          {legsError && <Text c="red" size="sm" mt="xs">{legsError}</Text>}
        </fieldset>
      </SchemaForm>
    </AppModal>
  );
}

const localToIso = (v: string) => (v ? new Date(v).toISOString() : '');

export function ArrangementModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const changed = useTravelChanged(caseId);
  const state = useSchemaForm({
    schema: arrangementBody,
    initialValues: { kind: 'transfer', provider: '', details: '', startsAt: '', endsAt: '' },
    toBody: (values) => withoutBlanks({ ...values, startsAt: localToIso(values.startsAt), endsAt: localToIso(values.endsAt) }),
    submit: (body) => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/arrangements`, body),
    onSuccess: async () => {
      await changed();
      onClose();
    },
  });
  return (
    <AppModal opened onClose={onClose} title={t('travel.arrangement.add')}>
      <SchemaForm state={state} errorScope="travel" submitLabel="common.save" onCancel={onClose}>
        <EnumSelectField name="kind" label="travel.arrangement.kind" options={ARRANGEMENT_KINDS} optionPrefix="travel.arrangementKind" allowDeselect={false} />
        <TextField name="provider" label="travel.arrangement.provider" withAsterisk />
        <TextField name="details" label="travel.arrangement.details" />
        <Group grow>
          <TextField type="datetime-local" name="startsAt" label="travel.arrangement.startsAt" withAsterisk />
          <TextField type="datetime-local" name="endsAt" label="travel.arrangement.endsAt" />
        </Group>
      </SchemaForm>
    </AppModal>
  );
}

export function PaymentModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const intl = useIntl();
  const attachments = useCaseAttachments(caseId);
  const changed = useTravelChanged(caseId);
  // One rule for every screen: the ISO 4217 exponent (IQD has 3 decimals, whatever Intl shows).
  const read = (values: { amount: string; currency: string }) => readAmount(intl, values.amount, values.currency.trim().toUpperCase(), { required: true });
  const state = useSchemaForm({
    schema: paymentBody,
    initialValues: { kind: 'pocket_money', personId: booking.members[0]?.personId ?? '', amount: '', currency: 'EUR', receiptAttachmentId: '' },
    check: (values) => ({ amount: read(values).error }),
    toBody: ({ amount: _amount, ...values }) => withoutBlanks({ ...values, currency: values.currency.trim().toUpperCase(), amountMinor: read({ amount: _amount, currency: values.currency }).amountMinor }),
    submit: (body) => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/payments`, body, { create: true }),
    onSuccess: async () => {
      await changed();
      onClose();
    },
  });
  const currency = state.form.values.currency.trim().toUpperCase();
  return (
    <AppModal opened onClose={onClose} title={t('travel.payment.add')}>
      <SchemaForm state={state} errorScope="travel" submitLabel="common.save" onCancel={onClose}>
        <EnumSelectField name="kind" label="travel.payment.kind" options={PAYMENT_KINDS} optionPrefix="travel.paymentKind" allowDeselect={false} />
        <SelectField name="personId" label="travel.payment.recipient" data={booking.members.map((x) => ({ value: x.personId, label: memberName(x) }))} clearable />
        <Group grow>
          <MoneyField name="amount" label="travel.payment.amount" currency={currency} required />
          <TextField name="currency" label="travel.payment.currency" maxLength={3} onChange={(e) => state.form.setFieldValue('currency', e.currentTarget.value.toUpperCase())} withAsterisk />
        </Group>
        <SelectField name="receiptAttachmentId" label="travel.payment.receipt" hint="travel.payment.receiptHint" data={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))} clearable />
      </SchemaForm>
    </AppModal>
  );
}

export function TransitModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const changed = useTravelChanged(caseId);
  const state = useSchemaForm({
    schema: transitBody,
    initialValues: { airportCode: '', assistanceStatus: 'requested' },
    submit: (body) => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/transits`, body),
    onSuccess: async () => {
      await changed();
      onClose();
    },
  });
  return (
    <AppModal opened onClose={onClose} title={t('travel.transit.add')}>
      <SchemaForm state={state} errorScope="travel" submitLabel="common.save" onCancel={onClose}>
        <TextField name="airportCode" label="travel.transit.airport" hint="travel.leg.codeHint" withAsterisk />
        <Text size="sm" c="dimmed"><FormattedMessage id="travel.transit.addHint" /></Text>
      </SchemaForm>
    </AppModal>
  );
}
