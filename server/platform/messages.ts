import { readFileSync } from 'node:fs';
import path from 'node:path';
import { personDisplayName } from '../../shared/person-name.js';
import { LOCALES, type Locale } from '../../shared/reference/locale.js';
import { repoRoot } from './paths.js';

/**
 * The web app's message catalogues, read by the server for the files it writes in the reader's
 * language (exports, the annual report), so that a heading reads as it does on screen. Each
 * catalogue is read once, as data (the files are JSON), never imported as code.
 */
const catalogues = new Map<Locale, Record<string, string>>();

export function catalogue(locale: Locale): Record<string, string> {
  let c = catalogues.get(locale);
  if (!c) {
    c = JSON.parse(readFileSync(path.join(repoRoot, 'web', 'i18n', `${locale}.json`), 'utf8')) as Record<string, string>;
    catalogues.set(locale, c);
  }
  return c;
}

/** A supported locale, English otherwise. */
export const localeOf = (locale: string): Locale => ((LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en');

/**
 * Messages in a locale: `t` fills `{name}` arguments and falls back to English, then to
 * `fallback` (the key when none is given); `has` says whether either catalogue holds the key;
 * `personName` joins a person's given and family names as a reader sees them, "Erased person" in
 * the locale for an erased person (never the stored marker).
 */
export function serverMessages(locale: string) {
  const lang = localeOf(locale);
  const t = (id: string, values: Record<string, string | number> = {}, fallback = id): string => {
    const text = catalogue(lang)[id] ?? catalogue('en')[id] ?? fallback;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  };
  return {
    lang,
    t,
    has: (id: string) => id in catalogue(lang) || id in catalogue('en'),
    personName: (givenName: string | null | undefined, familyName: string | null | undefined): string =>
      personDisplayName(givenName, familyName, t('erasure.erasedPerson', {}, 'Erased person')),
  };
}
export type ServerMessages = ReturnType<typeof serverMessages>;
