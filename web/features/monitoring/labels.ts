import { useIntl } from 'react-intl';
import type { Locale } from '../../../shared/access';
import type { Localized } from '../../../shared/schemas/monitoring';

/** The text of a four-language label in the user's language. */
export function useLocalized() {
  const intl = useIntl();
  return (l: Localized) => l[intl.locale as Locale] ?? l.en;
}

/** A score or weight as a number in the user's language, with four decimals for scores. */
export function useScoreFormat() {
  const intl = useIntl();
  return (value: number | string, digits = 4) => intl.formatNumber(Number(value), { minimumFractionDigits: digits, maximumFractionDigits: 4 });
}
