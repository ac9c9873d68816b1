import type { IntlShape } from 'react-intl';
import { ApiError } from './api';

/**
 * What a user reads when something is refused: the catalogue's `error.<CODE>` in their language
 * when there is one, otherwise the server's message (English, but specific), otherwise a generic line.
 */
export function errorMessage(intl: IntlShape, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    if (key in intl.messages) {
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
