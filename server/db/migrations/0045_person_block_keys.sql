-- Blocking keys for the duplicate check at registration (cases/find-duplicates.ts): a person's
-- name skeleton tokens (shared/names), alone and in pairs, each once without and once with the
-- birth year ('?' when unknown). A possible duplicate shares at least one key with the person being
-- registered; the few hundred candidates are then ranked in the application. Pairs of tokens with
-- a year stay selective at millions of people where a single common token (Mohammed) does not.
--
-- Pairs are of distinct tokens in byte order ("a b" with a < b in the C collation); only the first
-- 8 tokens count (given and family names come first). A token starting with the l of an attached
-- Arabic article ('Alhassan' 'lhsn', 'Almasri' 'lmsr', which the skeleton does not split) counts
-- also without it, so that it meets 'Al-Hassan' 'hsn'. The query side (duplicate-ranking.ts,
-- blockKeysOf) builds the same keys. A generated column: every path that writes name_skeleton or
-- birth_date (registration, member edits, the legacy import's set-based upsert, the benchmark's
-- bulk load) keeps the keys current without code of its own.
CREATE FUNCTION person_block_keys(skeleton text, birth date) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
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
      CONTINUE WHEN toks[j] = 'l' || toks[i] OR toks[i] = 'l' || toks[j]; -- a token and itself without the l
      keys := keys || (toks[i] || ' ' || toks[j]) || (toks[i] || ' ' || toks[j] || y);
    END LOOP;
  END LOOP;
  RETURN keys;
END
$$;

ALTER TABLE person ADD COLUMN block_keys text[] GENERATED ALWAYS AS (person_block_keys(name_skeleton, birth_date)) STORED;
CREATE INDEX person_block_keys_gin ON person USING gin (block_keys);
