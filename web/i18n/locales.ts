import en from './en.json';

export const LOCALES = ['en', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export type Messages = Record<string, string>;

export const englishMessages: Messages = en;

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

export const directionOf = (locale: Locale): 'ltr' | 'rtl' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Each language's own name for itself: a switcher must be readable by someone who cannot read the current one. */
export const AUTONYMS: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
};

/** English ships in the main bundle (it is the fallback); the others load on demand. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'fr':
      return (await import('./fr.json')).default;
    case 'es':
      return (await import('./es.json')).default;
    case 'ar':
      return (await import('./ar.json')).default;
    default:
      return englishMessages;
  }
}
