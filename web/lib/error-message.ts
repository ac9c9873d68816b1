import type { IntlShape } from 'react-intl';
import { ApiError } from './api';

/** The catalogue key that words this refusal: the capability's own first, then the app's. */
function errorKey(intl: IntlShape, error: ApiError, scope?: string): string | undefined {
  const keys = [scope ? `${scope}.error.${error.code}` : '', `error.${error.code}`];
  return keys.find((key) => key && key in intl.messages);
}

/**
 * What a user reads when something is refused: the catalogue's `<scope>.error.<CODE>` or
 * `error.<CODE>` in their language when there is one, otherwise the server's message (English, but
 * specific), otherwise a generic line.
 */
export function errorMessage(intl: IntlShape, error: unknown, scope?: string): string {
  if (error instanceof ApiError) {
    const key = errorKey(intl, error, scope);
    if (key) {
      const retryAfter = Number(error.details?.retryAfter);
      return intl.formatMessage(
        { id: key },
        { seconds: Number.isFinite(retryAfter) ? retryAfter : 60, status: error.status },
      );
    }
    if (error.message) return error.message;
    return intl.formatMessage({ id: 'error.UNKNOWN' });
  }
  return intl.formatMessage({ id: 'error.UNKNOWN' });
}

/** The alert's title: the capability's own (`<scope>.error.title`) when it words the refusal. */
export function errorTitle(intl: IntlShape, error: unknown, scope?: string): string {
  const own = scope && error instanceof ApiError && errorKey(intl, error, scope)?.startsWith(`${scope}.`);
  const titleKey = own ? `${scope}.error.title` : 'error.title';
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
export function fieldIssues(error: unknown): FieldIssue[] {
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
  if (typeof details.field === 'string') issues.push({ path: details.field, message: error.message });
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
export function fieldErrorMap(error: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  for (const issue of fieldIssues(error)) {
    if (issue.path && !map[issue.path]) map[issue.path] = issue.message;
  }
  return map;
}
