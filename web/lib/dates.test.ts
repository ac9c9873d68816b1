import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { formatLocalTime } from './dates';

describe('formatLocalTime', () => {
  it('shows a timetable time as it reads at that place, without seconds, with its zone', () => {
    const en = createIntl({ locale: 'en-GB', messages: {} });
    expect(formatLocalTime(en, '2026-04-10T11:05:00', 'Europe/Brussels')).toBe('10 Apr 2026, 11:05 \u2066(Europe/Brussels)\u2069');
    expect(formatLocalTime(en, '2026-04-10T23:40', 'Asia/Baghdad')).toBe('10 Apr 2026, 23:40 \u2066(Asia/Baghdad)\u2069');
    expect(formatLocalTime(en, null, 'UTC')).toBe('');
    // On the 24-hour clock in every language, as timetables are.
    expect(formatLocalTime(createIntl({ locale: 'en-US', messages: {} }), '2026-04-10T23:40', 'Asia/Baghdad')).toContain('23:40');
    // In Arabic the zone stays one left-to-right run inside the right-to-left date.
    const ar = createIntl({ locale: 'ar', messages: {} });
    expect(formatLocalTime(ar, '2026-12-20T15:00', 'Europe/Istanbul')).toMatch(/ \u2066\(Europe\/Istanbul\)\u2069$/);
  });
});
