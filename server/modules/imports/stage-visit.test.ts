import { describe, expect, it } from 'vitest';
import { parseImportedScore } from './stage-visit.js';

describe('an imported score', () => {
  it('is a decimal in 0..1 with at most four decimals, kept exactly', () => {
    expect(parseImportedScore('0.75')).toEqual({ ok: true, value: '0.7500' });
    expect(parseImportedScore('1')).toEqual({ ok: true, value: '1.0000' });
    expect(parseImportedScore('0')).toEqual({ ok: true, value: '0.0000' });
    expect(parseImportedScore(' 0.6667 ')).toEqual({ ok: true, value: '0.6667' });
    expect(parseImportedScore('1.0001')).toEqual({ ok: false, error: 'out_of_range' });
    expect(parseImportedScore('75')).toEqual({ ok: false, error: 'out_of_range' });
    expect(parseImportedScore('0.12345')).toEqual({ ok: false, error: 'too_precise' });
    expect(parseImportedScore('0,75')).toEqual({ ok: false, error: 'malformed' });
    expect(parseImportedScore('-0.1')).toEqual({ ok: false, error: 'malformed' });
    expect(parseImportedScore('abc')).toEqual({ ok: false, error: 'malformed' });
  });
});
