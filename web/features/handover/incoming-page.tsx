import { Anchor, Badge, Button, Card, Collapse, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { CountrySelect } from '../../components/country-select';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { SchemaForm, TextareaField } from '../../components/form/schema-form';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { formatAmount } from '../../components/money-input';
import { PageTitle } from '../../components/page-title';
import { formatDay, formatLocalTime, formatMoment, formatMomentDay } from '../../lib/dates';
import { personName, shownPersonName, shownText } from '../../lib/erased';
import { useCountries } from '../../lib/reference';
import { useSessionState } from '../../lib/session-storage';
import { useMe } from '../../lib/session';
import { declineHandoverBody } from '../../../shared/schemas/handover';
import {
  HANDOVER_STATUSES, answerHandover, useIncoming, usePackage, type Handover, type HandoverPackage, type IncomingSearch, type IncomingSort,
} from './api';
import { DateField } from '../../components/date-field';

const STATUS_COLOURS: Record<string, string> = { pending: 'yellow', accepted: 'green', declined: 'red' };

/** A status badge that never cuts its words off (French and Spanish labels are long). */
export function HandoverStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" tt="none" styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>
      <FormattedMessage id={`handover.status.${status}`} />
    </Badge>
  );
}

/** The page of the case that opens on its handover tab. */
const caseHandoverTab = (caseId: string) => `/cases/${caseId}?tab=handover`;

function useAnswered() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['handover'] });
    await queryClient.invalidateQueries({ queryKey: ['cases', 'search'] });
  };
}

/** Accepting cannot be undone: the dialog says what will happen, then sends once. */
function AcceptDialog({ handover, opened, onClose }: { handover: Handover; opened: boolean; onClose: () => void }) {
  const intl = useIntl();
  const me = useMe();
  const answered = useAnswered();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const accept = async () => {
    setPending(true);
    setError(null);
    try {
      await answerHandover(handover, 'accept');
      await answered();
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'handover.accepted' }) });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  const values = {
    caseNumber: <bdi key="c">{handover.caseNumber}</bdi>,
    office: <bdi key="o">{handover.toOfficeName}</bdi>,
    fromOffice: <bdi key="f">{handover.fromOfficeName}</bdi>,
    purpose: intl.formatMessage({ id: `handover.purpose.${handover.purpose}` }),
    name: <bdi key="n">{handover.receivingOfficerName ?? me.user.name}</bdi>,
  };
  return (
    <AppModal opened={opened} onClose={onClose} title={intl.formatMessage({ id: 'handover.accept.title' }, { caseNumber: handover.caseNumber })}>
      <Stack gap="sm">
        <Text>
          <FormattedMessage id="handover.accept.moves" values={values} />
        </Text>
        <Text>
          <FormattedMessage id={handover.receivingOfficerName ? 'handover.accept.named' : 'handover.accept.you'} values={values} />
        </Text>
        {handover.restricted && (
          <Text>
            <FormattedMessage id="handover.accept.restricted" />
          </Text>
        )}
        <Text fw={600}>
          <FormattedMessage id="handover.answer.final" />
        </Text>
        <div aria-live="assertive">{error ? <ApiErrorAlert error={error} /> : null}</div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button onClick={accept} loading={pending}>
            <FormattedMessage id="handover.accept.confirm" />
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** Declining cannot be undone either, and needs the reason the sending office will read. */
function DeclineDialog({ handover, opened, onClose }: { handover: Handover; opened: boolean; onClose: () => void }) {
  const intl = useIntl();
  const answered = useAnswered();
  const state = useSchemaForm({
    schema: declineHandoverBody,
    initialValues: { reason: '' },
    check: (v) => ({ reason: v.reason.trim() ? undefined : intl.formatMessage({ id: 'handover.decline.reasonRequired' }) }),
    submit: (body) => answerHandover(handover, 'decline', body.reason),
    onSuccess: async () => {
      await answered();
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'handover.declined' }) });
      onClose();
    },
  });
  return (
    <AppModal opened={opened} onClose={onClose} title={intl.formatMessage({ id: 'handover.decline.title' }, { caseNumber: handover.caseNumber })}>
      <Stack gap="sm">
        <Text>
          <FormattedMessage id="handover.decline.stays" values={{ fromOffice: <bdi>{handover.fromOfficeName}</bdi> }} />
        </Text>
        <Text fw={600}>
          <FormattedMessage id="handover.answer.final" />
        </Text>
        <SchemaForm state={state} submitLabel="handover.decline.confirm" submitColor="red" onCancel={onClose}>
          <TextareaField name="reason" label="handover.decline.reason" required autosize minRows={3} maxLength={2000} data-autofocus />
        </SchemaForm>
      </Stack>
    </AppModal>
  );
}

