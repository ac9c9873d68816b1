import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { CASE_KINDS, DOCUMENT_TYPES, LEGAL_STATUSES, RELATIONSHIPS, SEXES, STAGES, normaliseDocumentNumber } from '../../../shared/cases.js';
import { documentNumberIndex } from '../cases/index.js';
import { memoNameKeys } from '../../../shared/names/name-keys.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import { isMoneyCurrency, parseAmount } from '../../../shared/money.js';
import { VULNERABILITY_CATEGORIES, VULNERABILITY_STATUSES } from '../../../shared/protection.js';
import { COMPONENT_TYPES } from '../../../shared/reintegration.js';
import type { ImportEntity, ImportMapping, LegacyField } from '../../../shared/schemas/imports.js';
import { CASE_FIELDS_OF_PERSON_FILE, CASE_FILE_FIELDS, ENTITY_FIELDS, REQUIRED_CASE_FILE_FIELDS, REQUIRED_FIELDS } from '../../../shared/schemas/imports.js';
import { errors } from './imports.errors.js';
import { stageVisitRecord } from './stage-visit.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';
/**
 * More columns than any legacy export has: a header or any row beyond it refuses the whole file
 * (nothing is staged); a row with more columns than the header, but fewer than this, is rejected.
 */
export const MAX_COLUMNS = 500;
const SAMPLE_BYTES = 64 * 1024;

const iconvName = (e: Encoding) => (e === 'utf-8-bom' ? 'utf-8' : e === 'windows-1252' ? 'win1252' : e);

/** The encoding by its byte order mark, else UTF-8 when the sample decodes strictly, else Windows-1252; NUL bytes without a BOM are not text. */
export function detectEncoding(sample: Buffer): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample.includes(0)) throw errors.IMPORT_ENCODING_UNSUPPORTED();
  // A sample cut in the middle of a character: leave its last bytes out of the check.
  let end = sample.length;
  if (sample.length === SAMPLE_BYTES) { end -= 4; while (end > 0 && (sample[end]! & 0xc0) === 0x80) end--; }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The delimiter that splits the header line into the most fields. */
export function detectDelimiter(headerLine: string): Delimiter {
  const candidates: Delimiter[] = [',', ';', '\t', '|'];
  let best: Delimiter = ',';
  let most = 0;
  for (const d of candidates) {
    const n = headerLine.split(d).length;
    if (n > most) { most = n; best = d; }
  }
  return best;
}

const decodedStream = (path: string, encoding: Encoding): Readable =>
  createReadStream(path).pipe(iconv.decodeStream(iconvName(encoding), { stripBOM: true })) as unknown as Readable;

/** Reads the start of a stored file: its encoding, delimiter and header row. */
export async function inspectFile(path: string) {
  const fh = await open(path, 'r');
  let sample: Buffer;
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    sample = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (!sample.length) throw errors.IMPORT_FILE_EMPTY();
  const encoding = detectEncoding(sample);
  const text = iconv.decode(sample, iconvName(encoding), { stripBOM: true });
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!headerLine.trim()) throw errors.IMPORT_FILE_EMPTY();
  const delimiter = detectDelimiter(headerLine);
  const headers = await new Promise<string[]>((resolve, reject) => {
    const parser = parse({ delimiter, to_line: 1, relax_quotes: true, relax_column_count: true });
    let first: string[] | undefined;
    parser.on('data', (r: string[]) => { first ??= r; });
    parser.on('end', () => resolve(first ?? []));
    parser.on('error', reject);
    parser.end(text.includes('\n') ? text.slice(0, text.indexOf('\n') + 1) : text);
  });
  if (headers.length > MAX_COLUMNS) throw errors.IMPORT_TOO_MANY_COLUMNS({ columns: headers.length, max: MAX_COLUMNS });
  return { encoding, delimiter, headers: headers.map((h) => h.trim()) };
}

