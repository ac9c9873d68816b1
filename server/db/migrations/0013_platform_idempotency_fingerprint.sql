-- Exactly-once creation: the key is claimed in the transaction that creates the record, so the
-- primary key (user_id, key) makes a concurrent duplicate wait for the first and then replay it.
-- The fingerprint (sha256 of method, route, path parameters and body) tells a retry of the same
-- request from another request sent with a reused key; rows stored before it have none and are
-- compared by route only. The ETag of the first answer is kept so that a replay carries it too.
ALTER TABLE idempotency_key
  ADD COLUMN fingerprint text,
  ADD COLUMN etag text;

