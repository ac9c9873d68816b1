import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Progress, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { CASE_KINDS, DOCUMENT_TYPES, LEGAL_STATUSES, RELATIONSHIPS, SEXES, STAGES } from '../../../shared/cases';
import { VULNERABILITY_CATEGORIES, VULNERABILITY_STATUSES } from '../../../shared/protection';
import { COMPONENT_TYPES } from '../../../shared/reintegration';
import { NOT_REACHED_REASONS, VISIT_METHODS, VISIT_OUTCOMES } from '../../../shared/schemas/monitoring';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { FileField } from '../../components/file-field';
import { PageTitle } from '../../components/page-title';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import {
  CASE_FIELDS_OF_PERSON_FILE, CASE_FILE_FIELDS, DATE_FORMATS, ENTITY_FIELDS, IMPORT_ENTITIES, REQUIRED_CASE_FILE_FIELDS, IMPORT_OUTCOMES, REQUIRED_FIELDS, cancelRun, importKeys, reportCsvUrl, saveMapping, startRun, uploadImportFile,
  useFilePreview, useMappings, useReport, useRun, useRuns, type ImportFileView, type ImportMapping, type ImportEntity, type ImportRunView, type LegacyField,
} from './api';

type Values = Partial<Record<LegacyField, Record<string, string>>>;
interface Draft {
  entity: ImportEntity; columns: Partial<Record<LegacyField, string>>; values: Values; dateFormat: ImportMapping['dateFormat'];
  /** A person file whose cases are in a file of their own: that file and its mapping. */
  casesApart: boolean; casesFile: ImportFileView | null; cases: { columns: Partial<Record<LegacyField, string>>; values: Values; dateFormat: ImportMapping['dateFormat'] };
}

/** The coded fields and the Homeward values (catalogue prefix) their codes map to; countries are ISO 3166. */
const CODED: Partial<Record<LegacyField, { prefix: string; values: readonly string[] } | 'country'>> = {
  relationship: { prefix: 'relationship', values: ['principal', ...RELATIONSHIPS] },
  sex: { prefix: 'sex', values: SEXES },
  legalStatus: { prefix: 'legalStatus', values: LEGAL_STATUSES },
  kind: { prefix: 'caseKind', values: CASE_KINDS },
  stage: { prefix: 'stage', values: STAGES },
  nationality: 'country',
  countryOfReturn: 'country',
  documentType: { prefix: 'documentType', values: DOCUMENT_TYPES },
  documentCountry: 'country',
  vulnerabilities: { prefix: 'protection.category', values: VULNERABILITY_CATEGORIES },
  category: { prefix: 'protection.category', values: VULNERABILITY_CATEGORIES },
  vulnerabilityStatus: { prefix: 'protection.status', values: VULNERABILITY_STATUSES },
  componentType: { prefix: 'reintegration.componentType', values: COMPONENT_TYPES },
  componentStatus: { prefix: 'reintegration.status', values: ['planned', 'in_progress', 'delivered', 'cancelled'] },
  visitMethod: { prefix: 'monitoring.method', values: VISIT_METHODS },
  visitOutcome: { prefix: 'monitoring.outcome', values: VISIT_OUTCOMES },
  notReachedReason: { prefix: 'monitoring.notReached', values: NOT_REACHED_REASONS },
};
/** Fields whose cells hold several codes separated by `;`: each code is mapped on its own. */
const MULTI: readonly LegacyField[] = ['vulnerabilities'];
/** The label of a field in the mapping of a kind of file (a vulnerability's own id is not a person's). */
const fieldLabel = (entity: ImportEntity, field: LegacyField) =>
  entity === 'visits' && field !== 'caseLegacyId' ? `imports.visits.field.${field}`
    : entity !== 'households' && field === 'legacyId' ? `imports.field.${entity}.legacyId` : `imports.field.${field}`;
