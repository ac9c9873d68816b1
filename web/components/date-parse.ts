import dayjs from 'dayjs';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A typed day as `YYYY-MM-DD`, or null when it is not one: `YYYY-MM-DD` as such, otherwise read
 * strictly in `format` (the language's short date, `DD/MM/YYYY` in French) of `locale`.
 * Needs dayjs' customParseFormat plugin (`lib/locale.tsx`).
 */
export function parseDay(input: string, format: string, locale: string): string | null {
  const text = input.trim();
  if (ISO_DAY.test(text)) return dayjs(text, 'YYYY-MM-DD', true).isValid() ? text : null;
  const parsed = dayjs(text, format, locale, true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}