function Answer({ handover }: { handover: Handover }) {
  const [dialog, setDialog] = useState<'accept' | 'decline' | null>(null);
  return (
    <>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setDialog('decline')}>
          <FormattedMessage id="handover.decline" />
        </Button>
        <Button onClick={() => setDialog('accept')}>
          <FormattedMessage id="handover.accept" />
        </Button>
      </Group>
      {dialog === 'accept' && <AcceptDialog handover={handover} opened onClose={() => setDialog(null)} />}
      {dialog === 'decline' && <DeclineDialog handover={handover} opened onClose={() => setDialog(null)} />}
    </>
  );
}

type Entitlement = NonNullable<HandoverPackage['entitlement']>;
/** A row of the entitlement table: a member, or the household's totals (`household`). */
type EntitlementRow = { key: string; name: ReactNode; amounts: Map<string, number>; totalMinor: number };

/**
 * The entitlement as a table: a row per member (named), a column per component (translated), each
 * member's total, and a last row with the household's totals; amounts formatted in their currency.
 */
function EntitlementView({ entitlement }: { entitlement: Entitlement }) {
  const intl = useIntl();
  const money = (minor: number | undefined) => (minor === undefined ? '' : <bdi className="nowrap">{formatAmount(intl, minor, entitlement.currency)}</bdi>);
  const rows: EntitlementRow[] = [
    ...entitlement.members.map((m) => ({
      key: m.personId,
      name: <bdi>{shownPersonName(m.name)}</bdi>,
      amounts: new Map(entitlement.lines.filter((l) => l.personId === m.personId).map((l) => [l.component, l.amountMinor])),
      totalMinor: m.totalMinor,
    })),
    {
      key: 'household',
      name: <Text fw={700} span><FormattedMessage id="handover.package.entitlement.householdTotal" /></Text>,
      amounts: new Map(entitlement.components.map((c) => [c.component, c.totalMinor])),
      totalMinor: entitlement.householdTotalMinor,
    },
  ];
  const columns: DataColumn<EntitlementRow>[] = [
    { id: 'member', header: 'handover.package.name', cell: (r) => r.name },
    ...entitlement.components.map((c) => ({
      id: c.component, header: `eligibility.component.${c.component}`, cell: (r: EntitlementRow) => money(r.amounts.get(c.component)), nowrap: true,
    })),
    { id: 'total', header: 'handover.package.entitlement.total', cell: (r) => <Text fw={700} span>{money(r.totalMinor)}</Text>, nowrap: true },
  ];
  return (
    <Stack gap="xs">
      <DetailList
        items={[
          { label: 'handover.package.entitlement.outcome', value: intl.formatMessage({ id: `eligibility.outcome.${entitlement.outcome}` }) },
          { label: 'handover.package.entitlement.confirmedOn', value: formatMomentDay(intl, entitlement.confirmedAt) },
          { label: 'handover.package.entitlement.currency', value: entitlement.currency },
        ]}
      />
      <DataTable
        caption={<FormattedMessage id="handover.package.entitlement.lines" />}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        empty="handover.package.noneRecorded"
        minWidth={560}
      />
    </Stack>
  );
}

type Booking = HandoverPackage['travel'][number];

