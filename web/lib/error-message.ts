import type { IntlShape } from 'react-intl';
import { ApiError } from './api';

/** The catalogue key that words this refusal: the capability's own first, then the app's. */
function errorKey(intl: IntlShape, error: ApiError, scope?: string): string | undefined {
  const keys = [scope ? `${scope}.error.${error.code}` : '', `error.${error.code}`];
  return keys.find((key) => key && key in intl.messages);
}

/** Stage codes in `details` (`stage`, `from`, `to`) are worded with the stage's name. */
const STAGE_DETAILS = ['stage', 'from', 'to'] as const;

/** The names of the arguments an ICU message uses (`{stage}`, `{action, select, ...}`). */
function argumentsOf(message: unknown): string[] {
  if (typeof message !== 'string') return [];
  return [...message.matchAll(/\{\s*([A-Za-z]\w*)\s*[,}]/g)].map((m) => m[1]);
}

/**
 * The values a refusal's message may quote: the seconds to wait, the HTTP status, and from its
 * `details` the stage names (translated), the action, plain texts and numbers.
 */
function errorValues(intl: IntlShape, error: ApiError): Record<string, string | number> {
  const details = error.details ?? {};
  const retryAfter = Number(details.retryAfter);
  const values: Record<string, string | number> = {
    seconds: Number.isFinite(retryAfter) ? retryAfter : 60,
    status: error.status,
  };
  for (const [name, value] of Object.entries(details)) {
    if (name === 'status' || name === 'field') continue;
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  }
  if (typeof details.retryAfterMinutes === 'number') values.minutes = details.retryAfterMinutes;
  for (const name of STAGE_DETAILS) {
    const stage = details[name];
    if (typeof stage === 'string' && `stage.${stage}` in intl.messages) values[name] = intl.formatMessage({ id: `stage.${stage}` });
  }
  return values;
}

/**
 * What a user reads when something is refused: the catalogue's `<scope>.error.<CODE>` or
 * `error.<CODE>` in their language when there is one (quoting `details`: a stage, an action),
 * otherwise the server's message (English, but specific), otherwise a generic line.
 */
export function errorMessage(intl: IntlShape, error: unknown, scope?: string): string {
  if (error instanceof ApiError) {
    const key = errorKey(intl, error, scope);
    const values = key ? errorValues(intl, error) : {};
    // A message that quotes a detail the server did not send would show its braces: not used.
    if (key && argumentsOf(intl.messages[key]).every((name) => name in values)) {
      return intl.formatMessage({ id: key }, values);
    }
    if (error.message) return error.message;
    return intl.formatMessage({ id: 'error.UNKNOWN' });
  }
  return intl.formatMessage({ id: 'error.UNKNOWN' });
}

/**
 * The alert's title: the capability's own (`<scope>.error.title`) when it words the refusal; for a
 * refusal the server explains (a 4xx with a known code) "This cannot be done yet"; otherwise
 * "Something went wrong".
 */
export function errorTitle(intl: IntlShape, error: unknown, scope?: string): string {
  const key = error instanceof ApiError ? errorKey(intl, error, scope) : undefined;
  const own = scope && key?.startsWith(`${scope}.`);
  const refused = error instanceof ApiError && error.status >= 400 && error.status < 500 && key !== undefined;
  const titleKey = own ? `${scope}.error.title` : refused ? 'error.refused.title' : 'error.title';
  return intl.formatMessage({ id: titleKey in intl.messages ? titleKey : 'error.title' });
}

export interface FieldIssue {
  /** Dotted path, e.g. `principal.givenName` or `members.0.person.documents.1.number`. */
  path: string;
  message: string;
}

/**
 * Field-level problems from a 400 VALIDATION_FAILED. The server validates with Zod; details come
 * as `{ issues: [{ path, message }] }` (path an array or a dotted string) or `{ fieldErrors }`.
 */
export function fieldIssues(error: unknown, intl?: IntlShape): FieldIssue[] {
  if (!(error instanceof ApiError) || !error.details) return [];
  const details = error.details as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const raw = details.issues ?? details.errors;
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (!item || typeof item !== 'object') continue;
      const { path, message } = item as { path?: unknown; message?: unknown };
      const dotted = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      issues.push({ path: dotted.replace(/^body\./, ''), message: String(message ?? '') });
    }
  }
  // A rule that concerns one field: `{ field: 'ownerId' }` with the error's own message.
  // Worded from the catalogue when the caller can (`intl`), as the alert words it.
  if (typeof details.field === 'string') issues.push({ path: details.field, message: intl ? errorMessage(intl, error) : error.message });
  const fieldErrors = details.fieldErrors;
  if (fieldErrors && typeof fieldErrors === 'object') {
    for (const [path, messages] of Object.entries(fieldErrors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages : [messages];
      issues.push({ path, message: list.map(String).join(' ') });
    }
  }
  return issues;
}

/** Issues as a map from dotted path to message, for showing next to fields. */
export function fieldErrorMap(error: unknown, intl?: IntlShape): Record<string, string> {
  const map: Record<string, string> = {};
  for (const issue of fieldIssues(error, intl)) {
    if (issue.path && !map[issue.path]) map[issue.path] = issue.message;
  }
  return map;
}
