/** Offset of a time zone from UTC at an instant, in milliseconds (from Intl, no tz database of our own). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local wall-clock time ('YYYY-MM-DDTHH:MM[:SS]') in an IANA time zone. */
export function localToInstant(local: string, timeZone: string): Date {
  const naive = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  let guess = naive - offsetAt(naive, timeZone);
  guess = naive - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** 'YYYY-MM-DDTHH:MM:SS' with seconds, as stored. */
export const normaliseLocal = (local: string) => (local.length === 16 ? `${local}:00` : local);
