import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { nameKeys } from '../../../shared/names/name-keys.js';
import type { Db } from '../../platform/db.js';
import { testDatabase } from '../../test-support/harness.js';

/** `person_block_keys` as migration 0045 wrote it (a query per call), to compare 0073's body with. */
const BODY_0045 = `
CREATE FUNCTION pg_temp.block_keys_0045(skeleton text, birth date) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  toks text[] := ARRAY(
    SELECT DISTINCT v COLLATE "C"
      FROM unnest((string_to_array(skeleton, ' '))[1:8]) AS t
     CROSS JOIN LATERAL (VALUES (t), (CASE WHEN t ~ '^l[a-z]{2,}$' THEN substr(t, 2) END)) AS x(v)
     WHERE v <> ''
     ORDER BY 1);
  y text := '|' || coalesce(date_part('year', birth)::int::text, '?');
  n int := cardinality(toks);
  keys text[] := '{}';
BEGIN
  FOR i IN 1..n LOOP
    keys := keys || toks[i] || (toks[i] || y);
    FOR j IN i + 1..n LOOP
      CONTINUE WHEN toks[j] = 'l' || toks[i] OR toks[i] = 'l' || toks[j];
      keys := keys || (toks[i] || ' ' || toks[j]) || (toks[i] || ' ' || toks[j] || y);
    END LOOP;
  END LOOP;
  RETURN keys;
END
$$`;

/** A deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe('the blocking keys of a person', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await testDatabase());
  });

  it('are the keys 0045 computed, for names, repeated and article-prefixed tokens, long names, odd spacing and unknown years', async () => {
    const names = ['Mohammed Al-Hassan', 'Muhammad Alhassan', 'Fatima Al Masri', 'Ahmad Ahmad', 'Zoë Müller', 'Nguyễn Văn An', 'محمد الحسن',
      'Jean-Baptiste de la Fontaine', 'A B C D E F G H I J K', 'Ali', '', 'Abdul Rahman Abdulrahman', 'Lina Lamia Lbnan', 'Olga Ivanova-Petrova'];
    const pick = rng(20_260_406);
    const tokens = ['a', 'ab', 'lab', 'labc', 'abc', 'l', 'll', 'lll', 'lhsn', 'hsn', 'mhmd', 'msr', 'lmsr', 'b', 'zz', 'Zz', '_a', 'é', 'l1ab', 'lxx', 'xx'];
    const skeletons = [
      ...names.map((n) => nameKeys([n]).skeleton),
      '', ' ', '  a  b ', 'a  ', ' l ', 'lhsn hsn', 'hsn lhsn', 'b a c a b', 'l la lab labc', 'lll ll l', 'labc abc lbc',
      ...Array.from({ length: 400 }, () => Array.from({ length: 1 + pick(11) }, () => tokens[pick(tokens.length)]!).join(pick(5) === 0 ? '  ' : ' ')),
    ];
    const births = [null, '1988-07-01', '2001-12-31', '1950-01-01'];
    const skeletonOf: string[] = [];
    const birthOf: (string | null)[] = [];
    skeletons.forEach((s, i) => { skeletonOf.push(s); birthOf.push(births[i % births.length]!); });
    await db.connection().execute(async (c) => {
      await sql.raw(BODY_0045).execute(c);
      const { rows } = await sql<{ s: string | null; b: string | null; now: string[]; before: string[] }>`
        SELECT s, b::text, person_block_keys(s, b) AS now, pg_temp.block_keys_0045(s, b) AS before
          FROM unnest(${[...skeletonOf, null]}::text[], ${[...birthOf, '1990-01-01']}::date[]) AS u(s, b)`.execute(c);
      expect(rows.length).toBe(skeletonOf.length + 1);
      const differing = rows.filter((r) => JSON.stringify(r.now) !== JSON.stringify(r.before));
      expect(differing).toEqual([]);
      // Not only empty answers: most skeletons have keys.
      expect(rows.filter((r) => r.now.length > 0).length).toBeGreaterThan(400);
      await sql`DROP FUNCTION pg_temp.block_keys_0045(text, date)`.execute(c);
    });
  });
});
