import { describe, expect, it } from 'vitest';
import { memoNameKeys, nameKeys } from '../../../shared/names/name-keys.js';
import type { LegacyField } from '../../../shared/schemas/imports.js';
import { Rejected, batchOf, detectDelimiter, detectEncoding, stageCaseRecord, stageRecord, stagedCaseId } from './legacy-csv.js';

describe('staged case ids', () => {
  it('are name-based UUIDs (version 5) of the household key in the run: the same for a household, another for another key or run', () => {
    // RFC 9562's example: www.example.com in the DNS namespace.
    expect(stagedCaseId('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const run = '0b8e4a52-3c55-4d55-9a8e-2f6f0a1c9d11';
    expect(stagedCaseId(run, 'F-100')).toBe(stagedCaseId(run, 'F-100'));
    expect(stagedCaseId(run, 'F-100')).not.toBe(stagedCaseId(run, 'F-101'));
    expect(stagedCaseId(run, 'F-100')).not.toBe(stagedCaseId('0b8e4a52-3c55-4d55-9a8e-2f6f0a1c9d12', 'F-100'));
    expect(stagedCaseId(run, 'أسرة ٧')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('legacy file detection', () => {
  it('tells the encoding by BOM, strict UTF-8, else Windows-1252, and refuses binary', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toBe('utf-16be');
    expect(detectEncoding(Buffer.from('naïve,أحمد', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x41, 0xe9, 0x2c, 0x42]))).toBe('windows-1252');
    expect(() => detectEncoding(Buffer.from([0x50, 0x4b, 0x00, 0x01]))).toThrow(expect.objectContaining({ code: 'IMPORT_ENCODING_UNSUPPORTED' }));
  });

  it('tells the delimiter from the header', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a|b|c')).toBe('|');
  });

  it('puts every member of a household in the same batch', () => {
    expect(batchOf('F-100', 16)).toBe(batchOf('F-100', 16));
    expect(batchOf('F-100', 1)).toBe(0);
  });

  it('remembered name keys are the name keys', () => {
    const memo = memoNameKeys(2);
    for (const parts of [['Ahmed', 'Hassan', 'أحمد حسن'], ['Баҳром', 'Каримов'], ['Ahmed', 'Hassan', 'أحمد حسن'], ['', 'Abd al-Rahman']]) {
      expect(memo(parts)).toEqual(nameKeys(parts));
    }
  });
});

describe('a case row and a person row are validated the same way', () => {
  const today = '2024-06-01';
  const caseFields: LegacyField[] = ['legacyId', 'officeCode', 'legalStatus', 'countryOfReturn', 'kind', 'stage', 'registeredOn', 'admittedOn'];
  const caseIndex = new Map(caseFields.map((f, i) => [f, i]));
  const caseMapping = { columns: Object.fromEntries(caseFields.map((f) => [f, `c_${f}`])), values: {}, dateFormat: 'YYYY-MM-DD' as const };
  const reasonOf = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return e instanceof Rejected ? [e.reason, e.column] : e; } };
  const caseRow = (over: Partial<Record<LegacyField, string>>) => {
    const v = { legacyId: 'C-1', officeCode: '', legalStatus: 'asylum_rejected', countryOfReturn: 'af', kind: 'voluntary_return', stage: 'closed', registeredOn: '2019-01-10', admittedOn: '', ...over };
    return caseFields.map((f) => v[f as keyof typeof v] ?? '');
  };

  it('a cases file row gives the case fields, and refuses what the person file refuses, naming its column', () => {
    expect(stageCaseRecord(caseRow({}), caseIndex, caseMapping, caseFields.length, 'BE', today))
      .toMatchObject({ legacy_id: 'C-1', legal_status: 'asylum_rejected', country_of_return: 'AF', kind: 'voluntary_return', stage: 'closed', registered_on: '2019-01-10', admitted_on: null });
    const rejected = (over: Partial<Record<LegacyField, string>>) => reasonOf(() => stageCaseRecord(caseRow(over), caseIndex, caseMapping, caseFields.length, 'BE', today));
    expect(rejected({ admittedOn: '2019-01-02' })).toEqual(['not_applicable', 'c_admittedOn']);
    expect(rejected({ officeCode: 'FR' })).toEqual(['office_mismatch', 'c_officeCode']);
    expect(rejected({ registeredOn: '2030-01-01' })).toEqual(['date_in_future', 'c_registeredOn']);
    expect(rejected({ legacyId: '' })).toEqual(['required', 'c_legacyId']);
  });

  it('a person row whose cases are in a file of their own has no case fields, and needs none', () => {
    const fields: LegacyField[] = ['householdKey', 'legacyId', 'relationship', 'givenName', 'familyName'];
    const index = new Map(fields.map((f, i) => [f, i]));
    const mapping = { columns: Object.fromEntries(fields.map((f) => [f, f])), values: {}, dateFormat: 'YYYY-MM-DD' as const };
    const record = ['C-1', 'P-1', 'principal', 'Ahmad', 'Karimi'];
    const row = stageRecord(record, index, mapping, fields.length, 'BE', today, memoNameKeys(), true);
    expect(row).toMatchObject({ household_key: 'C-1', legacy_id: 'P-1', outcome: 'created' });
    expect(row).not.toHaveProperty('stage');
    // Alone, the same row lacks its case's fields.
    expect(reasonOf(() => stageRecord(record, index, mapping, fields.length, 'BE', today, memoNameKeys()))).toEqual(['required', 'legalStatus']);
  });
});
