-- Encryption at rest of the most sensitive fields with a data key per person (crypto-shredding,
-- `server/platform/person-keys.ts`). Each person's random 256-bit key is kept wrapped by the master
-- key (HOMEWARD_SECRET_KEY); destroying it (wrapped_key null, destroyed_at set) leaves every value
-- sealed for the person unreadable, in the tables, the audit trail and the backups alike.
CREATE TABLE person_key (
  person_id     uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
  wrapped_key   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  destroyed_at  timestamptz,
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- The sealed values beside the clear columns. SQL cannot call the cipher: the clear values of
-- earlier installations are sealed and their clear column emptied by the background job
-- `platform.seal-clear-values`, sent at every start (it finds nothing to do once done). New
-- writes fill only the sealed columns.
ALTER TABLE health_record
  ADD COLUMN conditions_encrypted   text,
  ADD COLUMN medication_encrypted   text,
  ADD COLUMN travel_needs_encrypted text;

ALTER TABLE vulnerability ADD COLUMN details_encrypted text;

-- A sensitive note keeps its body sealed (for the principal applicant: a note concerns the
-- household); ordinary notes stay in clear.
ALTER TABLE case_note
  ALTER COLUMN body DROP NOT NULL,
  ADD COLUMN body_encrypted text,
  ADD CONSTRAINT case_note_body_present CHECK (body IS NOT NULL OR body_encrypted IS NOT NULL);
