import { Anchor, Button, Card, Group, Loader, MultiSelect, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AuditFields } from '../../components/audit-fields';
import { DateField } from '../../components/date-field';
import { PageTitle } from '../../components/page-title';
import { Pager } from '../../components/data-table/pager';
import { compactBody, seg } from '../../lib/api';
import { formatMoment, isValidIsoDate } from '../../lib/dates';
import { useEventLabel } from '../../lib/event-label';
import { shownText } from '../../lib/erased';
import { AdminNav } from './admin-nav';
import { adminKeys, searchAudit, useAuditPeople, type AuditEntry, type AuditQuery } from './api';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';

interface AuditForm {
  events: string[];
  actorId: string | null;
  caseNumber: string;
  entityType: string | null;
  entityId: string;
  from: string;
  to: string;
}

const EMPTY: AuditForm = { events: [], actorId: null, caseNumber: '', entityType: null, entityId: '', from: '', to: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toQuery(form: AuditForm): AuditQuery {
  return compactBody<AuditQuery>({
    events: form.events.length ? form.events : undefined,
    actorId: form.actorId ?? undefined,
    caseNumber: form.caseNumber.trim(),
    entityType: form.entityType ?? undefined,
    entityId: form.entityId.trim(),
    from: isValidIsoDate(form.from) ? form.from : undefined,
    to: isValidIsoDate(form.to) ? form.to : undefined,
  });
}

/** The names of a closed list as the catalogue labels them (`event.<name>`, `audit.entityType.<type>`), sorted in the user's language. */
function useCatalogueOptions(prefix: string) {
  const intl = useIntl();
  return useMemo(
    () =>
      Object.keys(intl.messages)
        .filter((key) => key.startsWith(prefix))
        .map((key) => ({ value: key.slice(prefix.length), label: intl.formatMessage({ id: key }) }))
        .sort((a, b) => a.label.localeCompare(b.label, intl.locale)),
    [intl, prefix],
  );
}

/** The actor picked by name or e-mail: the server offers only people of the reader's audit scope. */
function ActorPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const people = useAuditPeople(search === picked?.label ? '' : search);
  const options = (people.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }));
  const data = picked && value === picked.value && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select
      label={t('audit.actor')}
      placeholder={t('audit.actorSearch')}
      data={data}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      nothingFoundMessage={search.trim().length >= 2 && !people.isFetching ? t('common.nothingFound') : undefined}
      rightSection={people.isFetching ? <Loader size="xs" aria-label={t('common.loading')} /> : undefined}
    />
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasValue = (v: unknown) => v !== undefined && v !== null && !(isRecord(v) && Object.keys(v).length === 0);

/** A recorded value as text: strings as they are, anything else as JSON; absent as a dash. */
const valueText = (intl: IntlShape, v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? shownText(intl, v) : JSON.stringify(v));

