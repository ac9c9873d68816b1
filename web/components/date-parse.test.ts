import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import 'dayjs/locale/ar';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { describe, expect, it } from 'vitest';
import { parseDay } from './date-parse';

dayjs.extend(customParseFormat);
dayjs.extend(localizedFormat);

const short = (locale: string) => dayjs.Ls[locale]?.formats?.L ?? 'MM/DD/YYYY';

describe('parseDay', () => {
  it('takes YYYY-MM-DD as it is, in every language', () => {
    for (const locale of ['en', 'fr', 'es', 'ar']) expect(parseDay(' 2022-09-01 ', short(locale), locale)).toBe('2022-09-01');
  });

  it('reads the language short date: day first in French and Spanish, month first in English', () => {
    expect(parseDay('01/09/2022', short('fr'), 'fr')).toBe('2022-09-01');
    expect(parseDay('01/09/2022', short('es'), 'es')).toBe('2022-09-01');
    expect(parseDay('09/01/2022', short('en'), 'en')).toBe('2022-09-01');
  });

  it('refuses days that do not exist and text that is not a whole day', () => {
    expect(parseDay('2022-02-30', short('fr'), 'fr')).toBeNull();
    expect(parseDay('31/09/2022', short('fr'), 'fr')).toBeNull();
    expect(parseDay('01/09', short('fr'), 'fr')).toBeNull();
    expect(parseDay('', short('en'), 'en')).toBeNull();
    expect(parseDay('tomorrow', short('en'), 'en')).toBeNull();
  });
});