/**
 * Every required field mapped to a column of the file; a mapped column the file lacks is refused. A
 * cases file has its own fields; a person file with a cases file (`casesApart`) maps no case field
 * (which file would win is then never a question). With two files, the refusal names the file.
 */
export function checkMapping(mapping: ImportMapping, headers: string[], entity: StagedFile = 'households', opts: { casesApart?: boolean } = {}) {
  let fields: readonly string[] = entity === 'cases' ? CASE_FILE_FIELDS : ENTITY_FIELDS[entity];
  let required: readonly LegacyField[] = entity === 'cases' ? REQUIRED_CASE_FILE_FIELDS : REQUIRED_FIELDS[entity];
  if (opts.casesApart) {
    fields = fields.filter((f) => !CASE_FIELDS_OF_PERSON_FILE.includes(f as LegacyField));
    required = required.filter((f) => !CASE_FIELDS_OF_PERSON_FILE.includes(f));
  }
  const file = entity === 'cases' ? { file: 'cases' } : opts.casesApart ? { file: 'persons' } : {};
  // A field of another kind of file is refused rather than left unread.
  const unknown = Object.entries(mapping.columns).filter(([field, col]) => col && (!headers.includes(col) || !fields.includes(field)));
  if (unknown.length) throw errors.IMPORT_MAPPING_INVALID({ ...file, columns: unknown.map(([field, column]) => ({ field, column })) });
  const missing = required.filter((f) => !mapping.columns[f]);
  if (missing.length) throw errors.IMPORT_REQUIRED_COLUMN_MISSING({ ...file, fields: missing });
}

export type StagedRow = Record<string, string | boolean | number | null>;
export class Rejected extends Error {
  constructor(readonly reason: string, readonly column: string | null) { super(reason); }
}

const DATES = new Map<string, string | null>();
/** `parseDate`, remembered: a file has few distinct dates for many rows. */
export function parseDateMemo(raw: string, format: ImportMapping['dateFormat']): string | null {
  const key = format + raw;
  let v = DATES.get(key);
  if (v === undefined) {
    v = parseDate(raw, format);
    if (DATES.size > 100_000) DATES.clear();
    DATES.set(key, v);
  }
  return v;
}

/** A date as the mapping's format writes it, to ISO; a year alone (for the birth date) is estimated. */
function parseDate(raw: string, format: ImportMapping['dateFormat']): string | null {
  const s = raw.trim();
  if (!s) return null;
  let y: string | undefined, m: string | undefined, d: string | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) [, y, m, d] = iso;
  else {
    const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!parts) return 'invalid';
    if (format === 'MM/DD/YYYY') [, m, d, y] = parts;
    else [, d, m, y] = parts;
  }
  const iso2 = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const dt = new Date(`${iso2}T00:00:00Z`);
  if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== iso2) return 'invalid';
  return iso2;
}

/** Reads a record's fields through the mapping, validated as registration validates a case (closed lists, ISO 3166 codes, dates not in the future). */
function recordReader(record: string[], index: Map<LegacyField, number>, mapping: ImportMapping, today: string) {
  const get = (f: LegacyField) => {
    const i = index.get(f);
    if (i === undefined) return '';
    const raw = (record[i] ?? '').trim();
    const mapped = mapping.values?.[f]?.[raw];
    return mapped ?? raw;
  };
  const col = (f: LegacyField) => mapping.columns[f] ?? f;
  const required = (f: LegacyField) => {
    const v = get(f);
    if (!v) throw new Rejected('required', col(f));
    return v;
  };
  const closed = (f: LegacyField, list: readonly string[], value = get(f)) => {
    if (value && !list.includes(value)) throw new Rejected('unknown_value', col(f));
    return value || null;
  };
  const date = (f: LegacyField) => {
    const v = parseDateMemo(get(f), mapping.dateFormat);
    if (v === 'invalid') throw new Rejected('date_invalid', col(f));
    if (v && v > today) throw new Rejected('date_in_future', col(f));
    return v;
  };
  const country = (f: LegacyField) => {
    const v = get(f).toUpperCase();
    if (v && !isCountryCode(v)) throw new Rejected('country_unknown', col(f));
    return v || null;
  };
  return { get, col, required, closed, date, country };
}

