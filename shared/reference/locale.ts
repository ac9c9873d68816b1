/** UI / reference-data locales that Homeward ships names for. */
export const LOCALES = ['en', 'fr', 'es', 'ar'] as const;

export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
