import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db.js';
import { testDatabase } from '../../test-support/harness.js';
import { birthDateSimilarity, birthDateSimilaritySql, birthDateVariants } from './birth-date-similarity.js';

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

describe('the birth date similarity in SQL', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await testDatabase());
  });

  it('grades every pair exactly as the function the tests describe', async () => {
    const entered = ['1992-02-29', '1999-12-31', '2000-01-01', '1975-11-30', ...Array.from({ length: 60 }, (_, i) => shift('1988-01-03', i * 13))];
    const differing: string[] = [];
    let pairs = 0;
    for (const a of entered) {
      const recorded = new Set<string>([
        ...Array.from({ length: 229 }, (_, i) => shift(a, (i - 114) * 7)), // -798 .. 798 days
        shift(a, 1), shift(a, -1), shift(a, 2), shift(a, 366), shift(a, -367), shift(a, 730), shift(a, 731),
        `${a.slice(0, 4)}-${a.slice(8, 10)}-${a.slice(5, 7)}`, `${a.slice(0, 7)}-28`, `${a.slice(0, 4)}-01-01`,
        ...birthDateVariants(a),
      ]);
      const dates = [...recorded].filter((b) => !Number.isNaN(Date.parse(`${b}T00:00:00Z`)) && new Date(`${b}T00:00:00Z`).toISOString().slice(0, 10) === b);
      const { rows } = await sql<{ r: string; est: boolean; s: number }>`
        SELECT to_char(r, 'YYYY-MM-DD') AS r, est, ${birthDateSimilaritySql(a, sql`r`, sql`est`)} AS s
        FROM unnest(${dates}::date[]) AS u(r) CROSS JOIN (VALUES (false), (true)) AS v(est)`.execute(db);
      expect(rows).toHaveLength(dates.length * 2);
      pairs += rows.length;
      for (const x of rows) {
        const expected = birthDateSimilarity(a, x.r, x.est);
        if (!(Math.abs(x.s - expected) <= 1e-12)) differing.push(`${a} ${x.r} ${x.est}: ${x.s} vs ${expected}`);
      }
    }
    expect(differing).toEqual([]);
    expect(pairs).toBeGreaterThan(20_000);
    const none = await sql<{ s: number | null }>`SELECT ${birthDateSimilaritySql('1992-03-07', sql`NULL::date`, sql`false`)} AS s`.execute(db);
    expect(none.rows[0]!.s).toBeNull();
  });
});
