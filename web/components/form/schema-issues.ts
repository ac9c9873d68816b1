import type { z } from 'zod';
import type { IntlShape } from 'react-intl';
import { isApiError } from '../../lib/api';
import { fieldErrorMap } from '../../lib/error-message';

/** A message of the catalogue with its values: what a field says when its value is refused. */
export interface IssueMessage {
  id: string;
  values?: Record<string, string | number>;
}

type Issue = z.core.$ZodIssue;

/**
 * The catalogue message for one Zod issue of a shared request schema. The schemas' own messages
 * are English (they also word the API's answers), so a screen words the rule from the issue's
 * code and limits instead; a custom rule whose message is a catalogue id keeps it.
 */
export function issueMessage(issue: Issue, known: (id: string) => boolean = () => false): IssueMessage {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? { id: 'validation.required' }
        : { id: 'validation.invalid' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { id: 'validation.required' };
      if (issue.origin === 'array' && Number(issue.minimum) <= 1) return { id: 'validation.choose' };
      if (issue.origin === 'string') return { id: 'validation.tooShort' };
      return { id: 'validation.atLeast', values: { minimum: String(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') return { id: 'validation.tooLong' };
      return { id: 'validation.atMost', values: { maximum: String(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { id: 'validation.email' };
      if (issue.format === 'date' || issue.format === 'datetime') return { id: 'validation.date' };
      return { id: 'validation.invalid' };
    case 'invalid_value':
    case 'invalid_union':
      return { id: 'validation.choose' };
    default:
      return known(issue.message) ? { id: issue.message } : { id: 'validation.invalid' };
  }
}

/** The first issue of each field, keyed by the dotted path `@mantine/form` uses. */
export function issuesByField(issues: readonly Issue[], known?: (id: string) => boolean): Record<string, IssueMessage> {
  const byField: Record<string, IssueMessage> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in byField)) byField[path] = issueMessage(issue, known);
  }
  return byField;
}

/**
 * What a form sends: its values without the empty strings and nulls a blank field leaves, so that
 * an optional field the user left blank is absent, as the schemas expect. Nested objects and lists
 * are cleaned the same way.
 */
export function withoutBlanks<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutBlanks(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === '' || item === null || item === undefined) continue;
      result[key] = withoutBlanks(item);
    }
    return result as T;
  }
  return value;
}

/**
 * What a form that replaces a record sends: a field the user emptied becomes null, so that the
 * server clears it (a missing field would keep the old value).
 */
export function blanksAsNull<T extends Record<string, unknown>>(values: T): { [K in keyof T]: T[K] | null } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    result[key] = value === '' || value === undefined ? null : typeof value === 'string' && !value.trim() ? null : value;
  }
  return result as { [K in keyof T]: T[K] | null };
}

/** Where a server refusal names fields: 400 VALIDATION_FAILED, a 409 or 422 about one field. */
const FIELD_ERROR_STATUSES = [400, 409, 422];

/**
 * The messages of a refusal that belong next to a field of this form, by dotted path; issues about
 * paths the form does not have stay in the alert.
 */
export function serverFieldErrors(error: unknown, values: unknown, intl?: IntlShape): Record<string, string> {
  if (!isApiError(error) || !FIELD_ERROR_STATUSES.includes(error.status)) return {};
  const paths = flatPaths(values);
  return Object.fromEntries(Object.entries(fieldErrorMap(error, intl)).filter(([path]) => paths.has(path)));
}

/** Every dotted path of a form's values. */
function flatPaths(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      flatPaths(item, path, into);
    }
  }
  return into;
}
