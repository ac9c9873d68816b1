import { readFileSync } from 'node:fs';
import { LOCALES, type Locale } from '../../../shared/reference/locale.js';
import path from 'node:path';
import { repoRoot } from '../../platform/paths.js';

/**
 * The words of an export (headings, titles, notes) in the reader's language, from the web app's
 * message catalogues, so that a heading reads as it does on the statistics page. Read once, as
 * data (the files are JSON), only the keys the exports use.
 */
const USED = /^(statistics\.|legalStatus\.|protection\.category\.)/;
const catalogues = new Map<Locale, Record<string, string>>();

function catalogue(locale: Locale): Record<string, string> {
  let c = catalogues.get(locale);
  if (!c) {
    const all = JSON.parse(readFileSync(path.join(repoRoot, 'web', 'i18n', `${locale}.json`), 'utf8')) as Record<string, string>;
    c = Object.fromEntries(Object.entries(all).filter(([k]) => USED.test(k)));
    catalogues.set(locale, c);
  }
  return c;
}

/** A message with its `{name}` arguments filled in; English, then the key, when a message is missing. */
export function messagesFor(locale: string) {
  const lang: Locale = (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en';
  return {
    lang,
    t(id: string, values: Record<string, string | number> = {}): string {
      const text = catalogue(lang)[id] ?? catalogue('en')[id] ?? id;
      return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
    },
    has: (id: string) => id in catalogue(lang) || id in catalogue('en'),
  };
}
export type Messages = ReturnType<typeof messagesFor>;