/** The name of a kind of file (a file of visits has its own block of the catalogues). */
const entityLabel = (entity: ImportEntity) => (entity === 'visits' ? 'imports.visits.entity' : `imports.entity.${entity}`);
/** The catalogue key of a report's reason, if there is one: a file of visits' own reasons first. */
const reasonKey = (messages: Record<string, unknown>, entity: ImportEntity, reason: string, twoFiles?: { file: string }) =>
  [
    // A run of a person file and its cases file words some reasons by the file of the line.
    ...(twoFiles ? [`imports.cases.reason.${twoFiles.file}.${reason}`] : []),
    ...(entity === 'visits' ? [`imports.visits.reason.${reason}`] : []), `imports.reason.${reason}`,
  ].find((k) => k in messages);
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

const DELIMITERS: Record<string, string> = { ',': 'imports.delimiter.comma', ';': 'imports.delimiter.semicolon', '\t': 'imports.delimiter.tab', '|': 'imports.delimiter.pipe' };

function StatusBadge({ run }: { run: ImportRunView }) {
  const color = { queued: 'gray', running: 'blue', done: 'green', failed: 'red', cancelled: 'orange' }[run.status] ?? 'gray';
  return <Badge color={color} variant="light" tt="none"><FormattedMessage id={`imports.status.${run.status}`} /></Badge>;
}