/** A record refused whatever its fields: wider than the header, or not text in the file's encoding. */
function checkRecord(record: string[], headerCount: number) {
  if (record.length > headerCount) throw new Rejected('too_many_columns', null);
  if (record.some((v) => v.includes('\uFFFD') || v.includes('\u0000'))) throw new Rejected('encoding', null);
}

/**
 * A case's fields, as the person file's rows carry them or a cases file's row does: one validation
 * for both (the office, legal status, country of return, kind, stage, dates, admission date of a
 * post-arrival case, project code).
 */
function stageCaseFields(r: ReturnType<typeof recordReader>, officeCode: string) {
  const { get, col, required, closed, date, country } = r;
  const office = get('officeCode');
  if (office && office !== officeCode) throw new Rejected('office_mismatch', col('officeCode'));
  const legalStatus = closed('legalStatus', LEGAL_STATUSES, required('legalStatus'));
  const countryOfReturn = country('countryOfReturn');
  if (!countryOfReturn) throw new Rejected('required', col('countryOfReturn'));
  const kind = closed('kind', CASE_KINDS, get('kind') || 'voluntary_return');
  const stage = closed('stage', STAGES, required('stage'));
  const registeredOn = date('registeredOn');
  if (!registeredOn) throw new Rejected('required', col('registeredOn'));
  // Only a person returned by a government has an admission date (as on a live case).
  const admittedOn = date('admittedOn');
  if (admittedOn && kind !== 'post_arrival') throw new Rejected('not_applicable', col('admittedOn'));
  // The approval of an application for assisted return: a post-arrival case (returned by a government) has none,
  // and no case is approved before it is registered.
  const approvedOn = date('approvedOn');
  if (approvedOn && kind === 'post_arrival') throw new Rejected('approval_not_applicable', col('approvedOn'));
  if (approvedOn && approvedOn < registeredOn) throw new Rejected('approved_before_registration', col('approvedOn'));
  // The project by its code: the run finds it among the office's organisation's projects.
  const projectCode = get('projectCode') || null;
  if (projectCode && projectCode.length > 100) throw new Rejected('too_long', col('projectCode'));
  return {
    legal_status: legalStatus, country_of_return: countryOfReturn, kind, stage, registered_on: registeredOn, approved_on: approvedOn,
    departed_on: date('departedOn'), arrived_on: date('arrivedOn'), closed_on: date('closedOn'), admitted_on: admittedOn, project_code: projectCode,
  };
}

/** One row of a cases file: its legacy id (the persons' household key) and the case's fields. */
export function stageCaseRecord(
  record: string[], index: Map<LegacyField, number>, mapping: ImportMapping, headerCount: number, officeCode: string, today: string,
): StagedRow {
  checkRecord(record, headerCount);
  const r = recordReader(record, index, mapping, today);
  const legacyId = r.required('legacyId');
  if (legacyId.length > 200) throw new Rejected('too_long', r.col('legacyId'));
  return { legacy_id: legacyId, ...stageCaseFields(r, officeCode), outcome: 'created', reason: null, reason_column: null };
}

/**
 * Turns one record of the file into a staged row, validated as registration validates a case
 * (closed lists, ISO 3166 codes, dates not in the future), through the mapping's value mappings.
 * With `casesApart` the case's fields are in a cases file: the row has none (the run copies them
 * from the case's row).
 */
