import { serverMessages } from '../../platform/messages.js';

/**
 * The words of a case-list export (column headings, stages, kinds, legal statuses, sexes,
 * vulnerability categories) in the requester's language, so that the file reads as the list does:
 * a message in the locale, then in English, then `fallback`. An erased person is named "Erased
 * person" in that language.
 */
export function exportMessages(locale: string) {
  const m = serverMessages(locale);
  return { lang: m.lang, t: (id: string, fallback: string): string => m.t(id, {}, fallback), personName: m.personName };
}
