import type { IntlShape } from 'react-intl';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (`YYYY-MM-DD`) shown in the UI language; UTC so it never shifts a day. */
export function formatDay(intl: IntlShape, value: string | null | undefined): string {
  if (!value) return '';
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  return intl.formatDate(Date.UTC(+match[1], +match[2] - 1, +match[3]), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** The day of a timestamp, in the user's time zone: for dense lists. */
export function formatMomentDay(intl: IntlShape, value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return intl.formatDate(date, { dateStyle: 'medium' });
}

/** A timestamp (ISO 8601) in the user's time zone. */
export function formatMoment(intl: IntlShape, value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return intl.formatDate(date, { dateStyle: 'medium', timeStyle: 'short' });
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/**
 * A local wall-clock time ('YYYY-MM-DDTHH:MM[:SS]', as a flight's timetable gives it) in the UI
 * language, without seconds, followed by its IANA zone: "10 Apr 2026, 11:05 (Europe/Brussels)".
 * Shown as it reads at that place, never converted to the browser's zone.
 */
/** Timetable times read on the 24-hour clock, as airlines print them. "(Europe/Istanbul)" as one left-to-right run, so that an Arabic sentence does not turn it around. */
const zoneRun = (zone: string) => `\u2066(${zone})\u2069`;

export function formatLocalTime(intl: IntlShape, local: string | null | undefined, zone: string): string {
  if (!local) return '';
  const m = LOCAL_TIME.exec(local);
  if (!m) return `${local} ${zoneRun(zone)}`;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return `${intl.formatDate(wall, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' })} ${zoneRun(zone)}`;
}

export function isValidIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}

/** Today's date in the browser's time zone, as `YYYY-MM-DD`. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
