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

/**
 * Disclosure control of a published table: its entries (cells and the totals printed with them)
 * and the additions that hold between them (`parts` add up to `total`, e.g. a row and its row
 * total). Primary suppression withholds every entry from 1 to 4; secondary suppression then
 * withholds more entries (the smallest that share an addition with an exposed one, non-zero first,
 * cells before totals) until no withheld entry can be worked out from the published ones by any
 * combination of the additions (`determinedEntries`), so that a reader who subtracts margins learns
 * nothing more than "withheld".
 */
export interface Addition {
  parts: number[];
  total: number;
}

export type Withheld = 'small' | 'complement';

/** Entries whose value follows from the published entries and the additions (linear algebra on the withheld ones). */
export function determinedEntries(withheld: readonly boolean[], additions: readonly Addition[]): number[] {
  const unknowns = withheld.flatMap((w, i) => (w ? [i] : []));
  if (unknowns.length === 0) return [];
  const col = new Map(unknowns.map((u, k) => [u, k]));
  // One equation per addition, on the withheld entries only (published values are constants).
  const rows: number[][] = [];
  for (const a of additions) {
    const r = new Array<number>(unknowns.length).fill(0);
    let any = false;
    for (const p of a.parts) {
      const k = col.get(p);
      if (k !== undefined) { r[k]! += 1; any = true; }
    }
    const t = col.get(a.total);
    if (t !== undefined) { r[t]! -= 1; any = true; }
    if (any) rows.push(r);
  }
  // Reduced row echelon form: an unknown is determined when a row holds it alone.
  const m = rows;
  let lead = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknowns.length && lead < m.length; c++) {
    let p = lead;
    while (p < m.length && Math.abs(m[p]![c]!) < 1e-9) p++;
    if (p === m.length) continue;
    [m[lead], m[p]] = [m[p]!, m[lead]!];
    const pv = m[lead]![c]!;
    for (let j = 0; j < unknowns.length; j++) m[lead]![j]! /= pv;
    for (let i = 0; i < m.length; i++) {
      if (i === lead) continue;
      const f = m[i]![c]!;
      if (Math.abs(f) < 1e-9) continue;
      for (let j = 0; j < unknowns.length; j++) m[i]![j]! -= f * m[lead]![j]!;
    }
    pivots.push(c);
    lead++;
  }
  const out: number[] = [];
  for (let i = 0; i < pivots.length; i++) {
    const nonZero = m[i]!.filter((v) => Math.abs(v) > 1e-9).length;
    if (nonZero === 1) out.push(unknowns[pivots[i]!]!);
  }
  return out;
}

/**
 * Withholds the entries of a table (see `Addition`): `isTotal` marks the totals, chosen as
 * complements only when no cell will do. Returns, per entry, why it is withheld, or null.
 */
export function protectTable(values: readonly number[], additions: readonly Addition[], isTotal: readonly boolean[] = [], small?: readonly boolean[]): (Withheld | null)[] {
  // `small`: which entries are withheld first, when it is not their own value that is small (an amount linked to 1-4 returnees).
  const why: (Withheld | null)[] = values.map((v, i) => ((small ? small[i] : isSuppressed(v)) ? 'small' : null));
  for (let guard = 0; guard <= values.length; guard++) {
    const exposed = determinedEntries(why.map((w) => w !== null), additions);
    if (exposed.length === 0) break;
    const e = exposed[0]!;
    const candidates = new Set<number>();
    for (const a of additions) {
      const members = [...a.parts, a.total];
      if (members.includes(e)) for (const m of members) if (why[m] === null) candidates.add(m);
    }
    if (candidates.size === 0) {
      // Nothing left to withhold beside it (cannot happen with a total per addition): withhold the totals.
      for (const a of additions) if (why[a.total] === null) why[a.total] = 'complement';
      continue;
    }
    const rank = (i: number) => [isTotal[i] ? 1 : 0, values[i] === 0 ? 1 : 0, values[i]!] as const;
    const best = [...candidates].sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a - b;
    })[0]!;
    why[best] = 'complement';
  }
  return why;
}

/** A one-way breakdown with its total: cells 0..n-1, the total at n. */
export function protectList(counts: readonly number[]): { cells: (Withheld | null)[]; total: Withheld | null } {
  const total = counts.reduce((s, n) => s + n, 0);
  const why = protectTable([...counts, total], [{ parts: counts.map((_, i) => i), total: counts.length }], [...counts.map(() => false), true]);
  return { cells: why.slice(0, counts.length), total: why[counts.length]! };
}

/** A two-way table with row totals, column totals and the grand total. */
export function protectMatrix(cells: readonly (readonly number[])[]): {
  cells: (Withheld | null)[][]; rowTotals: (Withheld | null)[]; columnTotals: (Withheld | null)[]; total: Withheld | null;
} {
  const R = cells.length;
  const C = R === 0 ? 0 : cells[0]!.length;
  const at = (i: number, j: number) => i * C + j;
  const rowT = (i: number) => R * C + i;
  const colT = (j: number) => R * C + R + j;
  const grand = R * C + R + C;
  const values: number[] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) values.push(cells[i]![j]!);
  const rowSums = cells.map((r) => r.reduce((s, n) => s + n, 0));
  const colSums = Array.from({ length: C }, (_, j) => cells.reduce((s, r) => s + r[j]!, 0));
  values.push(...rowSums, ...colSums, rowSums.reduce((s, n) => s + n, 0));
  const additions: Addition[] = [];
  for (let i = 0; i < R; i++) additions.push({ parts: Array.from({ length: C }, (_, j) => at(i, j)), total: rowT(i) });
  for (let j = 0; j < C; j++) additions.push({ parts: Array.from({ length: R }, (_, i) => at(i, j)), total: colT(j) });
  additions.push({ parts: Array.from({ length: R }, (_, i) => rowT(i)), total: grand });
  additions.push({ parts: Array.from({ length: C }, (_, j) => colT(j)), total: grand });
  const isTotal = values.map((_, k) => k >= R * C);
  const why = protectTable(values, additions, isTotal);
  return {
    cells: Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => why[at(i, j)]!)),
    rowTotals: Array.from({ length: R }, (_, i) => why[rowT(i)]!),
    columnTotals: Array.from({ length: C }, (_, j) => why[colT(j)]!),
    total: why[grand]!,
  };
}