/** Step 1: the file, sent with a progress bar; then what the server detected and the first rows. */
function UploadStep({ file, onUploaded, title = 'imports.upload.title', fileLabel = 'imports.upload.file', sendLabel = 'imports.upload.send' }: {
  file: ImportFileView | null; onUploaded: (f: ImportFileView) => void; title?: string; fileLabel?: string; sendLabel?: string;
}) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const fileRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [share, setShare] = useState(0);
  const upload = useMutation({ mutationFn: (f: File) => uploadImportFile(f, setShare), onSuccess: onUploaded });
  const preview = useFilePreview(file?.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) { setFileError(t('imports.upload.chooseFile')); fileRef.current?.focus(); return; }
    setShare(0);
    upload.mutate(chosen);
  };
  const columns: DataColumn<string[]>[] = (file?.headers ?? []).map((_h, i) => ({ id: `c${i}`, header: 'imports.preview.column', cell: (row) => <bdi>{row[i]}</bdi> }));
  return (
    <SectionCard title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed"><FormattedMessage id="imports.upload.help" /></Text>
          <div aria-live="assertive">{upload.error ? <ApiErrorAlert error={upload.error} scope="imports" /> : null}</div>
          <FileField ref={fileRef} label={t(fileLabel)} required accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            error={fileError} file={chosen} onChange={(f) => { setChosen(f); setFileError(undefined); }} />
          {upload.isPending || share > 0 ? (
            <Progress value={Math.round(share * 100)} size="lg" aria-label={t('imports.upload.progress')} aria-valuetext={t('imports.upload.percent', { percent: Math.round(share * 100) })} />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={upload.isPending}><FormattedMessage id={sendLabel} /></Button>
          </Group>
        </Stack>
      </form>
      {file ? (
        <Stack gap="sm" mt="md">
          <DetailList items={[
            { label: 'imports.file.name', value: <bdi>{file.fileName}</bdi> },
            { label: 'imports.file.encoding', value: file.encoding },
            { label: 'imports.file.delimiter', value: t(DELIMITERS[file.delimiter] ?? 'imports.delimiter.other') },
            { label: 'imports.file.columns', value: intl.formatNumber(file.headers.length) },
            { label: 'imports.file.rows', value: preview.data ? t(preview.data.complete ? 'imports.file.rowsExact' : 'imports.file.rowsAtLeast', { count: preview.data.sampledRows }) : '' },
          ]} />
          <div style={{ overflowX: 'auto' }}>
            <DataTable<string[]>
              caption={<FormattedMessage id="imports.preview.caption" />}
              columns={columns.map((c, i) => ({ ...c, headerText: file.headers[i] }))}
              rows={preview.data?.rows}
              rowKey={(row) => String(preview.data?.rows.indexOf(row))}
              minWidth={Math.min(2400, 140 * file.headers.length)}
              loading={preview.isPending}
              error={preview.error}
              empty="imports.preview.empty"
            />
          </div>
        </Stack>
      ) : null}
    </SectionCard>
  );
}

/** Suggests the Homeward value of a legacy code: a value already Homeward's, or a country by its code or name in any language. */
function suggest(field: LegacyField, raw: string, countries: ReturnType<typeof useCountries>['countries']): string | undefined {
  const coded = CODED[field];
  if (!coded) return undefined;
  const v = fold(raw);
  if (coded === 'country') {
    const c = countries.find((k) => fold(k.alpha2) === v || fold(k.alpha3 ?? '') === v || Object.values(k.names).some((n) => n && fold(n) === v));
    return c?.alpha2.toUpperCase();
  }
  return coded.values.find((x) => x === v || fold(x.replace(/_/g, ' ')) === v);
}

/** The columns of one file: which column holds each field, the codes of its coded columns, its date format. */
interface FileMapping { columns: Partial<Record<LegacyField, string>>; values: Values; dateFormat: ImportMapping['dateFormat'] }

/** The fields a person file maps: without the case's fields when the cases are in a file of their own. */
const personFields = (d: Draft): readonly LegacyField[] =>
  d.entity === 'households' && d.casesApart ? ENTITY_FIELDS.households.filter((f) => !CASE_FIELDS_OF_PERSON_FILE.includes(f)) : ENTITY_FIELDS[d.entity];

/** Which column of a file holds each of its fields, the codes of its coded columns, the date format (one file's mapping). */
function MappingFields({ file, fields, required, labelOf, mapping, onChange }: {
  file: ImportFileView; fields: readonly LegacyField[]; required: readonly LegacyField[]; labelOf: (f: LegacyField) => string;
  mapping: FileMapping; onChange: (m: FileMapping) => void;
}) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const countries = useCountries();
  const preview = useFilePreview(file.id);
  const columnOptions = [{ value: '', label: t('imports.mapping.noColumn') }, ...file.headers.map((h) => ({ value: h, label: h }))];
  const columnValues = (column: string | undefined) => preview.data?.columns.find((c) => c.name === column)?.values ?? null;
  const valuesOf = (column: string | undefined, field?: LegacyField) => {
    const values = columnValues(column);
    if (!values || !field || !MULTI.includes(field)) return values;
    // Each code of a list counted on its own.
    const counts = new Map<string, number>();
    for (const { value, count } of values) {
      for (const code of value.split(';').map((c) => c.trim()).filter(Boolean)) counts.set(code, (counts.get(code) ?? 0) + count);
    }
    return [...counts].map(([value, count]) => ({ value, count }));
  };
  const setColumn = (field: LegacyField, column: string) => {
    const next: FileMapping = { ...mapping, columns: { ...mapping.columns, [field]: column || undefined } };
    // Offer the codes of a coded column at once, with what Homeward can guess of them.
    const values = valuesOf(column, field);
    if (CODED[field] && values) {
      const known = { ...(mapping.values[field] ?? {}) };
      for (const { value } of values) if (!known[value]) { const s = suggest(field, value, countries.countries); if (s) known[value] = s; }
      next.values = { ...mapping.values, [field]: known };
    }
    onChange(next);
  };
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {fields.filter((f) => f !== 'officeCode').map((field) => (
          <NativeSelect key={field} label={t(labelOf(field))} withAsterisk={required.includes(field)}
            value={mapping.columns[field] ?? ''} onChange={(e) => setColumn(field, e.currentTarget.value)} data={columnOptions} />
        ))}
      </SimpleGrid>
      <NativeSelect label={t('imports.mapping.dateFormat')} description={t('imports.mapping.dateFormat.help')} value={mapping.dateFormat}
        onChange={(e) => onChange({ ...mapping, dateFormat: e.currentTarget.value as FileMapping['dateFormat'] })}
        data={DATE_FORMATS.map((f) => ({ value: f, label: t(`imports.dateFormat.${f}`) }))} />
      {(Object.keys(CODED) as LegacyField[]).filter((f) => fields.includes(f)).map((field) => {
        const column = mapping.columns[field];
        const values = valuesOf(column, field);
        if (!column) return null;
        const coded = CODED[field]!;
        const options = [{ value: '', label: t('imports.mapping.asIs') }, ...(coded === 'country'
          ? countries.options
          : coded.values.map((v) => ({ value: v, label: t(`${coded.prefix}.${v}`) })))];
        return (
          <fieldset key={field} className="imports-values">
            <legend><FormattedMessage id="imports.mapping.values" values={{ field: t(labelOf(field)), column: <bdi>{column}</bdi> }} /></legend>
            {values === null ? (
              <Text size="sm" c="dimmed"><FormattedMessage id="imports.mapping.tooManyValues" /></Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {values.map(({ value, count }) => (
                  <NativeSelect key={value} label={<><bdi>{value}</bdi> <Text span size="xs" c="dimmed"><FormattedMessage id="imports.mapping.rowsCount" values={{ count }} /></Text></>}
                    value={mapping.values[field]?.[value] ?? ''} data={options}
                    onChange={(e) => {
                      const chosen = e.currentTarget.value;
                      const current = { ...(mapping.values[field] ?? {}) };
                      if (chosen) current[value] = chosen; else delete current[value];
                      onChange({ ...mapping, values: { ...mapping.values, [field]: current } });
                    }} />
                ))}
              </SimpleGrid>
            )}
          </fieldset>
        );
      })}
    </>
  );
}

