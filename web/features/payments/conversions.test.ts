import { describe, expect, it } from 'vitest';
import { conversionsShown } from './conversions';

const iqd = { currency: 'IQD', amountMinor: 170235, rate: '1309.5', source: 'direct: manual' };
const eur = { currency: 'EUR', amountMinor: 11979, rate: '0.9215', source: 'direct: un-operational-rates.csv' };

describe('the conversions a payment shows', () => {
  it('shows none for a payment in the component’s and the project’s currency', () => {
    expect(conversionsShown({ currency: 'IQD', inComponentCurrency: { ...iqd, amountMinor: 120000, rate: '1' }, inProjectCurrency: null })).toEqual([]);
  });

  it('shows the stored rate and amount into the component’s currency, then the project’s', () => {
    expect(conversionsShown({ currency: 'USD', inComponentCurrency: iqd, inProjectCurrency: eur })).toEqual([iqd, eur]);
  });

  it('shows a currency once when the component and the project share it', () => {
    expect(conversionsShown({ currency: 'USD', inComponentCurrency: iqd, inProjectCurrency: { ...iqd } })).toEqual([iqd]);
  });

  it('leaves out the project’s conversion when it is the payment’s own currency', () => {
    expect(conversionsShown({ currency: 'USD', inComponentCurrency: iqd, inProjectCurrency: { ...eur, currency: 'USD' } })).toEqual([iqd]);
  });
});
