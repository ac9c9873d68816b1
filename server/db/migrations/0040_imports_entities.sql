-- The legacy import takes vulnerabilities: a column of category codes in the one-row-per-person file,
-- and a file of its own (one row per vulnerability, linked to its case and person by legacy ids).
-- An imported vulnerability keeps its source and legacy id; the unique pair (and the existing
-- unique case, person, category) keep a second import from doubling it.
ALTER TABLE vulnerability ADD COLUMN legacy_source text, ADD COLUMN legacy_id text;
CREATE UNIQUE INDEX vulnerability_legacy_uq ON vulnerability (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL;
-- The classification of a re-imported person looks up their categories.
CREATE INDEX vulnerability_person_idx ON vulnerability (person_id, category);

-- Reintegration components of historical cases, from a file of their own (one row per component,
-- linked to its case by legacy id): they go into an imported plan version, approved as the old
-- system had it, so without the second person's approval and the returnee's agreement Homeward
-- records (`legacy_source` says so). A component keeps its source and legacy id, unique per
-- version: a later draft copies them with the component, as it copies its key.
ALTER TABLE reintegration_plan_version ADD COLUMN legacy_source text;
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
            WHERE conrelid = 'reintegration_plan_version'::regclass AND contype = 'c'
              AND pg_get_constraintdef(oid) LIKE '%approved_by IS NOT NULL%agreed_on IS NOT NULL%' LOOP
    EXECUTE format('ALTER TABLE reintegration_plan_version DROP CONSTRAINT %I', c.conname);
  END LOOP;
END $$;
ALTER TABLE reintegration_plan_version ADD CONSTRAINT reintegration_plan_version_approval_check
  CHECK (status = 'draft' OR legacy_source IS NOT NULL OR (approved_by IS NOT NULL AND agreed_on IS NOT NULL));
ALTER TABLE reintegration_component ADD COLUMN legacy_source text, ADD COLUMN legacy_id text;
CREATE UNIQUE INDEX reintegration_component_legacy_uq ON reintegration_component (version_id, legacy_source, legacy_id) WHERE legacy_id IS NOT NULL;

-- What a run's file holds: households (one row per person, as before), vulnerabilities or reintegration components.
ALTER TABLE import_run ADD COLUMN entity text NOT NULL DEFAULT 'households' CHECK (entity IN ('households', 'vulnerabilities', 'components'));

-- Staged values: the categories of a person row; for a row of an entity file, the person it names,
-- its values, and what the classification found (the case, the person, the record it updates).
ALTER TABLE import_row
  ADD COLUMN vulnerabilities  text[],
  ADD COLUMN person_legacy_id text,
  ADD COLUMN entity_values    jsonb,
  ADD COLUMN case_id          uuid,
  ADD COLUMN person_id        uuid,
  ADD COLUMN target_id        uuid;
