import { describe, expect, it } from 'vitest';
import { isSuppressed, protectList, protectMatrix, suppressCounts } from './suppression.js';

/**
 * The attacker: every published margin gives an equation on the withheld entries. Repeatedly
 * solving each equation with a single unknown, then checking by brute force whether the bounded
 * system (withheld small counts 1..4, others >= 0) leaves an entry one value only.
 */
function recoverable(values: number[], withheld: boolean[], additions: { parts: number[]; total: number }[]): number[] {
  const known = values.map((v, i) => (withheld[i] ? null : v));
  let progress = true;
  const found: number[] = [];
  while (progress) {
    progress = false;
    for (const a of additions) {
      const members = [...a.parts, a.total];
      const unknown = members.filter((m) => known[m] === null);
      if (unknown.length !== 1) continue;
      const u = unknown[0]!;
      const partsSum = a.parts.reduce((s, p) => s + (known[p] ?? 0), 0);
      known[u] = u === a.total ? partsSum : known[a.total]! - partsSum;
      found.push(u);
      progress = true;
    }
  }
  // Differences of two additions sharing withheld entries (a row and a column) are linear
  // combinations too: solve the whole system by enumeration when it is small enough.
  const unknowns = known.flatMap((v, i) => (v === null ? [i] : []));
  if (unknowns.length > 0 && unknowns.length <= 3) {
    const max = Math.max(...unknowns.map((u) => values[u]!)) + 5;
    const seen = new Map<number, Set<number>>(unknowns.map((u) => [u, new Set<number>()]));
    const assign = new Array<number>(values.length);
    const walk = (k: number) => {
      if (k === unknowns.length) {
        const v = known.map((x, i) => x ?? assign[i]!);
        if (additions.every((a) => a.parts.reduce((s, p) => s + v[p]!, 0) === v[a.total])) for (const u of unknowns) seen.get(u)!.add(v[u]!);
        return;
      }
      for (let x = 0; x <= max; x++) { assign[unknowns[k]!] = x; walk(k + 1); }
    };
    walk(0);
    for (const [u, s] of seen) if (s.size === 1) found.push(u);
  }
  return found;
}

const rnd = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

describe('disclosure control', () => {
  it('keeps the primary rule of stage counts', () => {
    expect(suppressCounts({ a: 3, b: 10, c: 0 })).toEqual({ counts: { b: 10, c: 0 }, suppressed: ['a'], total: 10 });
  });

  it('withholds a second cell in a list with a published total, the next smallest', () => {
    const r = protectList([120, 3, 40, 17]);
    expect(r.cells).toEqual([null, 'small', null, 'complement']);
    expect(r.total).toBeNull();
  });

  it('leaves a list alone when nothing is small, and withholds a small total', () => {
    expect(protectList([10, 0, 7]).cells).toEqual([null, null, null]);
    expect(protectList([2, 0, 1]).total).toBe('small');
  });

  it('no withheld cell of a list can be recovered from its total', () => {
    const r = rnd(7);
    for (let t = 0; t < 300; t++) {
      const counts = Array.from({ length: 1 + Math.floor(r() * 8) }, () => Math.floor(r() * (r() < 0.5 ? 6 : 60)));
      const p = protectList(counts);
      const values = [...counts, counts.reduce((s, n) => s + n, 0)];
      const withheld = [...p.cells, p.total].map((w) => w !== null);
      expect(recoverable(values, withheld, [{ parts: counts.map((_, i) => i), total: counts.length }])).toEqual([]);
    }
  });

  it('no withheld cell of a matrix can be recovered from its row, column and grand totals', () => {
    const r = rnd(11);
    for (let t = 0; t < 300; t++) {
      const R = 1 + Math.floor(r() * 4);
      const C = 1 + Math.floor(r() * 4);
      const cells = Array.from({ length: R }, () => Array.from({ length: C }, () => Math.floor(r() * (r() < 0.4 ? 6 : 40))));
      const p = protectMatrix(cells);
      const values = [...cells.flat(), ...cells.map((row) => row.reduce((s, n) => s + n, 0)),
        ...Array.from({ length: C }, (_, j) => cells.reduce((s, row) => s + row[j]!, 0)), cells.flat().reduce((s, n) => s + n, 0)];
      const withheld = [...p.cells.flat(), ...p.rowTotals, ...p.columnTotals, p.total].map((w) => w !== null);
      const additions = [
        ...Array.from({ length: R }, (_, i) => ({ parts: Array.from({ length: C }, (_, j) => i * C + j), total: R * C + i })),
        ...Array.from({ length: C }, (_, j) => ({ parts: Array.from({ length: R }, (_, i) => i * C + j), total: R * C + R + j })),
        { parts: Array.from({ length: R }, (_, i) => R * C + i), total: R * C + R + C },
        { parts: Array.from({ length: C }, (_, j) => R * C + R + j), total: R * C + R + C },
      ];
      // Every small count is withheld.
      values.forEach((v, i) => { if (v > 0 && v < 5) expect(withheld[i]).toBe(true); });
      expect(recoverable(values, withheld, additions)).toEqual([]);
    }
  });

  it('in a matrix, every row and column with a withheld cell has at least two', () => {
    const p = protectMatrix([[50, 2, 30], [40, 60, 9], [10, 20, 70]]);
    for (const row of p.cells) expect(row.filter(Boolean).length === 0 || row.filter(Boolean).length >= 2).toBe(true);
    for (let j = 0; j < 3; j++) {
      const n = p.cells.filter((row) => row[j]).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
  });
});

describe('small-number suppression', () => {
  it('withholds counts from 1 to 4, keeps 0 and 5+, and totals only what is shown', () => {
    expect([0, 1, 4, 5, 12].map(isSuppressed)).toEqual([false, true, true, false, false]);
    expect(suppressCounts({ registered: 12, counselling: 3, approved: 0, departed: 5 })).toEqual({
      counts: { registered: 12, approved: 0, departed: 5 },
      suppressed: ['counselling'],
      total: 17,
    });
  });
});
