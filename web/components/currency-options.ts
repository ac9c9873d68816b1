import { currencies } from '../../shared/reference/currencies';
import { isMoneyCurrency } from '../../shared/money';

/** Currencies an amount, a rate, a payment or a threshold can be in (active ISO 4217 codes with a minor unit), as select options. */
export const CURRENCY_OPTIONS = currencies
  .filter((c) => c.kind === 'currency' && isMoneyCurrency(c.code))
  .map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
