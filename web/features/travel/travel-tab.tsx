import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, Radio, Select, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { isApiError, seg } from '../../lib/api';
import { formatAmount } from '../../components/money-input';
import { formatDay, formatLocalTime, formatMoment } from '../../lib/dates';
import { MaskedNumber } from '../../components/bidi';
import { useSession } from '../../lib/session';
import { DEPARTURE_OVERRIDE_REASON_MAX } from '../../../shared/schemas/travel';
import { TRANSIT_STATUSES, etag, revealDocumentNumber, travelApi, useTravel, useTravelMutation, type Booking, type TravelDocument, type TravelView } from './api';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { ArrangementModal, BookingModal, DocumentModal, EscortModal, PaymentModal, TransitModal } from './travel-forms';
import { personName, shownPersonName } from '../../lib/erased';

const STATUS_COLOURS: Record<string, string> = {
  requested: 'gray', booked: 'blue', ticketed: 'green', departed: 'teal', cancelled: 'dark', no_show: 'red', rebooked: 'orange',
};
/** The status moves a user can make with a button; no-show and rebooked come from their own actions. */
const NEXT: Record<string, string[]> = { requested: ['booked', 'cancelled'], booked: ['ticketed', 'cancelled'], ticketed: ['cancelled'], no_show: ['cancelled'] };

function RevealNumber({ caseId, doc }: { caseId: string; doc: TravelDocument }) {
  const intl = useIntl();
  const [number, setNumber] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!doc.maskedNumber) return <Text span c="dimmed">—</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text span aria-live="polite"><MaskedNumber value={number ?? doc.maskedNumber} /></Text>
      {number === null ? (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={intl.formatMessage({ id: 'travel.document.revealFor' }, { holder: shownPersonName(doc.holder) })}
          onClick={() => revealDocumentNumber(caseId, doc.id).then((r) => setNumber(r.number), setError)}
        >
          <FormattedMessage id="travel.document.reveal" />
        </Button>
      ) : (
        <Button size="compact-xs" variant="subtle" onClick={() => setNumber(null)}><FormattedMessage id="travel.document.hide" /></Button>
      )}
      {error ? <ApiErrorAlert scope="travel" error={error} /> : null}
    </Group>
  );
}

