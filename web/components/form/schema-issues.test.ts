import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { noteBody } from '../../../shared/schemas/cases';
import { travelDocumentPatch } from '../../../shared/schemas/travel';
import { ApiError } from '../../lib/api';
import { issueMessage, issuesByField, serverFieldErrors, withoutBlanks } from './schema-issues';
import en from '../../i18n/en.json';

const issues = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues;
};

describe('issue messages of the shared request schemas', () => {
  it('words a blank required text as required, not as "too small"', () => {
    expect(issuesByField(issues(noteBody, withoutBlanks({ body: '' })))).toEqual({ body: { id: 'validation.required' } });
    expect(issuesByField(issues(noteBody, { body: '   ' }))).toEqual({ body: { id: 'validation.required' } });
  });

  it('words lengths, dates, enum choices and formats each with their own message', () => {
    const byField = issuesByField(
      issues(travelDocumentPatch, { type: 'boat', status: 'issued', notes: 'x'.repeat(2001), expiresOn: '2026-13-40' }),
    );
    expect(byField).toEqual({
      type: { id: 'validation.choose' },
      notes: { id: 'validation.tooLong' },
      expiresOn: { id: 'validation.date' },
    });
    expect(issuesByField(issues(z.object({ email: z.email() }), { email: 'nope' }))).toEqual({ email: { id: 'validation.email' } });
  });

  it('gives numbers their limit and keeps the first issue of each nested field', () => {
    const schema = z.object({ legs: z.array(z.object({ seats: z.number().int().min(2).max(9) })) });
    expect(issuesByField(issues(schema, { legs: [{ seats: 1 }, { seats: 12 }] }))).toEqual({
      'legs.0.seats': { id: 'validation.atLeast', values: { minimum: '2' } },
      'legs.1.seats': { id: 'validation.atMost', values: { maximum: '9' } },
    });
  });

  it('keeps a custom rule whose message is a catalogue id, and words any other as invalid', () => {
    const schema = z.object({ a: z.string().refine(() => false, 'validation.dateInFuture'), b: z.string().refine(() => false, 'Nope') });
    const known = (id: string) => id in en;
    expect(issuesByField(issues(schema, { a: 'x', b: 'y' }), known)).toEqual({
      a: { id: 'validation.dateInFuture' },
      b: { id: 'validation.invalid' },
    });
  });

  it('has every message it can give in the catalogue', () => {
    const ids = ['validation.required', 'validation.invalid', 'validation.tooShort', 'validation.tooLong', 'validation.atLeast',
      'validation.atMost', 'validation.email', 'validation.date', 'validation.choose'];
    for (const id of ids) expect(en).toHaveProperty([id]);
    expect(issueMessage({ code: 'invalid_type', expected: 'string', input: 3, path: [], message: '' })).toEqual({ id: 'validation.invalid' });
  });
});

describe('withoutBlanks', () => {
  it('drops blanks at any depth and keeps false, zero and lists', () => {
    expect(withoutBlanks({ a: '', b: null, c: false, d: 0, e: [{ f: '', g: 'x' }], h: { i: undefined, j: 'k' } })).toEqual({
      c: false,
      d: 0,
      e: [{ g: 'x' }],
      h: { j: 'k' },
    });
  });
});

describe('a server refusal next to its fields', () => {
  const values = { reason: '', legs: [{ carrier: '' }] };
  it('puts the issues of a 400 on the fields the form has, and leaves the others to the alert', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid', {
      issues: [
        { path: ['body', 'legs', 0, 'carrier'], message: 'Required' },
        { path: 'somethingElse', message: 'Nope' },
      ],
    });
    expect(serverFieldErrors(error, values)).toEqual({ 'legs.0.carrier': 'Required' });
  });

  it('puts a 409 or 422 about one field on it, with the refusal\'s own message', () => {
    const error = new ApiError(409, 'REASON_REQUIRED', 'Give the reason.', { field: 'reason' });
    expect(serverFieldErrors(error, values)).toEqual({ reason: 'Give the reason.' });
    expect(serverFieldErrors(new ApiError(422, 'X', 'y', { field: 'reason' }), values)).toEqual({ reason: 'y' });
  });

  it('leaves other failures to the alert', () => {
    expect(serverFieldErrors(new ApiError(403, 'FORBIDDEN', 'No', { field: 'reason' }), values)).toEqual({});
    expect(serverFieldErrors(new Error('offline'), values)).toEqual({});
  });
});