function TravelView({ booking }: { booking: Booking }) {
  const intl = useIntl();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          <FormattedMessage id="handover.package.booking" values={{ date: formatDay(intl, booking.travelDate) }} />
        </Text>
        <Badge variant="light" color="gray" styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}>
          {intl.formatMessage({ id: `travel.bookingStatus.${booking.status}` })}
        </Badge>
        {booking.bookingReference ? (
          <Text size="sm">
            <FormattedMessage id="handover.package.bookingReference" values={{ reference: <bdi className="ltr-value">{booking.bookingReference}</bdi> }} />
          </Text>
        ) : null}
      </Group>
      <DataTable
        columns={[
          { id: 'flight', header: 'travel.leg.flight', cell: (l) => <bdi>{`${l.carrier} ${l.flightOrRoute}`}</bdi> },
          { id: 'from', header: 'travel.leg.from', cell: (l) => <bdi className="ltr-value">{l.fromCode}</bdi> },
          { id: 'departs', header: 'travel.leg.departs', cell: (l) => <bdi>{formatLocalTime(intl, l.departsLocal, l.departsTimeZone)}</bdi>, nowrap: true },
          { id: 'to', header: 'travel.leg.to', cell: (l) => <bdi className="ltr-value">{l.toCode}</bdi> },
          { id: 'arrives', header: 'travel.leg.arrives', cell: (l) => <bdi>{formatLocalTime(intl, l.arrivesLocal, l.arrivesTimeZone)}</bdi>, nowrap: true },
        ] satisfies DataColumn<Booking['legs'][number]>[]}
        rows={booking.legs}
        rowKey={(l) => String(l.position)}
        empty="handover.package.noneRecorded"
        minWidth={640}
      />
    </Stack>
  );
}