/** Step 2: which column holds each field, the codes of coded columns, the date format; saved mappings; whether the cases are in a file of their own. */
function MappingStep({ file, draft, setDraft }: { file: ImportFileView; draft: Draft; setDraft: (d: Draft) => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const mappings = useMappings();
  const [chosenMapping, setChosenMapping] = useState('');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const save = useMutation({
    mutationFn: () => saveMapping({
      name: name.trim(), entity: draft.entity, mapping: toMapping(draft, personFields(draft)),
      // A person file whose cases come in a file of their own: the pair, as one.
      ...(draft.entity === 'households' && draft.casesApart ? { casesMapping: toMapping(draft.cases, CASE_FILE_FIELDS) } : {}),
    }),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: importKeys.mappings });
      notifications.show({ color: 'green', message: t('imports.mapping.savedDone', { name: m.name }) });
    },
  });
  const load = () => {
    const m = mappings.data?.items.find((x) => x.id === chosenMapping);
    if (!m) return;
    const cases = m.casesMapping;
    setDraft({
      ...draft, entity: m.entity as ImportEntity, columns: { ...m.mapping.columns }, values: { ...(m.mapping.values ?? {}) }, dateFormat: m.mapping.dateFormat ?? 'YYYY-MM-DD',
      casesApart: !!cases,
      cases: cases ? { columns: { ...cases.columns }, values: { ...(cases.values ?? {}) }, dateFormat: cases.dateFormat ?? 'YYYY-MM-DD' } : draft.cases,
    });
    setName(m.name);
    notifications.show({ message: t('imports.mapping.loaded', { name: m.name }) });
  };
  const submitSave = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) { setNameError(t('imports.mapping.nameRequired')); return; }
    setNameError(undefined);
    save.mutate();
  };
  const casesApart = draft.entity === 'households' && draft.casesApart;
  const required = REQUIRED_FIELDS[draft.entity].filter((f) => !casesApart || !CASE_FIELDS_OF_PERSON_FILE.includes(f));

  return (
    <SectionCard title="imports.mapping.title">
      <Stack gap="md">
        <Group align="flex-end" wrap="wrap">
          <NativeSelect label={t('imports.mapping.saved.label')} value={chosenMapping} onChange={(e) => setChosenMapping(e.currentTarget.value)}
            data={[{ value: '', label: t('imports.mapping.saved.none') }, ...(mappings.data?.items ?? []).map((m) => ({ value: m.id, label: t(m.casesMapping ? 'imports.mapping.saved.optionWithCases' : 'imports.mapping.saved.option', { name: m.name, entity: t(entityLabel(m.entity as ImportEntity)) }) }))]} />
          <Button variant="light" onClick={load} disabled={!chosenMapping}><FormattedMessage id="imports.mapping.load" /></Button>
        </Group>
        <NativeSelect label={t('imports.entity.label')} description={t('imports.entity.help')} value={draft.entity} w={{ base: '100%', sm: 420 }}
          onChange={(e) => setDraft({ ...draft, entity: e.currentTarget.value as ImportEntity })}
          data={IMPORT_ENTITIES.map((x) => ({ value: x, label: t(entityLabel(x)) }))} />
        {draft.entity === 'visits' && <Text size="sm" c="dimmed"><FormattedMessage id="imports.visits.help" /></Text>}
        {draft.entity === 'households' && (
          <Checkbox label={t('imports.cases.apart')} description={t('imports.cases.apart.help')} checked={draft.casesApart}
            onChange={(e) => setDraft({ ...draft, casesApart: e.currentTarget.checked })} />
        )}
        <MappingFields file={file} fields={personFields(draft)} required={required}
          labelOf={(f) => (casesApart && f === 'householdKey' ? 'imports.cases.field.householdKey' : fieldLabel(draft.entity, f))}
          mapping={draft} onChange={(m) => setDraft({ ...draft, ...m })} />
        <form onSubmit={submitSave} noValidate>
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('imports.mapping.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} error={nameError} required />
            <Button type="submit" variant="light" loading={save.isPending}><FormattedMessage id="imports.mapping.save" /></Button>
          </Group>
          {save.error ? <ApiErrorAlert error={save.error} scope="imports" /> : null}
        </form>
      </Stack>
    </SectionCard>
  );
}

