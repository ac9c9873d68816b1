-- The legacy import takes vulnerabilities: a column of category codes in the one-row-per-person file,
-- and a file of its own (one row per vulnerability, linked to its case and person by legacy ids).
-- An imported vulnerability keeps its source and legacy id; the unique pair (and the existing
-- unique case, person, category) keep a second import from doubling it.
ALTER TABLE vulnerability ADD COLUMN legacy_source text, ADD COLUMN legacy_id text;
CREATE UNIQUE INDEX vulnerability_legacy_uq ON vulnerability (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL;
-- The classification of a re-imported person looks up their categories.
CREATE INDEX vulnerability_person_idx ON vulnerability (person_id, category);

-- What a run's file holds: households (one row per person, as before) or vulnerabilities.
ALTER TABLE import_run ADD COLUMN entity text NOT NULL DEFAULT 'households' CHECK (entity IN ('households', 'vulnerabilities'));

-- Staged values: the categories of a person row; for a row of an entity file, the person it names,
-- its values, and what the classification found (the case, the person, the record it updates).
ALTER TABLE import_row
  ADD COLUMN vulnerabilities  text[],
  ADD COLUMN person_legacy_id text,
  ADD COLUMN entity_values    jsonb,
  ADD COLUMN case_id          uuid,
  ADD COLUMN person_id        uuid,
  ADD COLUMN target_id        uuid;
