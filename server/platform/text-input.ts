import { AppError } from './errors.js';
import { platformErrors } from './platform.errors.js';

/**
 * Text Homeward cannot store faithfully: PostgreSQL refuses NUL in text and JSON, and a lone
 * UTF-16 surrogate is not Unicode (it would be stored as U+FFFD or refused by JSONB). Refusing both
 * at the door gives the user a clear 400 instead of a database error, and nothing is silently altered.
 */
// Without the `u` flag the pattern sees UTF-16 code units, which is what a lone surrogate is.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface TextIssue {
  path: string;
  code: 'text_invalid';
  message: string;
}

const describe = (s: string) =>
  s.includes('\u0000')
    ? 'contains a NUL character, which cannot be stored'
    : 'contains a broken character (an unpaired UTF-16 surrogate), which is not valid Unicode';

export const isStorableText = (s: string) => !UNSTORABLE.test(s);

export function textIssue(path: string, s: string): TextIssue {
  return { path, code: 'text_invalid', message: describe(s) };
}

interface Step {
  value: unknown;
  key: string;
  parent: Step | null;
}

/** The dotted path of a step, built only when there is something to report. */
const pathOf = (step: Step | null, key?: string) => {
  const keys: string[] = key === undefined ? [] : [key];
  for (let s = step; s && s.parent; s = s.parent) keys.push(s.key);
  return keys.reverse().join('.');
};

/**
 * Every string in a parsed JSON value (object keys too) that cannot be stored, with its dotted
 * path. Walks with an explicit stack and parent links: a body nested thousands of levels deep
 * costs neither the call stack nor a copy of its path per level.
 */
export function unstorableText(value: unknown, limit = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: Step[] = [{ value, key: '', parent: null }];
  while (stack.length && issues.length < limit) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string') {
      if (!isStorableText(v)) issues.push(textIssue(pathOf(step), v));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: step });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (!isStorableText(key)) issues.push(textIssue(pathOf(step, key), key));
        stack.push({ value: child, key, parent: step });
      }
    }
  }
  return issues;
}

/** The 400 for text that cannot be stored, in the same shape as any other validation failure. */
export function textRefused(where: string, issues: TextIssue[]): AppError {
  return platformErrors.VALIDATION_FAILED({ in: where, issues }, `The request is not valid: ${issues.map((i) => `${i.path || where} ${i.message}`).join('; ')}`);
}