function PackageView({ pkg }: { pkg: HandoverPackage }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const countries = useCountries();
  const notShared = t('handover.notShared');
  return (
    <Stack gap="md">
      <DetailList
        items={[
          { label: 'handover.purpose', value: t(`handover.purpose.${pkg.handover.purpose}`) },
          { label: 'handover.fromOffice', value: pkg.handover.fromOfficeName },
          { label: 'case.countryOfReturn', value: countries.name(pkg.case.countryOfReturn) },
          { label: 'case.legalStatus', value: pkg.case.legalStatus ? t(`legalStatus.${pkg.case.legalStatus}`) : notShared },
          { label: 'handover.receivingOfficer', value: pkg.handover.receivingOfficerName },
          { label: 'handover.note', value: pkg.handover.note },
        ]}
      />
      <section aria-labelledby="pkg-household">
        <Title order={3} size="h4" id="pkg-household">
          <FormattedMessage id="handover.package.household" />
        </Title>
        <DataTable
          columns={[
            { id: 'name', header: 'handover.package.name', cell: (m) => <bdi>{personName(m)}</bdi> },
            { id: 'relationship', header: 'handover.package.relationship', cell: (m) => t(`relationship.${m.relationship}`) },
            { id: 'sex', header: 'handover.package.sex', cell: (m) => t(`sex.${m.sex}`) },
            { id: 'birthDate', header: 'handover.package.birthDate', cell: (m) => formatDay(intl, m.birthDate), nowrap: true },
            { id: 'nationality', header: 'handover.package.nationality', cell: (m) => (m.nationality ? countries.name(m.nationality) : '') },
          ] satisfies DataColumn<HandoverPackage['household'][number]>[]}
          rows={pkg.household}
          rowKey={(m) => m.personId}
          empty="handover.package.noneRecorded"
        />
      </section>
      <section aria-labelledby="pkg-vuln">
        <Title order={3} size="h4" id="pkg-vuln">
          <FormattedMessage id="handover.package.vulnerabilities" />
        </Title>
        {pkg.vulnerabilities.length === 0 && pkg.specialMeasures.length === 0 ? (
          <Text c="dimmed">{t('handover.package.noneRecorded')}</Text>
        ) : (
          <Stack gap={4}>
            {pkg.vulnerabilities.map((v) => (
              <Text key={v.id} size="sm">
                <bdi>{shownPersonName(v.memberName)}</bdi>
                {`: ${t(`protection.category.${v.category}`)} (${t(`protection.status.${v.status}`)})`}
                {v.details ? ` — ${shownText(intl, v.details)}` : ''}
              </Text>
            ))}
            {pkg.specialMeasures.map((m) => (
              <Text key={m.id} size="sm">
                <bdi>{shownPersonName(m.memberName)}</bdi>
                {`: ${m.title ?? t(`protection.measure.${m.kind}`)} (${t(`protection.measureStatus.${m.status}`)})`}
                {m.notes ? ` — ${m.notes}` : ''}
              </Text>
            ))}
          </Stack>
        )}
      </section>
      <section aria-labelledby="pkg-entitlement">
        <Title order={3} size="h4" id="pkg-entitlement">
          <FormattedMessage id="handover.package.entitlement" />
        </Title>
        {pkg.entitlement ? <EntitlementView entitlement={pkg.entitlement} /> : <Text c="dimmed">{t('handover.package.noEntitlement')}</Text>}
      </section>
      <section aria-labelledby="pkg-travel">
        <Title order={3} size="h4" id="pkg-travel">
          <FormattedMessage id="handover.package.travel" />
        </Title>
        {pkg.travel.length === 0 ? (
          <Text c="dimmed">{t('handover.package.noTravel')}</Text>
        ) : (
          <Stack gap="sm">
            {pkg.travel.map((b) => (
              <TravelView key={b.id} booking={b} />
            ))}
          </Stack>
        )}
      </section>
      <section aria-labelledby="pkg-plan">
        <Title order={3} size="h4" id="pkg-plan">
          <FormattedMessage id="handover.package.plan" />
        </Title>
        {pkg.reintegrationPlan.exists && pkg.reintegrationPlan.components ? (
          <Stack gap="xs">
            <Text size="sm">
              {t(`handover.package.planVersion.${pkg.reintegrationPlan.status ?? 'draft'}`, { number: String(pkg.reintegrationPlan.number ?? 1) })}
            </Text>
            <DataTable
              columns={[
                { id: 'type', header: 'reintegration.component.type', cell: (x) => t(`reintegration.componentType.${x.type}`) },
                { id: 'amount', header: 'reintegration.component.amount', nowrap: true, cell: (x) => <bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi> },
                { id: 'provider', header: 'reintegration.component.provider', cell: (x) => (x.provider ? <bdi>{x.provider}</bdi> : '—') },
                { id: 'budgetLine', header: 'reintegration.component.budgetLine', cell: (x) => (x.budgetLine ? <><bdi>{x.budgetLine.code}</bdi> · <bdi>{x.budgetLine.name}</bdi></> : t('reintegration.check.noBudgetLine')) },
                { id: 'dates', header: 'reintegration.component.dates', nowrap: true, cell: (x) => <><bdi>{formatDay(intl, x.startsOn)}</bdi> – <bdi>{formatDay(intl, x.endsOn)}</bdi></> },
                { id: 'status', header: 'reintegration.component.status', cell: (x) => t(`reintegration.status.${x.status}`) },
              ] satisfies DataColumn<NonNullable<typeof pkg.reintegrationPlan.components>[number]>[]}
              rows={pkg.reintegrationPlan.components}
              rowKey={(x) => `${x.type}-${x.startsOn}-${x.amountMinor}-${x.currency}`}
              empty="reintegration.noComponents"
            />
            <Text size="sm">
              {t('reintegration.totals')}{' '}
              {(pkg.reintegrationPlan.totals ?? []).map((x, i) => <span key={x.currency}>{i > 0 && ' · '}<bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi></span>)}
            </Text>
          </Stack>
        ) : (
          <Text c="dimmed">{t('handover.package.noPlan')}</Text>
        )}
      </section>
      <section aria-labelledby="pkg-notes">
        <Title order={3} size="h4" id="pkg-notes">
          <FormattedMessage id="handover.package.counsellingNotes" />
        </Title>
        {pkg.counsellingNotes == null ? (
          <Text c="dimmed">{notShared}</Text>
        ) : pkg.counsellingNotes.length === 0 ? (
          <Text c="dimmed">{t('handover.package.noneRecorded')}</Text>
        ) : (
          <Stack gap="xs">
            {pkg.counsellingNotes.map((n) => (
              <Card key={n.id} withBorder p="xs">
                <Text size="xs" c="dimmed">
                  <FormattedMessage
                    id={n.source === 'counselling_session' ? 'handover.package.sessionBy' : 'handover.package.noteBy'}
                    values={{ who: <bdi>{n.authorName}</bdi>, when: <bdi>{formatMoment(intl, n.at)}</bdi> }}
                  />
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{shownText(intl, n.body)}</Text>
              </Card>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function PackagePanel({ handover }: { handover: Handover }) {
  const pkg = usePackage(handover.id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the package they asked for.
  useEffect(() => heading.current?.focus(), [handover.id]);
  return (
    <Card withBorder component="section" aria-labelledby="pkg-title">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="pkg-title" ref={heading} tabIndex={-1}>
            <FormattedMessage id="handover.package.title" values={{ caseNumber: handover.caseNumber }} />
          </Title>
          <HandoverStatusBadge status={handover.status} />
        </Group>
        {pkg.isLoading && <Loader size="sm" />}
        {pkg.error ? <ApiErrorAlert error={pkg.error} /> : null}
        {pkg.data && <PackageView pkg={pkg.data} />}
        {handover.status === 'pending' && <Answer handover={handover} />}
        {handover.status === 'accepted' && (
          <Group justify="flex-end">
            <Button component={Link} to={caseHandoverTab(handover.caseId)} variant="light">
              <FormattedMessage id="handover.openCase" />
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

const DEFAULT_SEARCH: IncomingSearch = { page: 1, pageSize: 20 };
const FILTER_KEYS = ['status', 'fromCountry', 'countryOfReturn', 'sentFrom', 'sentTo', 'caseNumber'] as const;

function IncomingFilters({ search, onChange, onClear }: { search: IncomingSearch; onChange: (patch: IncomingSearch) => void; onClear: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const active = FILTER_KEYS.filter((k) => search[k]).length;
  // Open on wide screens; folded on tablets and phones, where the list needs the room.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.matchMedia('(min-width: 62em)').matches);
  const [caseNumber, setCaseNumber] = useState(search.caseNumber ?? '');
  useEffect(() => setCaseNumber(search.caseNumber ?? ''), [search.caseNumber]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ caseNumber: caseNumber.trim() || undefined });
  };
  return (
    <Card withBorder padding="md">
      <form onSubmit={submit} role="search" aria-label={t('handover.incoming.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('handover.incoming.caseNumber')}
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.currentTarget.value)}
            type="search"
            autoComplete="off"
            maxLength={40}
            style={{ flex: '1 1 12rem' }}
          />
          <Button type="submit">
            <FormattedMessage id="handover.incoming.searchButton" />
          </Button>
          <Button variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="incoming-filters">
            <FormattedMessage id={open ? 'handover.incoming.hideFilters' : 'handover.incoming.showFilters'} values={{ count: active }} />
          </Button>
        </Group>
        <Collapse expanded={open} id="incoming-filters">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mt="sm">
            <NativeSelect
              label={t('handover.status')}
              data={[{ value: '', label: t('handover.incoming.anyStatus') }, ...HANDOVER_STATUSES.map((s) => ({ value: s, label: t(`handover.status.${s}`) }))]}
              value={search.status ?? ''}
              onChange={(e) => onChange({ status: (e.currentTarget.value || undefined) as IncomingSearch['status'] })}
            />
            <CountrySelect label={t('handover.incoming.fromCountry')} value={search.fromCountry} onChange={(v) => onChange({ fromCountry: v ?? undefined })} placeholder={t('case.list.any')} />
            <CountrySelect label={t('case.countryOfReturn')} value={search.countryOfReturn} onChange={(v) => onChange({ countryOfReturn: v ?? undefined })} placeholder={t('case.list.any')} />
            <DateField label={t('handover.incoming.sentFrom')} value={search.sentFrom ?? ''} max={search.sentTo} onChange={(day) => onChange({ sentFrom: day || undefined })} />
            <DateField label={t('handover.incoming.sentTo')} value={search.sentTo ?? ''} min={search.sentFrom} onChange={(day) => onChange({ sentTo: day || undefined })} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" onClick={onClear} disabled={active === 0}>
              <FormattedMessage id="handover.incoming.clear" />
            </Button>
          </Group>
        </Collapse>
      </form>
    </Card>
  );
}

/** Handovers sent to the user's office: filtered, sorted and paged by the server, with the package of the one chosen. */
export function IncomingPage() {
  const intl = useIntl();
  const countries = useCountries();
  // Filters live in this tab's sessionStorage, never in the URL (a case number is not for logs).
  const [search, setSearch] = useSessionState<IncomingSearch>('handover.incoming', DEFAULT_SEARCH);
  const incoming = useIncoming(search);
  const [selected, setSelected] = useState<string | null>(null);
  const change = (patch: IncomingSearch) => setSearch((old) => ({ ...old, ...patch, page: 1 }));
  const current = incoming.data?.items.find((h) => h.id === selected) ?? null;
  const columns: DataColumn<Handover, IncomingSort>[] = [
    {
      id: 'caseNumber', header: 'handover.incoming.case', sortKey: 'caseNumber', nowrap: true,
      cell: (h) => (
        <Stack gap={2} align="flex-start">
          <Button
            variant="subtle" size="compact-sm" onClick={() => setSelected(h.id)} aria-pressed={h.id === selected}
            aria-label={intl.formatMessage({ id: 'handover.incoming.show' }, { caseNumber: h.caseNumber })}
          >
            <span className="ltr-value">{h.caseNumber}</span>
          </Button>
          {h.status === 'accepted' && (
            <Anchor component={Link} to={caseHandoverTab(h.caseId)} size="sm" ps={8} aria-label={intl.formatMessage({ id: 'handover.incoming.open' }, { caseNumber: h.caseNumber })}>
              <FormattedMessage id="handover.openCase" />
            </Anchor>
          )}
        </Stack>
      ),
    },
    {
      id: 'fromOffice', header: 'handover.fromOffice', sortKey: 'fromOffice',
      cell: (h) => (
        <>
          <bdi>{h.fromOfficeName}</bdi>
          <Text size="xs" c="dimmed">{countries.name(h.fromCountry)}</Text>
        </>
      ),
    },
    {
      id: 'purpose', header: 'handover.purpose',
      cell: (h) => (
        <>
          {intl.formatMessage({ id: `handover.purpose.${h.purpose}` })}
          <Text size="xs" c="dimmed">{countries.name(h.countryOfReturn)}</Text>
        </>
      ),
    },
    { id: 'sentAt', header: 'handover.sent', sortKey: 'sentAt', nowrap: true, title: (h) => formatMoment(intl, h.sentAt), cell: (h) => formatMomentDay(intl, h.sentAt) },
    { id: 'status', header: 'handover.status', sortKey: 'status', nowrap: true, cell: (h) => <HandoverStatusBadge status={h.status} /> },
  ];
  return (
    <Stack>
      <PageTitle id="handover.incoming.title" />
      <IncomingFilters search={search} onChange={change} onClear={() => setSearch(DEFAULT_SEARCH)} />
      <DataTable
        columns={columns}
        rows={incoming.data?.items}
        rowKey={(h) => h.id}
        loading={incoming.isPending}
        fetching={incoming.isFetching}
        error={incoming.error}
        empty={Object.keys(search).some((k) => (FILTER_KEYS as readonly string[]).includes(k) && search[k as keyof IncomingSearch]) ? 'handover.incoming.noMatch' : 'handover.incoming.none'}
        caption={incoming.data ? <FormattedMessage id="handover.incoming.caption" values={{ total: incoming.data.total }} /> : null}
        sort={{ key: search.sort, order: search.order, onSort: (sort, order) => change({ sort, order }) }}
        paging={
          incoming.data && {
            page: incoming.data.page,
            pageSize: incoming.data.pageSize,
            total: incoming.data.total,
            onPage: (page) => setSearch((old) => ({ ...old, page })),
            onPageSize: (pageSize) => change({ pageSize }),
          }
        }
        minWidth={640}
      />
      {current ? (
        <PackagePanel key={current.id} handover={current} />
      ) : (
        incoming.data && incoming.data.items.length > 0 && <Text c="dimmed"><FormattedMessage id="handover.incoming.choose" /></Text>
      )}
    </Stack>
  );
}
