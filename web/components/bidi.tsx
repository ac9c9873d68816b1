/**
 * Values mixed into text of the other direction keep their own order: a Latin name or a date in
 * an Arabic sentence, an Arabic name in an English one. Names and dates are wrapped in `<bdi>`;
 * these are the compositions that need a fixed direction.
 */

/** For text that cannot hold elements (an aria-label, a notification): first-strong isolates. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/**
 * A local wall-clock time with its IANA zone, read left to right in every language
 * ("2026-12-20 15:00 (Europe/Istanbul)"), as one isolated run.
 */
export function LocalTime({ local, zone, timeOnly }: { local: string; zone: string; timeOnly?: boolean }) {
  const at = timeOnly ? local.slice(11, 16) : local.replace('T', ' ').slice(0, 16);
  return (
    <bdi dir="ltr">
      {at} ({zone})
    </bdi>
  );
}

/** A masked document number (`••••567`): its characters in their order in every language. */
export function MaskedNumber({ value }: { value: string }) {
  return (
    <bdi dir="ltr" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
      {value}
    </bdi>
  );
}