function Json({ labelId, value }: { labelId: string; value: unknown }) {
  return (
    <div>
      <Text size="xs" fw={600}>
        <FormattedMessage id={labelId} />
      </Text>
      <pre className="json-block">{value === undefined || value === null ? '—' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/**
 * What an entry recorded, as far as the reader may see it: field by field, the value before and
 * after (the server sends only the fields the reader may read; `withheldFields` names the others),
 * then the entry's details.
 */
function EntryValues({ entry }: { entry: AuditEntry }) {
  const intl = useIntl();
  const { before, after, details } = entry;
  const byField = (before === undefined || isRecord(before)) && (after === undefined || isRecord(after));
  const fields = byField ? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])] : [];
  return (
    <Stack gap="xs">
      {byField ? (
        fields.length > 0 && (
          <Table withTableBorder aria-label={intl.formatMessage({ id: 'audit.changes' })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="audit.field" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="audit.before" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="audit.after" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => (
                <Table.Tr key={field}>
                  <Table.Th scope="row" className="ltr-value">{field}</Table.Th>
                  <Table.Td><bdi>{valueText(intl, before?.[field])}</bdi></Table.Td>
                  <Table.Td><bdi>{valueText(intl, after?.[field])}</bdi></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Json labelId="audit.before" value={before} />
          <Json labelId="audit.after" value={after} />
        </SimpleGrid>
      )}
      {hasValue(details) && <Json labelId="audit.details" value={details} />}
    </Stack>
  );
}

export function AuditPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const eventLabel = useEventLabel();
  const eventOptions = useCatalogueOptions('event.');
  const entityTypeOptions = useCatalogueOptions('audit.entityType.');
  const entityTypeLabel = (type: string | null | undefined) =>
    type ? (`audit.entityType.${type}` in intl.messages ? t(`audit.entityType.${type}`) : type) : '';
  const [form, setForm] = useState<AuditForm>(EMPTY);
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 50 });
  const [open, setOpen] = useState<number | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof AuditForm, string>>>({});
  const results = useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () =>
      searchAudit(query),
    placeholderData: keepPreviousData,
  });
  const set = <K extends keyof AuditForm>(key: K, value: AuditForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (form.from && form.to && form.from > form.to) found.to = t('audit.search.dateOrder');
    if (form.entityId.trim() && !UUID.test(form.entityId.trim())) found.entityId = t('validation.uuid');
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstInvalid();
      return;
    }
    setOpen(null);
    setQuery({ ...toQuery(form), page: 1, pageSize: query.pageSize });
  };

  return (
    <Stack>
      <AdminNav />
      <PageTitle id="admin.audit.title" />
      <Card withBorder>
        <form onSubmit={submit} role="search" aria-label={t('audit.search.label')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <MultiSelect
              label={t('audit.events')}
              data={eventOptions}
              value={form.events}
              onChange={(value) => set('events', value)}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              nothingFoundMessage={t('common.nothingFound')}
            />
            <ActorPicker value={form.actorId} onChange={(value) => set('actorId', value)} />
            <TextInput label={t('audit.caseNumber')} value={form.caseNumber} onChange={(e) => set('caseNumber', e.currentTarget.value)} dir="ltr" />
            <Select
              label={t('audit.entityType')}
              placeholder={t('audit.anyEntityType')}
              data={entityTypeOptions}
              value={form.entityType}
              onChange={(value) => set('entityType', value)}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              nothingFoundMessage={t('common.nothingFound')}
            />
            <TextInput
              label={t('audit.entityId')}
              value={form.entityId}
              onChange={(e) => set('entityId', e.currentTarget.value)}
              error={errors.entityId}
              dir="ltr"
            />
            <DateField label={t('audit.from')} value={form.from} onChange={(day) => set('from', day)} />
            <DateField label={t('audit.to')} value={form.to} onChange={(day) => set('to', day)} error={errors.to} />
          </SimpleGrid>
          <Group mt="sm">
            <Button type="submit">
              <FormattedMessage id="audit.search.submit" />
            </Button>
            <Button
              variant="subtle"
              onClick={() => {
                setForm(EMPTY);
                setQuery({ page: 1, pageSize: query.pageSize });
              }}
            >
              <FormattedMessage id="case.list.clearFilters" />
            </Button>
          </Group>
        </form>
      </Card>
      {results.isError && <ApiErrorAlert error={results.error} />}
      {results.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : results.data ? (
        <Stack gap="sm" aria-busy={results.isFetching}>
          <div className="table-scroll">
            <Table striped>
              <Table.Caption>
                <FormattedMessage id="audit.captionPlain" />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="audit.event" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="audit.actor" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="audit.entity" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="audit.time" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="audit.changes" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed" ta="center" py="md">
                        <FormattedMessage id="audit.empty" />
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {results.data.items.map((entry) => {
                  const expanded = open === entry.id;
                  // Values the reader may not read are not sent: only the names of the fields.
                  const hasValues = [entry.before, entry.after, entry.details].some(hasValue);
                  return (
                    <Fragment key={entry.id}>
                      <Table.Tr>
                        <Table.Td>{eventLabel(entry.event)}</Table.Td>
                        <Table.Td><bdi>{entry.actorName ?? entry.actorId ?? ''}</bdi></Table.Td>
                        <Table.Td>
                          <Text size="sm">{entityTypeLabel(entry.entityType)}</Text>
                          {entry.caseNumber && entry.caseId ? (
                            <Anchor component={Link} to={`/cases/${seg(entry.caseId)}`} size="xs">
                              <bdi>{entry.caseNumber}</bdi>
                            </Anchor>
                          ) : (
                            entry.entityType !== 'case' && entry.entityId && <Text size="xs" c="dimmed" className="ltr-value">{entry.entityId}</Text>
                          )}
                        </Table.Td>
                        <Table.Td><bdi>{formatMoment(intl, entry.at)}</bdi></Table.Td>
                        <Table.Td>
                          <AuditFields messageId="audit.changedFields" fields={entry.changedFields} />
                          <AuditFields messageId="audit.withheldFields" fields={entry.withheldFields} />
                          {hasValues && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              aria-expanded={expanded}
                              aria-controls={`audit-${entry.id}`}
                              onClick={() => setOpen(expanded ? null : entry.id)}
                            >
                              <FormattedMessage id={expanded ? 'audit.hideChanges' : 'audit.showChanges'} />
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                      {expanded && (
                        <Table.Tr id={`audit-${entry.id}`}>
                          <Table.Td colSpan={5}>
                            <EntryValues entry={entry} />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
          <Pager
            page={results.data.page ?? query.page ?? 1}
            pageSize={results.data.pageSize ?? query.pageSize ?? 50}
            hasMore={results.data.hasMore}
            rowsOnPage={results.data.items.length}
            onPage={(page) => setQuery((q) => ({ ...q, page }))}
            onPageSize={(pageSize) => setQuery((q) => ({ ...q, pageSize, page: 1 }))}
            pageSizes={[25, 50, 100]}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
