/**
 * Small-number suppression for counts shown to people outside the cases counted (e.g. an M&E
 * officer counting every case, restricted ones included): a count from 1 to 4 is not shown, so
 * that a restricted case (a trafficking victim, an unaccompanied child) cannot be singled out.
 * Zero stays visible (it reveals nobody). Totals are the sum of what is shown, so a suppressed
 * count cannot be derived back by subtraction.
 */
export const SUPPRESSION_THRESHOLD = 5;

export const isSuppressed = (n: number): boolean => n > 0 && n < SUPPRESSION_THRESHOLD;

/** Splits counts into those shown and the keys whose counts are withheld. */
export function suppressCounts<K extends string>(counts: Record<K, number>): { counts: Partial<Record<K, number>>; suppressed: K[]; total: number } {
  const shown: Partial<Record<K, number>> = {};
  const suppressed: K[] = [];
  let total = 0;
  for (const key of Object.keys(counts) as K[]) {
    const n = counts[key];
    if (isSuppressed(n)) suppressed.push(key);
    else {
      shown[key] = n;
      total += n;
    }
  }
  return { counts: shown, suppressed, total };
}
