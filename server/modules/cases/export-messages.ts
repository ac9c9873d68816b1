import { readFileSync } from 'node:fs';
import { LOCALES, type Locale } from '../../../shared/reference/locale.js';
import path from 'node:path';
import { repoRoot } from '../../platform/paths.js';

/**
 * The words of a case-list export (column headings, stages, kinds, legal statuses, sexes,
 * vulnerability categories) in the requester's language, from the web app's catalogues, so that
 * the file reads as the list does. Read once, as data, only the keys an export uses.
 */
const USED = /^(cases\.export\.column\.|stage\.|caseKind\.|legalStatus\.|sex\.|protection\.category\.)/;
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

/** A message in the locale, then in English, then `fallback`. */
export function exportMessages(locale: string) {
  const lang: Locale = (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en';
  return { lang, t: (id: string, fallback: string): string => catalogue(lang)[id] ?? catalogue('en')[id] ?? fallback };
}
