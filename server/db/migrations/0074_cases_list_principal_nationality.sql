-- The case list at millions of cases (cases/search-cases.ts). Its filters read the case row alone:
-- the principal applicant's nationality is kept on the case, so that a filter on it no longer
-- joins every candidate case to its principal, and indexes lead with the stage, the filter almost
-- every list view sets (a worklist of one or a few stages), then the nationality, in the list's
-- order. A list of several stages reads each stage's range in order and merges them.
--
-- The copy is kept by triggers: set from the principal when a case is written with a principal
-- (registration, the legacy import, a change of principal), and updated when the principal's
-- nationality changes. A writer that already knows it (the benchmark's bulk load) sets it itself.
ALTER TABLE return_case ADD COLUMN principal_nationality char(2);

UPDATE return_case c SET principal_nationality = p.nationality
  FROM person p WHERE p.id = c.principal_person_id AND p.nationality IS NOT NULL;

CREATE FUNCTION return_case_principal_nationality() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.principal_nationality := (SELECT p.nationality FROM person p WHERE p.id = NEW.principal_person_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER return_case_principal_nationality_set BEFORE INSERT ON return_case
  FOR EACH ROW WHEN (NEW.principal_nationality IS NULL) EXECUTE FUNCTION return_case_principal_nationality();
CREATE TRIGGER return_case_principal_nationality_changed BEFORE UPDATE OF principal_person_id ON return_case
  FOR EACH ROW WHEN (NEW.principal_person_id IS DISTINCT FROM OLD.principal_person_id) EXECUTE FUNCTION return_case_principal_nationality();

CREATE FUNCTION person_nationality_to_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE return_case SET principal_nationality = NEW.nationality
   WHERE principal_person_id = NEW.id AND principal_nationality IS DISTINCT FROM NEW.nationality;
  RETURN NULL;
END
$$;

CREATE TRIGGER person_nationality_to_cases AFTER UPDATE OF nationality ON person
  FOR EACH ROW WHEN (NEW.nationality IS DISTINCT FROM OLD.nationality) EXECUTE FUNCTION person_nationality_to_cases();

-- The list's indexes cover the filters it applies to every row (scope, restriction, kind, the
-- country of return, the nationality), so that a page and the capped count read the index alone.
-- The third replaces the plain index on updated_at (a list without a stage filter).
CREATE INDEX return_case_stage_list_idx ON return_case (stage, updated_at DESC, id DESC)
  INCLUDE (principal_nationality, country_of_return, office_id, origin_office_id, owner_id, restricted, kind);
CREATE INDEX return_case_stage_nationality_list_idx ON return_case (stage, principal_nationality, updated_at DESC, id DESC)
  INCLUDE (country_of_return, office_id, origin_office_id, owner_id, restricted, kind);
CREATE INDEX return_case_updated_list_idx ON return_case (updated_at DESC, id DESC)
  INCLUDE (stage, principal_nationality, country_of_return, office_id, origin_office_id, owner_id, restricted, kind);
DROP INDEX return_case_updated_idx;