export function stageRecord(
  record: string[], index: Map<LegacyField, number>, mapping: ImportMapping, headerCount: number, officeCode: string, today: string,
  nameKeys: ReturnType<typeof memoNameKeys>, casesApart = false,
): StagedRow {
  checkRecord(record, headerCount);
  const r = recordReader(record, index, mapping, today);
  const { get, col, required, closed, date, country } = r;
  const householdKey = required('householdKey');
  const legacyId = required('legacyId');
  const relationship = closed('relationship', ['principal', ...RELATIONSHIPS], required('relationship'));
  const givenName = required('givenName');
  const familyName = required('familyName');
  if (givenName.length > 200 || familyName.length > 200) throw new Rejected('too_long', col(givenName.length > 200 ? 'givenName' : 'familyName'));
  const originalScriptName = get('originalScriptName') || null;
  const sex = closed('sex', SEXES, get('sex') || 'unknown');
  let birthDate: string | null = null;
  let estimated = false;
  const rawBirth = get('birthDate');
  if (/^\d{4}$/.test(rawBirth)) { birthDate = `${rawBirth}-01-01`; estimated = true; if (birthDate > today) throw new Rejected('date_in_future', col('birthDate')); }
  else birthDate = date('birthDate');
  const nationality = country('nationality');
  const caseFields = casesApart ? {} : stageCaseFields(r, officeCode);
  const keys = nameKeys([givenName, familyName, originalScriptName ?? '']);
  // One document: a number needs its type; a type or country without a number is refused rather than dropped.
  const documentNumber = get('documentNumber') || null;
  const documentType = closed('documentType', DOCUMENT_TYPES);
  const documentCountry = country('documentCountry');
  if (documentNumber) {
    if (!documentType) throw new Rejected('required', col('documentType'));
    if (documentNumber.length > 50 || normaliseDocumentNumber(documentNumber).length < 2) throw new Rejected(documentNumber.length > 50 ? 'too_long' : 'document_number_invalid', col('documentNumber'));
  } else if (documentType || documentCountry) throw new Rejected('required', col('documentNumber'));
  let vulnerabilities: string | null = null;
  if (index.has('vulnerabilities')) {
    const codes = (record[index.get('vulnerabilities')!] ?? '').split(';').map((c) => c.trim()).filter(Boolean);
    const categories = new Set<string>();
    for (const code of codes) {
      const category = mapping.values?.vulnerabilities?.[code] ?? code;
      if (!(VULNERABILITY_CATEGORIES as readonly string[]).includes(category)) throw new Rejected('unknown_value', col('vulnerabilities'));
      categories.add(category);
    }
    // COPY text of a text[]: the categories are closed codes, nothing to quote.
    if (categories.size) vulnerabilities = `{${[...categories].join(',')}}`;
  }
  return {
    household_key: householdKey, legacy_id: legacyId, relationship, given_name: givenName, family_name: familyName,
    original_script_name: originalScriptName, name_folded: keys.folded, name_skeleton: keys.skeleton, sex,
    birth_date: birthDate, birth_date_estimated: estimated, nationality, ...caseFields,
    vulnerabilities,
    document_type: documentType, document_number: documentNumber, // The blind index of the number (`documentNumberIndex`): what the run compares with the stored one.
    document_number_norm: documentNumber ? documentNumberIndex(documentNumber) : null,
    document_country: documentCountry,
    // Created until the run's classification finds the person already in Homeward.
    outcome: 'created', reason: null, reason_column: null,
  };
}

export const STAGED_COLUMNS = [
  'run_id', 'line', 'batch', 'household_key', 'legacy_id', 'relationship', 'given_name', 'family_name', 'original_script_name', 'name_folded',
  'name_skeleton', 'sex', 'birth_date', 'birth_date_estimated', 'nationality', 'legal_status', 'country_of_return', 'kind', 'stage',
  'registered_on', 'departed_on', 'arrived_on', 'closed_on', 'vulnerabilities', 'admitted_on', 'project_code',
  'document_type', 'document_number', 'document_number_norm', 'document_country', 'outcome', 'reason', 'reason_column',
  'person_id', 'case_id', 'approved_on',
] as const;

