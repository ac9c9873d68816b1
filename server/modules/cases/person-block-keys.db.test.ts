import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { nameKeys } from '../../../shared/names/name-keys.js';
import type { Db } from '../../platform/db.js';
import { testDatabase } from '../../test-support/harness.js';
import { blockKeysOf } from './duplicate-ranking.js';

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
  let ownerUrl: string;
  beforeAll(async () => {
    ({ db, ownerUrl } = await testDatabase());
  });

  it('are in the index as soon as a person is written, with no pending list for every search to read (migration 0080)', async () => {
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await owner.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
      const pending = async () => (await owner.query<{ n: string }>(
        `SELECT pending_tuples AS n FROM pgstatginindex('person_block_keys_gin')`)).rows[0]!.n;
      const names = ['Mohammed Al-Hassan', 'Fatima Haddad', 'Ivan Ivanov', 'Amina Yusuf'];
      // As the application writes people: its own role, one statement per registration and one for many.
      for (const n of names) {
        const { folded, skeleton } = nameKeys([n]);
        await sql`INSERT INTO person (given_name, family_name, sex, birth_date, name_folded, name_skeleton)
          VALUES (${n.split(' ')[0]}, ${n.split(' ')[1]}, 'unknown', '1990-05-01', ${folded}, ${skeleton})`.execute(db);
      }
      await sql`INSERT INTO person (given_name, family_name, sex, name_folded, name_skeleton)
        SELECT 'Omar', 'Saleh ' || i, 'male', 'omar saleh', 'mr sl' FROM generate_series(1, 500) AS i`.execute(db);
      expect(Number(await pending())).toBe(0);
      // And a search through the index finds them at once.
      await owner.query('SET enable_seqscan = off');
      const { rows } = await owner.query<{ n: string }>(`SELECT count(*) AS n FROM person WHERE block_keys && $1::text[]`, [['mr sl|?', ...blockKeysOf(nameKeys(['Fatima Haddad']).skeleton, '1990-05-01')]]);
      expect(Number(rows[0]!.n)).toBe(501);
      // Only the blocking keys index the name: the trigram and token indexes no query used are gone.
      const gin = await owner.query<{ name: string; options: string[] | null }>(
        `SELECT c.relname AS name, c.reloptions AS options FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
          WHERE i.indrelid = 'person'::regclass AND a.amname = 'gin'`);
      expect(gin.rows).toEqual([{ name: 'person_block_keys_gin', options: ['fastupdate=off'] }]);
    } finally {
      await owner.end();
    }
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