/** Step 2b: the cases file of a person file whose cases are in a file of their own, sent and mapped as the first file is. */
function CasesFileStep({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  return (
    <>
      <UploadStep file={draft.casesFile} onUploaded={(f) => setDraft({ ...draft, casesFile: f })}
        title="imports.cases.upload.title" fileLabel="imports.cases.file" sendLabel="imports.cases.send" />
      {draft.casesFile ? (
        <SectionCard title="imports.cases.mapping.title">
          <Stack gap="md">
            <MappingFields key={draft.casesFile.id} file={draft.casesFile} fields={CASE_FILE_FIELDS} required={REQUIRED_CASE_FILE_FIELDS}
              labelOf={(f) => (f === 'legacyId' ? 'imports.cases.field.legacyId' : `imports.field.${f}`)}
              mapping={draft.cases} onChange={(m) => setDraft({ ...draft, cases: m })} />
          </Stack>
        </SectionCard>
      ) : null}
    </>
  );
}

/** The mapping sent: only the given fields (the server refuses the others). */
const toMapping = (d: FileMapping, fields: readonly LegacyField[]): ImportMapping => {
  const values: Values = {};
  for (const [field, map] of Object.entries(d.values) as [LegacyField, Record<string, string>][]) {
    if (fields.includes(field) && d.columns[field] && map && Object.keys(map).length) values[field] = map;
  }
  const columns: FileMapping['columns'] = {};
  for (const [field, column] of Object.entries(d.columns) as [LegacyField, string | undefined][]) if (column && fields.includes(field)) columns[field] = column;
  return { columns, values, dateFormat: d.dateFormat };
};

/** A run: its progress while it works (polled), a cancel button, then the counts and the report. */
export function RunPanel({ runId }: { runId: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const run = useRun(runId);
  const [outcome, setOutcome] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const r = run.data;
  const finished = Boolean(r && !['queued', 'running'].includes(r.status));
  const report = useReport(runId, outcome, page, pageSize, finished);
  const cancel = useMutation({ mutationFn: () => cancelRun(runId), onSuccess: (v) => queryClient.setQueryData(importKeys.run(runId), v) });
  if (!r) return run.error ? <ApiErrorAlert error={run.error} scope="imports" /> : null;
  const percent = r.rowsTotal > 0 ? Math.min(100, Math.round((r.rowsDone / r.rowsTotal) * 100)) : 0;
  const columns: DataColumn<NonNullable<typeof report.data>['items'][number]>[] = [
    // A run of a person file and its cases file names the file of each line.
    ...(r.casesFileId ? [{ id: 'file', header: 'imports.report.file', cell: (x: { file: string }) => <FormattedMessage id={`imports.report.file.${x.file}`} />, nowrap: true }] : []),
    { id: 'line', header: 'imports.report.line', cell: (x) => intl.formatNumber(x.line), nowrap: true },
    // A file of another kind of record names its case, and its own id.
    { id: 'household', header: r.entity === 'households' ? 'imports.report.household' : 'imports.field.caseLegacyId', cell: (x) => <bdi>{x.householdKey}</bdi> },
    { id: 'legacy', header: r.entity === 'households' ? 'imports.report.legacyId' : fieldLabel(r.entity, 'legacyId'), cell: (x) => <bdi>{x.legacyId}</bdi> },
    { id: 'outcome', header: 'imports.report.outcome', cell: (x) => <FormattedMessage id={`imports.outcome.${x.outcome}`} /> },
    { id: 'reason', header: 'imports.report.reason', cell: (x) => {
      const key = x.reason ? reasonKey(intl.messages, r.entity, x.reason, r.casesFileId ? x : undefined) : undefined;
      return x.reason ? (key ? t(key, { key: x.householdKey ?? '' }) : x.reason) : x.possibleDuplicateOf ? t('imports.report.possibleDuplicate') : '';
    } },
    { id: 'column', header: 'imports.report.column', cell: (x) => <bdi>{x.column}</bdi> },
  ];
  return (
    <SectionCard title={r.mode === 'import' ? 'imports.run.importTitle' : 'imports.run.dryRunTitle'} values={{ file: r.fileName }} actions={<StatusBadge run={r} />}>
      <Stack gap="sm">
        {!finished || r.mode === 'import' ? (
          <div>
            <Progress value={finished && r.status === 'done' ? 100 : percent} size="lg" aria-label={t('imports.run.progress')}
              aria-valuetext={t('imports.run.rowsDone', { done: r.rowsDone, total: r.rowsTotal })} animated={!finished} />
            <Text size="sm" mt={4} aria-live="polite">
              <FormattedMessage id="imports.run.rowsDone" values={{ done: intl.formatNumber(r.rowsDone), total: intl.formatNumber(r.rowsTotal) }} />
              {r.rate ? <> · <FormattedMessage id="imports.run.rate" values={{ rate: intl.formatNumber(r.rate) }} /></> : null}
              {r.secondsLeft !== null && !finished ? <> · <FormattedMessage id="imports.run.timeLeft" values={{ minutes: Math.floor(r.secondsLeft / 60), seconds: r.secondsLeft % 60 }} /></> : null}
            </Text>
          </div>
        ) : null}
        {!finished && r.mode === 'import' ? (
          <Group>
            <Button color="red" variant="light" onClick={() => cancel.mutate()} loading={cancel.isPending} disabled={r.cancelRequested}>
              <FormattedMessage id={r.cancelRequested ? 'imports.run.cancelling' : 'imports.run.cancel'} />
            </Button>
          </Group>
        ) : null}
        {cancel.error ? <ApiErrorAlert error={cancel.error} scope="imports" /> : null}
        {r.casesFileName ? <Text size="sm"><FormattedMessage id="imports.run.casesFile" values={{ file: <bdi>{r.casesFileName}</bdi> }} /></Text> : null}
        {r.status === 'failed' ? <Text c="red"><FormattedMessage id="imports.run.failed" values={{ code: r.errorCode ?? '' }} /></Text> : null}
        {finished ? (
          <>
            <DetailList items={[
              { label: 'imports.outcome.created', value: intl.formatNumber(r.created), key: 'created' },
              { label: 'imports.outcome.updated', value: intl.formatNumber(r.updated), key: 'updated' },
              { label: 'imports.outcome.unchanged', value: intl.formatNumber(r.unchanged), key: 'unchanged' },
              { label: 'imports.outcome.rejected', value: intl.formatNumber(r.rejected), key: 'rejected' },
              { label: 'imports.run.possibleDuplicates', value: intl.formatNumber(r.possibleDuplicates), key: 'dups' },
            ]} />
            <Group wrap="wrap">
              <Anchor href={reportCsvUrl(r.id)} download><FormattedMessage id="imports.report.download" /></Anchor>
              {r.possibleDuplicates > 0 ? (
                <Anchor component={Link} to={`/imports/runs/${r.id}/duplicates`}><FormattedMessage id="imports.duplicates.open" values={{ count: r.possibleDuplicates }} /></Anchor>
              ) : null}
            </Group>
            <NativeSelect label={t('imports.report.filter')} value={outcome} w={240}
              onChange={(e) => { setOutcome(e.currentTarget.value); setPage(1); }}
              data={[{ value: '', label: t('imports.report.all') }, ...IMPORT_OUTCOMES.map((o) => ({ value: o, label: t(`imports.outcome.${o}`) }))]} />
            <DataTable
              caption={<FormattedMessage id="imports.report.caption" />}
              columns={columns}
              rows={report.data?.items}
              rowKey={(x) => `${x.file}-${x.line}`}
              loading={report.isPending}
              fetching={report.isFetching}
              error={report.error}
              errorScope="imports"
              empty="imports.report.empty"
              paging={{ page, pageSize, total: report.data?.total ?? 0, onPage: setPage, onPageSize: (n) => { setPageSize(n); setPage(1); } }}
            />
          </>
        ) : null}
      </Stack>
    </SectionCard>
  );
}

/** Step 3: a dry run or, once confirmed, the import; the source names the system the file comes from. */
function RunStep({ file, draft, onStarted }: { file: ImportFileView; draft: Draft; onStarted: (r: ImportRunView) => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const [source, setSource] = useState('');
  const [sourceError, setSourceError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const start = useMutation({
    mutationFn: (mode: 'dry_run' | 'import') => startRun({
      fileId: file.id, mode, entity: draft.entity, mapping: toMapping(draft, personFields(draft)), source: source.trim(),
      // The cases file, when the person file's cases are in a file of their own.
      ...(casesApart && draft.casesFile ? { casesFileId: draft.casesFile.id, casesMapping: toMapping(draft.cases, CASE_FILE_FIELDS) } : {}),
    }),
    onSuccess: async (r) => {
      setConfirming(false);
      onStarted(r);
      await queryClient.invalidateQueries({ queryKey: importKeys.runs });
    },
  });
  const casesApart = draft.entity === 'households' && draft.casesApart;
  const [casesError, setCasesError] = useState(false);
  const go = (mode: 'dry_run' | 'import') => {
    if (casesApart && !draft.casesFile) { setCasesError(true); return; }
    setCasesError(false);
    if (!source.trim()) { setSourceError(t('imports.run.sourceRequired')); return; }
    setSourceError(undefined);
    if (mode === 'import') setConfirming(true);
    else start.mutate('dry_run');
  };
  return (
    <SectionCard title="imports.run.title">
      <Stack gap="sm">
        <TextInput label={t('imports.run.source')} description={t('imports.run.source.help')} value={source} maxLength={100} required
          error={sourceError} onChange={(e) => setSource(e.currentTarget.value)} w={{ base: '100%', sm: 420 }} />
        {start.error && !confirming ? <ApiErrorAlert error={start.error} scope="imports" /> : null}
        {casesError && casesApart && !draft.casesFile ? <Text c="red" size="sm" role="alert"><FormattedMessage id="imports.cases.fileRequired" /></Text> : null}
        <Group>
          <Button variant="light" onClick={() => go('dry_run')} loading={start.isPending && start.variables === 'dry_run'}><FormattedMessage id="imports.run.dryRun" /></Button>
          <Button onClick={() => go('import')}><FormattedMessage id="imports.run.import" /></Button>
        </Group>
      </Stack>
      <ConfirmAction opened={confirming} onCancel={() => setConfirming(false)} onConfirm={() => start.mutate('import')} title="imports.run.confirm.title"
        body="imports.run.confirm.body" bodyValues={{ file: <bdi>{file.fileName}</bdi>, source: <bdi>{source.trim()}</bdi> }} confirmLabel="imports.run.confirm.go"
        pending={start.isPending} error={start.error} errorScope="imports" />
    </SectionCard>
  );
}

/** Step 5: the office's earlier runs; one opens in the panel above. */
function RunsList({ onOpen }: { onOpen: (id: string) => void }) {
  const intl = useIntl();
  const runs = useRuns();
  const columns: DataColumn<ImportRunView>[] = [
    { id: 'at', header: 'imports.runs.at', cell: (r) => formatMoment(intl, String(r.createdAt)), nowrap: true },
    { id: 'file', header: 'imports.file.name', cell: (r) => (r.casesFileName
      ? <FormattedMessage id="imports.runs.fileNames" values={{ persons: <bdi>{r.fileName}</bdi>, cases: <bdi>{r.casesFileName}</bdi> }} />
      : <bdi>{r.fileName}</bdi>) },
    { id: 'mode', header: 'imports.runs.mode', cell: (r) => <FormattedMessage id={`imports.mode.${r.mode}`} /> },
    { id: 'entity', header: 'imports.runs.entity', cell: (r) => <FormattedMessage id={entityLabel(r.entity)} /> },
    { id: 'source', header: 'imports.run.source', cell: (r) => <bdi>{r.source}</bdi> },
    { id: 'status', header: 'imports.runs.status', cell: (r) => <StatusBadge run={r} /> },
    { id: 'counts', header: 'imports.runs.counts', cell: (r) => <FormattedMessage id="imports.runs.countsValue" values={{ created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }} /> },
  ];
  return (
    <SectionCard title="imports.runs.title">
      <DataTable caption={<FormattedMessage id="imports.runs.caption" />} columns={columns} rows={runs.data?.items} rowKey={(r) => r.id}
        loading={runs.isPending} error={runs.error} errorScope="imports" empty="imports.runs.empty"
        rowActions={(r) => (
          <Button size="compact-sm" variant="light" onClick={() => onOpen(r.id)} aria-label={intl.formatMessage({ id: 'imports.runs.openFor' }, { file: r.fileName, at: formatMoment(intl, String(r.createdAt)) })}>
            <FormattedMessage id="imports.runs.open" />
          </Button>
        )} />
    </SectionCard>
  );
}

/** The legacy caseload import: upload, mapping, dry run, import, reports, earlier runs. */
export function ImportsPage() {
  const [file, setFile] = useState<ImportFileView | null>(null);
  const [draft, setDraft] = useState<Draft>({
    entity: 'households', columns: {}, values: {}, dateFormat: 'YYYY-MM-DD', casesApart: false, casesFile: null, cases: { columns: {}, values: {}, dateFormat: 'YYYY-MM-DD' },
  });
  const [runId, setRunId] = useState<string>();
  const panelRef = useRef<HTMLDivElement>(null);
  const open = (id: string) => {
    setRunId(id);
    requestAnimationFrame(() => panelRef.current?.scrollIntoView({ block: 'start' }));
  };
  const mappingKey = useMemo(() => file?.id ?? '', [file]);
  return (
    <Stack gap="md">
      <PageTitle id="imports.title" />
      <UploadStep file={file} onUploaded={(f) => { setFile(f); setRunId(undefined); }} />
      {file ? <MappingStep key={mappingKey} file={file} draft={draft} setDraft={setDraft} /> : null}
      {file && draft.entity === 'households' && draft.casesApart ? <CasesFileStep draft={draft} setDraft={setDraft} /> : null}
      {file ? <RunStep file={file} draft={draft} onStarted={(r) => open(r.id)} /> : null}
      <div ref={panelRef}>{runId ? <RunPanel key={runId} runId={runId} /> : null}</div>
      <RunsList onOpen={open} />
    </Stack>
  );
}
