import type { IntlShape } from 'react-intl';
import type { CriterionResult } from './model';

const has = (intl: IntlShape, id: string) => id in intl.messages;
const label = (intl: IntlShape, id: string, fallback: string) => (has(intl, id) ? intl.formatMessage({ id }) : fallback);

/** Lists of codes in a reason ('IQ, AF'), shown with names in the user's language. */
function translateList(value: string | number, one: (code: string) => string): string {
  const text = String(value);
  if (text === '—') return text;
  return text.split(', ').map(one).join(', ');
}

/**
 * A criterion's reason: the server gives a code and the values compared, the catalogue says it
 * in the user's language (`eligibility.reason.<criterion>.<code>`).
 */
export function reasonText(intl: IntlShape, r: CriterionResult, countryName: (code: string) => string): string {
  const legal = (c: string) => label(intl, `legalStatus.${c}`, c);
  const vuln = (c: string) => label(intl, `eligibility.vulnerability.${c}`, c);
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(r.params)) {
    if (r.criterion === 'legalStatus' && (key === 'status' || key === 'allowed')) params[key] = translateList(value, legal);
    else if (['nationality', 'country', 'allowed', 'excluded'].includes(key)) params[key] = translateList(value, (c) => countryName(c) || c);
    else if (r.criterion === 'vulnerability') params[key] = translateList(value, vuln);
    else params[key] = value;
  }
  const id = `eligibility.reason.${r.code}`;
  return has(intl, id) ? intl.formatMessage({ id }, params) : `${r.code} ${JSON.stringify(r.params)}`;
}
