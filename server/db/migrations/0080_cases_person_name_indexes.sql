-- The indexes of the person's name, as the duplicate check and the name search use them.
--
-- 1. The blocking keys' GIN index is written at once, without a pending list. With GIN's default
--    `fastupdate`, a new person's keys wait in a list that every search of the index reads in
--    full, and that only grows (up to 4 MB, tens of thousands of people) until an insert past
--    that size or a vacuum merges it. So each registration made every later duplicate check and
--    name search slower: one search of 32 keys took 0.18 ms with the list merged, 1.6 ms with 500
--    people registered since, 14.8 ms with 5,000 (2,000,000 cases). At 1,000,000 cases, with 5,000,
--    the duplicate check's p50 went from 5 to 23 ms and the office name search's p95 from 35 to
--    211 ms (it runs one index search per group of typing-error keys, each reading the whole
--    list); at 200,000 cases, 400 people registered (8 pages) took the office name search's p50
--    from 13 to 24 ms. A limit of 64 kB on the list (its smallest) still left that tax.
--    The cost is on writes of many people at once: a legacy import's person inserts took about
--    40% longer (200,000 rows: 17-19 s against 12-14 s of the batches' time, 44-46 s end to end
--    against 39-43 s). Registering one person costs the same (5,000 inserts: 1.20 s against 1.23 s
--    plus 0.31 s for merging their pending keys later).
-- 2. The trigram index of the folded name and the GIN index of the skeleton's tokens are dropped:
--    no query uses them since the duplicate check (0045) and the name search read the blocking
--    keys, and every person written still paid for them. `pg_trgm` stays: the name search ranks
--    its few hundred matches with `word_similarity`.
DROP INDEX IF EXISTS person_name_folded_trgm;
DROP INDEX IF EXISTS person_name_tokens_gin;
ALTER INDEX person_block_keys_gin SET (fastupdate = off);
-- The keys already waiting are merged now (turning the option off leaves them in the list).
SELECT gin_clean_pending_list('person_block_keys_gin'::regclass);