/**
 * The id a household's case gets if the run creates it: a name-based UUID (RFC 9562 version 5) of
 * the household key in the run's namespace, the same for every row of the household and for the
 * same run staged again. With the person's id, drawn at random as each valid row is staged, a
 * batch writes a new household's person, case and members without looking them up again by their
 * legacy ids.
 */
export function stagedCaseId(runId: string, householdKey: string): string {
  const h = createHash('sha1').update(Buffer.from(runId.replace(/-/g, ''), 'hex')).update(householdKey, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex', 0, 16);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The staged columns of a row of an entity file: its legacy id, the legacy ids it links to (the case's in `household_key`), its values. */
export const ENTITY_STAGED_COLUMNS = [
  'run_id', 'line', 'batch', 'household_key', 'legacy_id', 'person_legacy_id', 'entity_values', 'outcome', 'reason', 'reason_column',
] as const;
/** The staged columns of a row of a cases file (`import_case_row`). */
export const CASE_STAGED_COLUMNS = [
  'run_id', 'line', 'legacy_id', 'legal_status', 'country_of_return', 'kind', 'stage', 'registered_on', 'departed_on', 'arrived_on', 'closed_on',
  'admitted_on', 'project_code', 'outcome', 'reason', 'reason_column', 'approved_on',
] as const;
/** What a run streams: a kind of file, or the cases file of a person file. */
export type StagedFile = ImportEntity | 'cases';
export const stagedColumnsOf = (entity: StagedFile) =>
  (entity === 'households' ? STAGED_COLUMNS : entity === 'cases' ? CASE_STAGED_COLUMNS : ENTITY_STAGED_COLUMNS);

/** The statuses a reintegration component has in Homeward. */
const COMPONENT_STATUSES = ['planned', 'in_progress', 'delivered', 'cancelled'] as const;

/**
 * One row of a file of reintegration components: its legacy id, its case's (checked by the run's
 * classification), the type and status through the value mappings, the amount a decimal of the
 * currency turned into minor units with the currency's ISO 4217 exponent (an unknown currency, or
 * an amount that is not a non-negative decimal with at most that many decimals, rejects the row
 * with its column: nothing is rounded), the period (the end the start when the file has none).
 */
export function stageComponentRecord(
  record: string[], index: Map<LegacyField, number>, mapping: ImportMapping, headerCount: number,
): StagedRow {
  const { get, col, required } = fieldReader(record, index, mapping);
  if (record.length > headerCount) throw new Rejected('too_many_columns', null);
  if (record.some((v) => v.includes('\uFFFD') || v.includes('\u0000'))) throw new Rejected('encoding', null);
  const legacyId = required('legacyId');
  const caseLegacyId = required('caseLegacyId');
  const type = required('componentType');
  if (!(COMPONENT_TYPES as readonly string[]).includes(type)) throw new Rejected('unknown_value', col('componentType'));
  const currency = required('currency').toUpperCase();
  if (!isMoneyCurrency(currency)) throw new Rejected('currency_unknown', col('currency'));
  const amount = parseAmount(required('amount'), currency);
  if (!amount.ok) {
    const why = amount.error === 'too_precise' || amount.error === 'negative' || amount.error === 'too_large' ? amount.error : 'malformed';
    throw new Rejected(`amount_${why}`, col('amount'));
  }
  const date = (f: LegacyField) => {
    const v = parseDateMemo(get(f), mapping.dateFormat);
    if (v === 'invalid') throw new Rejected('date_invalid', col(f));
    return v;
  };
  const startsOn = date('startsOn');
  if (!startsOn) throw new Rejected('required', col('startsOn'));
  const endsOn = date('endsOn') ?? startsOn;
  if (endsOn < startsOn) throw new Rejected('ends_before_start', col('endsOn'));
  const status = required('componentStatus');
  if (!(COMPONENT_STATUSES as readonly string[]).includes(status)) throw new Rejected('unknown_value', col('componentStatus'));
  const description = get('description') || null;
  if (description && description.length > 2000) throw new Rejected('too_long', col('description'));
  return {
    household_key: caseLegacyId, legacy_id: legacyId,
    entity_values: JSON.stringify({ type, description, amountMinor: amount.amountMinor, currency, startsOn, endsOn, status }),
    outcome: 'created', reason: null, reason_column: null,
  };
}

/** Reads a record's fields through the mapping's columns and value mappings. */
function fieldReader(record: string[], index: Map<LegacyField, number>, mapping: ImportMapping) {
  const get = (f: LegacyField) => {
    const i = index.get(f);
    if (i === undefined) return '';
    const raw = (record[i] ?? '').trim();
    return mapping.values?.[f]?.[raw] ?? raw;
  };
  const col = (f: LegacyField) => mapping.columns[f] ?? f;
  const required = (f: LegacyField) => {
    const v = get(f);
    if (!v) throw new Rejected('required', col(f));
    if (v.length > 200 && f !== 'details' && f !== 'description') throw new Rejected('too_long', col(f));
    return v;
  };
  return { get, col, required };
}

/**
 * One row of a file of vulnerabilities: its legacy id, its case's and person's (checked against
 * Homeward by the run's classification), the category through the value mappings, the day it was
 * identified (not in the future), its status (active unless the file says resolved) and details.
 */
export function stageVulnerabilityRecord(
  record: string[], index: Map<LegacyField, number>, mapping: ImportMapping, headerCount: number, today: string,
): StagedRow {
  const get = (f: LegacyField) => {
    const i = index.get(f);
    if (i === undefined) return '';
    const raw = (record[i] ?? '').trim();
    return mapping.values?.[f]?.[raw] ?? raw;
  };
  const col = (f: LegacyField) => mapping.columns[f] ?? f;
  const required = (f: LegacyField) => {
    const v = get(f);
    if (!v) throw new Rejected('required', col(f));
    if (v.length > 200 && f !== 'details') throw new Rejected('too_long', col(f));
    return v;
  };
  if (record.length > headerCount) throw new Rejected('too_many_columns', null);
  if (record.some((v) => v.includes('\uFFFD') || v.includes('\u0000'))) throw new Rejected('encoding', null);
  const legacyId = required('legacyId');
  const caseLegacyId = required('caseLegacyId');
  const personLegacyId = required('personLegacyId');
  const category = required('category');
  if (!(VULNERABILITY_CATEGORIES as readonly string[]).includes(category)) throw new Rejected('unknown_value', col('category'));
  const identifiedOn = parseDateMemo(required('identifiedOn'), mapping.dateFormat);
  if (identifiedOn === 'invalid') throw new Rejected('date_invalid', col('identifiedOn'));
  if (identifiedOn! > today) throw new Rejected('date_in_future', col('identifiedOn'));
  const status = get('vulnerabilityStatus') || 'active';
  if (!(VULNERABILITY_STATUSES as readonly string[]).includes(status)) throw new Rejected('unknown_value', col('vulnerabilityStatus'));
  const details = get('details') || null;
  if (details && details.length > 2000) throw new Rejected('too_long', col('details'));
  return {
    household_key: caseLegacyId, legacy_id: legacyId, person_legacy_id: personLegacyId,
    entity_values: JSON.stringify({ category, identifiedOn, status, details }),
    outcome: 'created', reason: null, reason_column: null,
  };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const copyValue = (v: unknown) => {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};

/** FNV-1a of the household key: all members of a household land in the same batch. */
export function batchOf(key: string, batches: number) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % batches;
}

/**
 * Streams the file from disk through the decoder and the CSV parser, each record staged (or
 * rejected with its reason and column) and written as a line of COPY text to `out`; memory stays
 * flat whatever the size of the file. A record wider than `MAX_COLUMNS` ends the stream with
 * `IMPORT_TOO_MANY_COLUMNS` (which aborts the COPY). Answers the number of records.
 */
export async function streamStagedRows(
  file: { path: string; encoding: Encoding; delimiter: Delimiter; headers: string[] },
  mapping: ImportMapping, run: { id: string; batches: number; officeCode: string; today: string; entity?: StagedFile; casesApart?: boolean },
  out: NodeJS.WritableStream,
) {
  const entity = run.entity ?? 'households';
  const columns = stagedColumnsOf(entity);
  // A household's rows share a batch; an entity file's rows are spread by their case.
  const keyField: LegacyField = entity === 'households' ? 'householdKey' : entity === 'cases' ? 'legacyId' : 'caseLegacyId';
  const index = new Map<LegacyField, number>();
  for (const f of entity === 'cases' ? CASE_FILE_FIELDS : ENTITY_FIELDS[entity]) {
    const c = mapping.columns[f];
    if (c) index.set(f, file.headers.indexOf(c));
  }
  let rows = 0;
  const nameKeys = memoNameKeys();
  // A household's rows usually follow each other: its case id is made once for them.
  let lastKey: string | undefined;
  let lastCaseId = '';
  // COPY text is sent in chunks of about 256 kB rather than a write per row.
  let pending: string[] = [];
  let pendingLength = 0;
  const toCopy = new Transform({
    writableObjectMode: true,
    flush(done) {
      done(null, pending.length ? pending.join('') : undefined);
    },
    transform(record: string[], _enc, done) {
      rows++;
      // The record's number, the header being 1 (its line in the file when no field spans lines).
      const line = rows + 1;
      if (record.length > MAX_COLUMNS) return done(errors.IMPORT_TOO_MANY_COLUMNS({ line, columns: record.length, max: MAX_COLUMNS }));
      let row: StagedRow;
      try {
        row = entity === 'households'
          ? stageRecord(record, index, mapping, file.headers.length, run.officeCode, run.today, nameKeys, run.casesApart)
          : entity === 'cases'
            ? stageCaseRecord(record, index, mapping, file.headers.length, run.officeCode, run.today)
          : entity === 'vulnerabilities'
            ? stageVulnerabilityRecord(record, index, mapping, file.headers.length, run.today)
            : entity === 'visits'
              ? stageVisitRecord(record, index, mapping, file.headers.length, run.today)
              : stageComponentRecord(record, index, mapping, file.headers.length);
      } catch (err) {
        if (!(err instanceof Rejected)) return done(err as Error);
        const key = index.has(keyField) ? (record[index.get(keyField)!] ?? '').trim().slice(0, 200) : '';
        const legacy = index.has('legacyId') ? (record[index.get('legacyId')!] ?? '').trim().slice(0, 200) : '';
        row = { household_key: key || null, legacy_id: legacy || null, outcome: 'rejected', reason: err.reason, reason_column: err.column };
      }
      if (entity === 'households' && row.outcome !== 'rejected') {
        const key = String(row.household_key);
        if (key !== lastKey) { lastKey = key; lastCaseId = stagedCaseId(run.id, key); }
        row.person_id = randomUUID();
        row.case_id = lastCaseId;
      }
      row.run_id = run.id;
      row.line = line;
      row.batch = batchOf(String(row.household_key ?? line), run.batches);
      let text = '';
      for (let i = 0; i < columns.length; i++) text += (i ? '\t' : '') + copyValue(row[columns[i]!]);
      pending.push(text, '\n');
      pendingLength += text.length + 1;
      if (pendingLength < 256 * 1024) return done();
      const chunk = pending.join('');
      pending = [];
      pendingLength = 0;
      done(null, chunk);
    },
  });
  const parser = parse({
    delimiter: file.delimiter, from_line: 2, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    max_record_size: 1024 * 1024,
  });
  await pipeline(decodedStream(file.path, file.encoding), parser, toCopy, out);
  return rows;
}
