-- The statement triggers that compare a table's rows before and after an UPDATE (its transition
-- tables `old_rows` and `new_rows`) found the rows that changed with a join on the id. PL/pgSQL
-- keeps a statement's plan, and the planner estimates a transition table at one row: a plan made
-- when an update of a few rows came first (a caseworker's edit) is a nested loop, kept for the
-- connection, that compares every row with every other once a statement updates thousands. A
-- legacy import's batch correcting 12,700 cases spent 26 s in the stage counts' join and 14 s in
-- the statistics' join, on about half of the runs (it depended on which connection ran what
-- first). The same rows are now found by set operations, which the planner carries out by
-- hashing or sorting, never by a nested loop: the rows of `new_rows` whose compared columns (with
-- the id) are not in `old_rows`, and the reverse for the values before. EXCEPT compares NULLs as
-- equal, as IS DISTINCT FROM did; each id is once in each table.

CREATE OR REPLACE FUNCTION stat_case_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(
    SELECT x.id FROM (
      SELECT id, kind, departed_on, admission_date, office_id, origin_office_id, organisation_id, country_of_return, project_id, legal_status, restricted FROM new_rows
      EXCEPT
      SELECT id, kind, departed_on, admission_date, office_id, origin_office_id, organisation_id, country_of_return, project_id, legal_status, restricted FROM old_rows) x));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stat_member_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(
    SELECT x.case_id FROM (SELECT id, case_id, person_id, travelling FROM new_rows EXCEPT SELECT id, case_id, person_id, travelling FROM old_rows) x
    UNION SELECT y.case_id FROM (SELECT id, case_id FROM old_rows EXCEPT SELECT id, case_id FROM new_rows) y));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stat_person_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A person whose sex or date of birth changed, unless the update is their erasure.
  PERFORM stat_refresh_cases(ARRAY(
    SELECT DISTINCT m.case_id FROM case_member m WHERE m.person_id IN (
      SELECT x.id FROM (SELECT id, sex, birth_date FROM new_rows EXCEPT SELECT id, sex, birth_date FROM old_rows) x
      EXCEPT
      SELECT e.id FROM (SELECT id FROM new_rows WHERE erased_at IS NOT NULL EXCEPT SELECT id FROM old_rows WHERE erased_at IS NOT NULL) e)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stat_vulnerability_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_vulnerability(ARRAY(
    SELECT x.case_id FROM (SELECT id, case_id, person_id, category FROM new_rows EXCEPT SELECT id, case_id, person_id, category FROM old_rows) x
    UNION SELECT y.case_id FROM (SELECT id, case_id, person_id, category FROM old_rows EXCEPT SELECT id, case_id, person_id, category FROM new_rows) y));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stat_money_line_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_money(ARRAY(
    SELECT e.case_id FROM budget_entry e WHERE e.case_id IS NOT NULL AND e.budget_line_id IN (
      SELECT x.id FROM (SELECT id, project_id, donor FROM new_rows EXCEPT SELECT id, project_id, donor FROM old_rows) x)
    UNION SELECT rc.case_id FROM reintegration_component rc WHERE rc.budget_line_id IN (
      SELECT x.id FROM (SELECT id, project_id, donor FROM new_rows EXCEPT SELECT id, project_id, donor FROM old_rows) x)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stat_money_project_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_money(ARRAY(
    SELECT c.id FROM return_case c WHERE c.project_id IN (
      SELECT x.id FROM (SELECT id, currency FROM new_rows EXCEPT SELECT id, currency FROM old_rows) x)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION case_stage_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_stage_count (office_id, origin_office_id, organisation_id, owner_id, stage, restricted, n)
    SELECT office_id, origin_office_id, organisation_id, owner_id, stage, restricted, count(*)
      FROM new_rows GROUP BY office_id, origin_office_id, organisation_id, owner_id, stage, restricted;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_stage_count (office_id, origin_office_id, organisation_id, owner_id, stage, restricted, n)
    SELECT office_id, origin_office_id, organisation_id, owner_id, stage, restricted, -count(*)
      FROM old_rows GROUP BY office_id, origin_office_id, organisation_id, owner_id, stage, restricted;
  ELSE
    -- Only the rows whose key changed: most case writes touch none of these columns.
    INSERT INTO case_stage_count (office_id, origin_office_id, organisation_id, owner_id, stage, restricted, n)
    SELECT office_id, origin_office_id, organisation_id, owner_id, stage, restricted, sum(d) FROM (
      SELECT x.office_id, x.origin_office_id, x.organisation_id, x.owner_id, x.stage, x.restricted, 1 AS d FROM (
        SELECT id, office_id, origin_office_id, organisation_id, owner_id, stage, restricted FROM new_rows
        EXCEPT SELECT id, office_id, origin_office_id, organisation_id, owner_id, stage, restricted FROM old_rows) x
      UNION ALL
      SELECT y.office_id, y.origin_office_id, y.organisation_id, y.owner_id, y.stage, y.restricted, -1 FROM (
        SELECT id, office_id, origin_office_id, organisation_id, owner_id, stage, restricted FROM old_rows
        EXCEPT SELECT id, office_id, origin_office_id, organisation_id, owner_id, stage, restricted FROM new_rows) y
    ) moved GROUP BY office_id, origin_office_id, organisation_id, owner_id, stage, restricted HAVING sum(d) <> 0;
    IF NOT FOUND THEN RETURN NULL; END IF;
  END IF;
  IF nextval('case_stage_count_writes') % 64 = 0 THEN PERFORM case_stage_count_compact(); END IF;
  RETURN NULL;
END $$;
