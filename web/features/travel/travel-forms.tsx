import { ActionIcon, Autocomplete, Button, Checkbox, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AppModal } from '../../components/app-modal';
import { MoneyInput, readAmount } from '../../components/money-input';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { seg } from '../../lib/api';
import { useCaseAttachments } from '../cases';
import {
  ARRANGEMENT_KINDS, DOCUMENT_STATUSES, DOCUMENT_TYPES, ESCORT_KINDS, PAYMENT_KINDS, etag, travelApi, useTravelMutation,
  type Booking, type TravelDocument, type TravelView,
} from './api';

const TIME_ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** Drops empty strings so that optional fields stay absent. */
const compact = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;

function useT() {
  const intl = useIntl();
  return (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
}

const memberName = (m: { givenName: string; familyName: string }) => `${m.givenName} ${m.familyName}`;

export function DocumentModal({ view, document, onClose }: { view: TravelView; document?: TravelDocument; onClose: () => void }) {
  const t = useT();
  const [f, setF] = useState({
    personId: document?.personId ?? view.members[0]?.personId ?? '',
    type: document?.type ?? 'passport',
    number: '',
    issuingAuthority: document?.issuingAuthority ?? '',
    requestedOn: document?.requestedOn ?? '',
    issuedOn: document?.issuedOn ?? '',
    expiresOn: document?.expiresOn ?? '',
    status: document?.status ?? 'to_request',
    notes: document?.notes ?? '',
  });
  const set = (k: keyof typeof f) => (v: string | null) => setF((x) => ({ ...x, [k]: v ?? '' }));
  const m = useTravelMutation(view.caseId, () => {
    const base = compact({ type: f.type, number: f.number, issuingAuthority: f.issuingAuthority, requestedOn: f.requestedOn, issuedOn: f.issuedOn, expiresOn: f.expiresOn, status: f.status, notes: f.notes });
    return document
      ? travelApi.patch(`/api/cases/${seg(view.caseId)}/travel/documents/${seg(document.id)}`, base, etag(document.id, document.version))
      : travelApi.post(`/api/cases/${seg(view.caseId)}/travel/documents`, { ...base, personId: f.personId }, { create: true });
  }, { onDone: onClose });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined);
  };
  return (
    <AppModal opened onClose={onClose} title={t(document ? 'travel.document.edit' : 'travel.document.add')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ApiErrorAlert scope="travel" error={m.error} />
          {!document && (
            <Select label={t('travel.document.holder')} data={view.members.map((x) => ({ value: x.personId, label: memberName(x) }))} value={f.personId} onChange={set('personId')} allowDeselect={false} withAsterisk />
          )}
          <Select label={t('travel.document.type')} data={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`travel.documentType.${v}`) }))} value={f.type} onChange={set('type')} allowDeselect={false} />
          <TextInput label={t('travel.document.number')} description={document?.maskedNumber ? t('travel.document.numberKeep', { masked: document.maskedNumber }) : undefined} value={f.number} onChange={(e) => set('number')(e.currentTarget.value)} autoComplete="off" />
          <TextInput label={t('travel.document.authority')} value={f.issuingAuthority} onChange={(e) => set('issuingAuthority')(e.currentTarget.value)} />
          <Group grow>
            <TextInput type="date" label={t('travel.document.requestedOn')} value={f.requestedOn} onChange={(e) => set('requestedOn')(e.currentTarget.value)} />
            <TextInput type="date" label={t('travel.document.issuedOn')} value={f.issuedOn} onChange={(e) => set('issuedOn')(e.currentTarget.value)} />
            <TextInput type="date" label={t('travel.document.expiresOn')} value={f.expiresOn} onChange={(e) => set('expiresOn')(e.currentTarget.value)} />
          </Group>
          <Select label={t('travel.document.status')} data={DOCUMENT_STATUSES.map((v) => ({ value: v, label: t(`travel.documentStatus.${v}`) }))} value={f.status} onChange={set('status')} allowDeselect={false} />
          <Textarea label={t('travel.notes')} value={f.notes} onChange={(e) => set('notes')(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={m.isPending}><FormattedMessage id="common.save" /></Button>
          </Group>
        </Stack>
      </form>
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
  const [f, setF] = useState({ kind: 'operational', name: '', organisation: '' });
  const [legs, setLegs] = useState<number[]>(booking.legs.map((l) => l.position));
  const m = useTravelMutation(caseId, () => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/escorts`, { ...compact(f), legPositions: legs }), { onDone: onClose });
  return (
    <AppModal opened onClose={onClose} title={t('travel.escort.add')}>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(undefined); }} noValidate>
        <Stack gap="sm">
          <ApiErrorAlert scope="travel" error={m.error} />
          <Select label={t('travel.escort.kind')} data={ESCORT_KINDS.map((v) => ({ value: v, label: t(`travel.escortKind.${v}`) }))} value={f.kind} onChange={(v) => setF((x) => ({ ...x, kind: v ?? 'operational' }))} allowDeselect={false} />
          <TextInput label={t('travel.escort.name')} value={f.name} onChange={(e) => { const name = e.currentTarget.value; setF((x) => ({ ...x, name })); }} withAsterisk />
          <TextInput label={t('travel.escort.organisation')} value={f.organisation} onChange={(e) => { const organisation = e.currentTarget.value; setF((x) => ({ ...x, organisation })); }} />
          <fieldset>
            <legend><FormattedMessage id="travel.escort.legs" /></legend>
            <Group>
              {booking.legs.map((l) => (
                <Checkbox key={l.position} label={`${l.position}. ${l.fromCode}–${l.toCode}`} checked={legs.includes(l.position)} onChange={(e) => { const on = e.currentTarget.checked; setLegs((s) => (on ? [...s, l.position] : s.filter((p) => p !== l.position))); }} />
              ))}
            </Group>
          </fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={m.isPending}><FormattedMessage id="common.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

const localToIso = (v: string) => (v ? new Date(v).toISOString() : '');

export function ArrangementModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const [f, setF] = useState({ kind: 'transfer', provider: '', details: '', startsAt: '', endsAt: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const m = useTravelMutation(caseId, () => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/arrangements`, compact({ ...f, startsAt: localToIso(f.startsAt), endsAt: localToIso(f.endsAt) })), { onDone: onClose });
  return (
    <AppModal opened onClose={onClose} title={t('travel.arrangement.add')}>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(undefined); }} noValidate>
        <Stack gap="sm">
          <ApiErrorAlert scope="travel" error={m.error} />
          <Select label={t('travel.arrangement.kind')} data={ARRANGEMENT_KINDS.map((v) => ({ value: v, label: t(`travel.arrangementKind.${v}`) }))} value={f.kind} onChange={(v) => set('kind')(v ?? 'transfer')} allowDeselect={false} />
          <TextInput label={t('travel.arrangement.provider')} value={f.provider} onChange={(e) => set('provider')(e.currentTarget.value)} withAsterisk />
          <TextInput label={t('travel.arrangement.details')} value={f.details} onChange={(e) => set('details')(e.currentTarget.value)} />
          <Group grow>
            <TextInput type="datetime-local" label={t('travel.arrangement.startsAt')} value={f.startsAt} onChange={(e) => set('startsAt')(e.currentTarget.value)} withAsterisk />
            <TextInput type="datetime-local" label={t('travel.arrangement.endsAt')} value={f.endsAt} onChange={(e) => set('endsAt')(e.currentTarget.value)} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={m.isPending}><FormattedMessage id="common.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function PaymentModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const attachments = useCaseAttachments(caseId);
  const [f, setF] = useState({ kind: 'pocket_money', personId: booking.members[0]?.personId ?? '', currency: 'EUR', receiptAttachmentId: '' });
  const intl = useIntl();
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const m = useTravelMutation(caseId, (amountMinor: number) =>
    travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/payments`, compact({ ...f, currency: f.currency.trim().toUpperCase(), amountMinor }), { create: true }),
  { onDone: onClose });
  const submit = () => {
    // One rule for every screen: the ISO 4217 exponent (IQD has 3 decimals, whatever Intl shows).
    const read = readAmount(intl, amount, f.currency.trim().toUpperCase(), { required: true });
    setAmountError(read.error);
    if (read.error || read.amountMinor === null) return;
    m.mutate(read.amountMinor);
  };
  return (
    <AppModal opened onClose={onClose} title={t('travel.payment.add')}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate>
        <Stack gap="sm">
          <ApiErrorAlert scope="travel" error={m.error} />
          <Select label={t('travel.payment.kind')} data={PAYMENT_KINDS.map((v) => ({ value: v, label: t(`travel.paymentKind.${v}`) }))} value={f.kind} onChange={(v) => setF((x) => ({ ...x, kind: v ?? 'pocket_money' }))} allowDeselect={false} />
          <Select label={t('travel.payment.recipient')} data={booking.members.map((x) => ({ value: x.personId, label: memberName(x) }))} value={f.personId} onChange={(v) => setF((x) => ({ ...x, personId: v ?? '' }))} clearable />
          <Group grow>
            <MoneyInput label={t('travel.payment.amount')} value={amount} onChange={setAmount} currency={f.currency.trim().toUpperCase()} error={amountError} withAsterisk />
            <TextInput label={t('travel.payment.currency')} value={f.currency} maxLength={3} onChange={(e) => { const currency = e.currentTarget.value.toUpperCase(); setF((x) => ({ ...x, currency })); }} withAsterisk />
          </Group>
          <Select label={t('travel.payment.receipt')} data={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))} value={f.receiptAttachmentId || null} onChange={(v) => setF((x) => ({ ...x, receiptAttachmentId: v ?? '' }))} clearable description={t('travel.payment.receiptHint')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={m.isPending}><FormattedMessage id="common.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function TransitModal({ caseId, booking, onClose }: { caseId: string; booking: Booking; onClose: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const m = useTravelMutation(caseId, () => travelApi.post(`/api/cases/${seg(caseId)}/travel/bookings/${seg(booking.id)}/transits`, { airportCode: code.trim().toUpperCase(), assistanceStatus: 'requested' }), { onDone: onClose });
  return (
    <AppModal opened onClose={onClose} title={t('travel.transit.add')}>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(undefined); }} noValidate>
        <Stack gap="sm">
          <ApiErrorAlert scope="travel" error={m.error} />
          <TextInput label={t('travel.transit.airport')} description={t('travel.leg.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)} withAsterisk />
          <Text size="sm" c="dimmed"><FormattedMessage id="travel.transit.addHint" /></Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={m.isPending}><FormattedMessage id="common.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
