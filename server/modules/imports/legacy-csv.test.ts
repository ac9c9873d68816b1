import { describe, expect, it } from 'vitest';
import { memoNameKeys, nameKeys } from '../../../shared/names/name-keys.js';
import { batchOf, detectDelimiter, detectEncoding } from './legacy-csv.js';

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
