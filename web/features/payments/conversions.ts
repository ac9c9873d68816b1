export interface Conversion { currency: string; amountMinor: number; rate: string; source: string }

/**
 * The stored conversions a payment shows beside its amount: those into another currency than the
 * payment's (the component's, then the project's), each currency once, never recomputed.
 */
export function conversionsShown(d: { currency: string; inComponentCurrency: Conversion; inProjectCurrency: Conversion | null }): Conversion[] {
  const shown: Conversion[] = [];
  for (const c of [d.inComponentCurrency, d.inProjectCurrency]) {
    if (c && c.currency !== d.currency && !shown.some((x) => x.currency === c.currency)) shown.push(c);
  }
  return shown;
}