function Documents({ view }: { view: TravelView }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [editing, setEditing] = useState<TravelDocument | 'new' | null>(null);
  return (
    <Card withBorder component="section" aria-labelledby="travel-documents">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5" id="travel-documents"><FormattedMessage id="travel.documents.heading" /></Title>
        {view.canManage && <Button variant="light" size="xs" onClick={() => setEditing('new')}><FormattedMessage id="travel.document.add" /></Button>}
      </Group>
      {view.documents.length === 0 ? (
        <Text c="dimmed" size="sm"><FormattedMessage id="travel.documents.none" /></Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('travel.document.holder')}</Table.Th>
                <Table.Th>{t('travel.document.type')}</Table.Th>
                <Table.Th>{t('travel.document.number')}</Table.Th>
                <Table.Th>{t('travel.document.authority')}</Table.Th>
                <Table.Th>{t('travel.document.expiresOn')}</Table.Th>
                <Table.Th>{t('travel.document.status')}</Table.Th>
                {view.canManage && <Table.Th><VisuallyHidden>{t('travel.actions')}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.documents.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td><bdi>{shownPersonName(d.holder)}</bdi></Table.Td>
                  <Table.Td>{t(`travel.documentType.${d.type}`)}</Table.Td>
                  <Table.Td>{view.canManage ? <RevealNumber caseId={view.caseId} doc={d} /> : d.maskedNumber ? <MaskedNumber value={d.maskedNumber} /> : '—'}</Table.Td>
                  <Table.Td>{d.issuingAuthority ?? '—'}</Table.Td>
                  <Table.Td>
                    {formatDay(intl, d.expiresOn) || '—'}
                    {d.expiresBeforeTravel && (
                      <Badge color="red" ml="xs" tt="none">
                        <FormattedMessage id="travel.document.expiresBeforeTravel" values={{ date: formatDay(intl, d.travelDate) }} />
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td><Badge variant="light" tt="none">{t(`travel.documentStatus.${d.status}`)}</Badge></Table.Td>
                  {view.canManage && (
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" aria-label={intl.formatMessage({ id: 'travel.document.editFor' }, { holder: shownPersonName(d.holder) })} onClick={() => setEditing(d)}>
                        <FormattedMessage id="travel.edit" />
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <DocumentModal view={view} document={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

const OUTCOME_CHOICES = ['departed', 'no_show', 'later'] as const;
type OutcomeChoice = (typeof OUTCOME_CHOICES)[number];

/** The journey of a booking as the departure names it: first flight, from → to, local departure time. */
function journeyValues(intl: IntlShape, booking: Booking) {
  const first = booking.legs[0];
  const last = booking.legs[booking.legs.length - 1];
  if (!first || !last) return null;
  return { flight: first.flightOrRoute, carrier: first.carrier, from: first.fromCode, to: last.toCode, when: formatLocalTime(intl, first.departsLocal, first.departsTimeZone), leavesAt: Date.parse(first.departsAt) };
}

/**
 * Departure or no-show per traveller: nothing is preselected, a dialog names the people and the
 * flight before anything is recorded. Before the first flight has left the server refuses it; a
 * supervisor (travel.departure.override) records it with a reason.
 */
function Departure({ view, booking }: { view: TravelView; booking: Booking }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { can } = useSession();
  const pending = booking.members.filter((m) => !m.departure);
  const [outcomes, setOutcomes] = useState<Record<string, OutcomeChoice>>({});
  const [checked, setChecked] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const m = useTravelMutation(view.caseId, (body: unknown) =>
    travelApi.post(`/api/cases/${seg(view.caseId)}/travel/bookings/${seg(booking.id)}/departure`, body, { etag: etag(booking.id, booking.version) }), { movesCase: true });
  if (booking.status !== 'ticketed' || !pending.length || view.stage !== 'travel_preparation') return null;
  const journey = journeyValues(intl, booking);
  const refusedEarly = isApiError(m.error, 'TRAVEL_DEPARTURE_BEFORE_FLIGHT') || isApiError(m.error, 'TRAVEL_DEPARTURE_OVERRIDE_REASON_REQUIRED');
  const early = refusedEarly || (!!journey && Date.now() < journey.leavesAt);
  const mayOverride = early && can('travel.departure.override');
  const missing = pending.filter((p) => !outcomes[p.personId]);
  const chosen = pending.filter((p) => outcomes[p.personId] === 'departed' || outcomes[p.personId] === 'no_show');
  const statusId = `departure-status-${booking.id}`;
  const reasonId = `departure-reason-${booking.id}`;
  const explanation = missing.length
    ? t('travel.departure.missing', { count: missing.length })
    : chosen.length === 0 ? t('travel.departure.nothing') : null;
  const review = () => {
    setChecked(true);
    const noReason = mayOverride && !reason.trim();
    setReasonError(noReason ? t('travel.departure.reasonRequired') : undefined);
    if (missing.length) {
      document.querySelector<HTMLInputElement>(`[data-departure="${booking.id}.${missing[0]!.personId}"] input`)?.focus();
      return;
    }
    if (chosen.length === 0) return;
    if (noReason) {
      document.getElementById(reasonId)?.focus();
      return;
    }
    setConfirming(true);
  };
  const confirm = () => {
    m.mutate(
      { members: chosen.map((p) => ({ personId: p.personId, outcome: outcomes[p.personId] })), ...(mayOverride ? { overrideReason: reason.trim() } : {}) },
      { onSettled: () => setConfirming(false) },
    );
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby={`departure-heading-${booking.id}`}>
      <Title order={4} size="h6" id={`departure-heading-${booking.id}`}><FormattedMessage id="travel.departure.heading" /></Title>
      <div aria-live="polite">
        <ApiErrorAlert scope="travel" error={m.error} />
      </div>
      {early && journey && (
        <Alert color={mayOverride ? 'orange' : 'blue'} role="note">
          <FormattedMessage id="travel.departure.notYet" values={{ flight: <bdi>{journey.flight}</bdi>, when: <bdi>{journey.when}</bdi> }} />
          {mayOverride && <Text size="sm" mt={4}><FormattedMessage id="travel.departure.overrideHint" /></Text>}
        </Alert>
      )}
      {pending.map((p) => (
        <Radio.Group
          key={p.personId}
          data-departure={`${booking.id}.${p.personId}`}
          label={<bdi>{personName(p)}</bdi>}
          value={outcomes[p.personId] ?? ''}
          onChange={(v) => setOutcomes((o) => ({ ...o, [p.personId]: v as OutcomeChoice }))}
          error={checked && !outcomes[p.personId] ? t('travel.departure.choose') : undefined}
          withAsterisk
        >
          <Group gap="md" mt={4}>
            {OUTCOME_CHOICES.map((choice) => <Radio key={choice} value={choice} label={t(`travel.departure.${choice}`)} />)}
          </Group>
        </Radio.Group>
      ))}
      {mayOverride && (
        <Textarea
          id={reasonId}
          label={t('travel.departure.overrideReason')}
          description={t('travel.departure.overrideReasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          maxLength={DEPARTURE_OVERRIDE_REASON_MAX}
          withAsterisk
          aria-required
          autosize
          minRows={2}
          maw={520}
        />
      )}
      <Group gap="sm" align="center">
        <Button color="green" onClick={review} loading={m.isPending} aria-describedby={explanation ? statusId : undefined}>
          <FormattedMessage id="travel.departure.confirm" />
        </Button>
        <Text size="sm" c="dimmed" id={statusId} aria-live="polite">{explanation}</Text>
      </Group>
      <AppModal opened={confirming} onClose={() => setConfirming(false)} title={t('travel.departure.dialog.title')}>
        <Stack gap="sm">
          {journey && (
            <Text>
              <FormattedMessage
                id="travel.departure.dialog.flight"
                values={{ flight: <bdi>{journey.flight}</bdi>, carrier: <bdi>{journey.carrier}</bdi>, from: <bdi>{journey.from}</bdi>, to: <bdi>{journey.to}</bdi>, when: <bdi>{journey.when}</bdi> }}
              />
            </Text>
          )}
          <List size="sm">
            {chosen.map((p) => (
              <List.Item key={p.personId}>
                <bdi>{personName(p)}</bdi>{' — '}{t(`travel.departure.${outcomes[p.personId]}`)}
              </List.Item>
            ))}
          </List>
          {chosen.some((p) => outcomes[p.personId] === 'departed') && (
            <Alert color="red" role="note"><FormattedMessage id="travel.departure.dialog.irreversible" /></Alert>
          )}
          {mayOverride && (
            <Text size="sm"><FormattedMessage id="travel.departure.dialog.early" values={{ reason: <bdi>{reason.trim()}</bdi> }} /></Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus><FormattedMessage id="common.cancel" /></Button>
            <Button color="green" onClick={confirm} loading={m.isPending}><FormattedMessage id="travel.departure.dialog.confirm" /></Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}

function TransitRow({ view, booking, transit }: { view: TravelView; booking: Booking; transit: Booking['transits'][number] }) {
  const intl = useIntl();
  const [status, setStatus] = useState<string>(transit.assistanceStatus);
  const m = useTravelMutation(view.caseId, () =>
    travelApi.post(`/api/cases/${seg(view.caseId)}/travel/transits/${seg(transit.id)}/status`, { assistanceStatus: status }, { etag: etag(transit.id, transit.version) }));
  const open = ['requested', 'booked', 'ticketed'].includes(booking.status);
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <Text fw={600} miw={50}>{transit.airportCode}</Text>
      {view.canManage && open ? (
        <>
          <Select
            size="xs"
            label={intl.formatMessage({ id: 'travel.transit.assistanceFor' }, { airport: transit.airportCode })}
            data={TRANSIT_STATUSES.map((v) => ({ value: v, label: intl.formatMessage({ id: `travel.transitStatus.${v}` }) }))}
            value={status}
            onChange={(v) => setStatus(v ?? transit.assistanceStatus)}
            allowDeselect={false}
          />
          <Button size="xs" variant="light" onClick={() => m.mutate(undefined)} loading={m.isPending} disabled={status === transit.assistanceStatus}>
            <FormattedMessage id="travel.transit.update" />
          </Button>
        </>
      ) : (
        <Badge variant="light" tt="none">{intl.formatMessage({ id: `travel.transitStatus.${transit.assistanceStatus}` })}</Badge>
      )}
      {view.canManage && (
        <Anchor size="sm" href={`/api/cases/${seg(view.caseId)}/travel/transits/${seg(transit.id)}/request.pdf`} download>
          <FormattedMessage id="travel.transit.pdf" values={{ airport: transit.airportCode }} />
        </Anchor>
      )}
      <ApiErrorAlert scope="travel" error={m.error} />
    </Group>
  );
}

function BookingCard({ view, booking }: { view: TravelView; booking: Booking }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [modal, setModal] = useState<'escort' | 'arrangement' | 'payment' | 'transit' | 'rebook' | null>(null);
  const [reference, setReference] = useState('');
  const status = useTravelMutation(view.caseId, (to: string) =>
    travelApi.post(`/api/cases/${seg(view.caseId)}/travel/bookings/${seg(booking.id)}/status`, { to, ...(reference.trim() ? { bookingReference: reference.trim() } : {}) }, { etag: etag(booking.id, booking.version) }));
  const open = ['requested', 'booked', 'ticketed'].includes(booking.status);
  const next = view.canManage ? NEXT[booking.status] ?? [] : [];
  const canRebook = view.canManage && view.stage === 'travel_preparation' && ['requested', 'booked', 'ticketed', 'no_show'].includes(booking.status);
  const title = t('travel.booking.title', { date: formatDay(intl, booking.travelDate) });
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="sm">
          <Title order={3} size="h5">{title}</Title>
          <Badge color={STATUS_COLOURS[booking.status]} tt="none" data-testid="booking-status">{t(`travel.bookingStatus.${booking.status}`)}</Badge>
          {booking.toCancel && <Badge color="red" variant="filled" tt="none">{t('travel.booking.toCancel')}</Badge>}
        </Group>
        <Group gap="xs">
          <Text size="sm">{t('travel.booking.reference')}: <Text span ff="monospace">{booking.bookingReference ?? '—'}</Text></Text>
          <Anchor size="sm" href={`/api/cases/${seg(view.caseId)}/travel/bookings/${seg(booking.id)}/itinerary.pdf`} download>
            <FormattedMessage id="travel.booking.itineraryPdf" />
          </Anchor>
        </Group>
      </Group>
      {booking.toCancel && <Alert color="red" mb="sm"><FormattedMessage id="travel.booking.toCancelHint" /></Alert>}
      <Table.ScrollContainer minWidth={700}>
        <Table>
          <Table.Caption>{t('travel.legs.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('travel.leg.carrier')}</Table.Th>
              <Table.Th>{t('travel.leg.flight')}</Table.Th>
              <Table.Th>{t('travel.leg.from')}</Table.Th>
              <Table.Th>{t('travel.leg.departs')}</Table.Th>
              <Table.Th>{t('travel.leg.to')}</Table.Th>
              <Table.Th>{t('travel.leg.arrives')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {booking.legs.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.position}</Table.Td>
                <Table.Td>{l.carrier}</Table.Td>
                <Table.Td>{l.flightOrRoute}</Table.Td>
                <Table.Td>{l.fromCode}</Table.Td>
                <Table.Td><bdi>{formatLocalTime(intl, l.departsLocal, l.departsTimeZone)}</bdi></Table.Td>
                <Table.Td>{l.toCode}</Table.Td>
                <Table.Td><bdi>{formatLocalTime(intl, l.arrivesLocal, l.arrivesTimeZone)}</bdi></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="sm" mt="sm">
        <div>
          <Text fw={600} size="sm"><FormattedMessage id="travel.booking.members" /></Text>
          {booking.members.map((m) => (
            <Text size="sm" key={m.personId}>
              <bdi>{personName(m)}</bdi>
              {m.specialAssistance ? ` — ${t('travel.booking.specialAssistance')}: ${m.specialAssistance}` : ''}
              {m.departure && <Badge ml="xs" size="sm" tt="none" color={m.departure.outcome === 'departed' ? 'green' : 'red'}>{t(`travel.departure.${m.departure.outcome}`)}</Badge>}
              {m.departure?.overrideReason && <Text span size="sm" c="dimmed"> — {t('travel.departure.overridden')}: <bdi>{m.departure.overrideReason}</bdi></Text>}
            </Text>
          ))}
        </div>
        <div>
          <Group gap="xs"><Text fw={600} size="sm"><FormattedMessage id="travel.transit.heading" /></Text>
            {view.canManage && open && <Button size="compact-xs" variant="subtle" onClick={() => setModal('transit')}><FormattedMessage id="travel.transit.add" /></Button>}</Group>
          {booking.transits.length ? booking.transits.map((tr) => <TransitRow key={tr.id} view={view} booking={booking} transit={tr} />) : <Text size="sm" c="dimmed"><FormattedMessage id="travel.none" /></Text>}
        </div>
        <div>
          <Group gap="xs"><Text fw={600} size="sm"><FormattedMessage id="travel.escort.heading" /></Text>
            {view.canManage && open && <Button size="compact-xs" variant="subtle" onClick={() => setModal('escort')}><FormattedMessage id="travel.escort.add" /></Button>}</Group>
          {booking.escorts.length ? booking.escorts.map((e) => (
            <Text size="sm" key={e.id}>{t(`travel.escortKind.${e.kind}`)}: {e.label} — {t('travel.escort.onLegs', { legs: e.legPositions.join(', ') })}</Text>
          )) : <Text size="sm" c="dimmed"><FormattedMessage id="travel.none" /></Text>}
        </div>
        <div>
          <Group gap="xs"><Text fw={600} size="sm"><FormattedMessage id="travel.arrangement.heading" /></Text>
            {view.canManage && open && <Button size="compact-xs" variant="subtle" onClick={() => setModal('arrangement')}><FormattedMessage id="travel.arrangement.add" /></Button>}</Group>
          {booking.arrangements.length ? booking.arrangements.map((a) => (
            <Text size="sm" key={a.id}>{t(`travel.arrangementKind.${a.kind}`)}: {a.provider}, {formatMoment(intl, a.startsAt)}{a.endsAt ? ` – ${formatMoment(intl, a.endsAt)}` : ''}{a.details ? ` (${a.details})` : ''}</Text>
          )) : <Text size="sm" c="dimmed"><FormattedMessage id="travel.none" /></Text>}
        </div>
        <div>
          <Group gap="xs"><Text fw={600} size="sm"><FormattedMessage id="travel.payment.heading" /></Text>
            {view.canManage && open && <Button size="compact-xs" variant="subtle" onClick={() => setModal('payment')}><FormattedMessage id="travel.payment.add" /></Button>}</Group>
          {booking.payments.length ? booking.payments.map((p) => (
            <Text size="sm" key={p.id}>
              {t(`travel.paymentKind.${p.kind}`)}: <bdi>{formatAmount(intl, p.amountMinor, p.currency)}</bdi>
              {p.recipient ? ` → ${shownPersonName(p.recipient)}` : ''} — {t('travel.payment.paidBy', { name: p.paidBy, date: formatMoment(intl, p.paidAt) })}
              {p.receiptAttachmentId && <> — <Anchor href={`/api/cases/${seg(view.caseId)}/attachments/${seg(p.receiptAttachmentId)}`} download>{p.receiptFileName ?? t('travel.payment.receipt')}</Anchor></>}
            </Text>
          )) : <Text size="sm" c="dimmed"><FormattedMessage id="travel.none" /></Text>}
        </div>
        <Departure key={`${booking.id}.${booking.version}`} view={view} booking={booking} />
        {(next.length > 0 || canRebook) && (
          <Stack gap="xs">
            <ApiErrorAlert scope="travel" error={status.error} />
            <Group gap="xs" align="flex-end" wrap="wrap">
              {next.includes('booked') && (
                <TextInput size="xs" label={t('travel.booking.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
              )}
              {next.map((to) => (
                <Button key={to} size="xs" variant={to === 'cancelled' ? 'outline' : 'filled'} color={to === 'cancelled' ? 'red' : undefined} onClick={() => status.mutate(to)} loading={status.isPending && status.variables === to}>
                  {t(`travel.booking.to.${to}`)}
                </Button>
              ))}
              {canRebook && <Button size="xs" variant="light" color="orange" onClick={() => setModal('rebook')}><FormattedMessage id="travel.booking.rebook" /></Button>}
            </Group>
          </Stack>
        )}
      </Stack>
      {modal === 'escort' && <EscortModal caseId={view.caseId} booking={booking} onClose={() => setModal(null)} />}
      {modal === 'arrangement' && <ArrangementModal caseId={view.caseId} booking={booking} onClose={() => setModal(null)} />}
      {modal === 'payment' && <PaymentModal caseId={view.caseId} booking={booking} onClose={() => setModal(null)} />}
      {modal === 'transit' && <TransitModal caseId={view.caseId} booking={booking} onClose={() => setModal(null)} />}
      {modal === 'rebook' && <BookingModal view={view} replaces={booking} onClose={() => setModal(null)} />}
    </Card>
  );
}

export function TravelTab({ record }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const query = useTravel(record.id);
  const [booking, setBooking] = useState(false);
  if (query.isPending) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (query.isError) return <ApiErrorAlert scope="travel" error={query.error} />;
  const view = query.data;
  const hasOpen = view.bookings.some((b) => ['requested', 'booked', 'ticketed'].includes(b.status));
  return (
    <Stack>
      {view.flags.documentsExpiringBeforeTravel.length > 0 && (
        <Alert color="red" title={intl.formatMessage({ id: 'travel.flags.title' })}>
          <FormattedMessage id="travel.flags.documentsExpiring" values={{ count: view.flags.documentsExpiringBeforeTravel.length }} />
        </Alert>
      )}
      {view.flags.bookingsToCancel.length > 0 && (
        <Alert color="red" title={intl.formatMessage({ id: 'travel.flags.title' })}>
          <FormattedMessage id="travel.flags.bookingsToCancel" values={{ count: view.flags.bookingsToCancel.length }} />
        </Alert>
      )}
      <Documents view={view} />
      <Group justify="space-between">
        <Title order={2} size="h4"><FormattedMessage id="travel.bookings.heading" /></Title>
        {view.canManage && view.canBook && !hasOpen && (
          <Button onClick={() => setBooking(true)}><FormattedMessage id="travel.booking.add" /></Button>
        )}
      </Group>
      {!view.canBook && view.bookings.length === 0 && (
        <Text c="dimmed" size="sm"><FormattedMessage id="travel.bookings.notYet" /></Text>
      )}
      {view.bookings.map((b) => <BookingCard key={`${b.id}.${b.version}`} view={view} booking={b} />)}
      {booking && <BookingModal view={view} onClose={() => setBooking(false)} />}
    </Stack>
  );
}
