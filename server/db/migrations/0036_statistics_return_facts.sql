-- Programme statistics from aggregates kept as cases change.
--
-- A returnee counts in the month of the case's departure (`return_case.departed_on`, set when the
-- case moves to departed, or from the legacy file's departure date) or, for a post-arrival case,
-- of its admission date. Each travelling member is one returnee; the principal's row also counts
-- one household. `stat_case_fact` holds what each case contributes (one row per sex and age band
-- of its travelling members); `stat_return_fact` holds the sums per cell, and five coarser tables
-- the same sums with fewer keys, which the figures read.
--
-- Both are kept by triggers in the same transaction as the write that changes a counted fact
-- (the case, its members, a person's sex or date of birth), whichever module or bulk statement
-- makes it: `stat_refresh_cases(ids)` recomputes the contribution of those cases and moves the
-- difference into the cells, set-based, once per statement.

ALTER TABLE return_case ADD COLUMN departed_on date;
UPDATE return_case c SET departed_on = t.on_day
  FROM (SELECT case_id, min((at AT TIME ZONE 'UTC')::date) AS on_day FROM stage_transition WHERE to_stage = 'departed' GROUP BY case_id) t
 WHERE t.case_id = c.id AND c.kind = 'voluntary_return';

CREATE TABLE stat_case_fact (
  case_id           uuid NOT NULL,
  year              smallint NOT NULL,
  month             smallint NOT NULL,
  kind              text NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  legal_status      text NOT NULL,
  household_band    text NOT NULL,
  restricted        boolean NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  PRIMARY KEY (case_id, sex, age_band)
);

CREATE TABLE stat_return_fact (
  year              smallint NOT NULL,
  month             smallint NOT NULL,
  kind              text NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  legal_status      text NOT NULL,
  household_band    text NOT NULL,
  restricted        boolean NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_return_fact_cell UNIQUE NULLS NOT DISTINCT
    (year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, legal_status, household_band, restricted)
);
CREATE INDEX stat_return_fact_year_idx ON stat_return_fact (year) INCLUDE (kind, office_id, origin_office_id, organisation_id, host_country, origin_country, returnees, households);

-- Coarser sums of the same cells, for the figures that need fewer keys: each figure reads the
-- smallest of them whose keys hold its grouping and its filters (the fine cells answer the rest).
-- Every one carries the keys of the viewer's scope (offices, organisation), the kind and the year;
-- its unique key starts with (kind, year), which is the index the figures' queries use.
CREATE TABLE stat_geo_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_geo_fact_cell UNIQUE NULLS NOT DISTINCT (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id)
);
CREATE TABLE stat_month_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  month             smallint NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_month_fact_cell UNIQUE NULLS NOT DISTINCT (kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id)
);
CREATE TABLE stat_demography_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_demography_fact_cell UNIQUE NULLS NOT DISTINCT (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band)
);
CREATE TABLE stat_legal_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  legal_status      text NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_legal_fact_cell UNIQUE NULLS NOT DISTINCT (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status)
);
CREATE TABLE stat_household_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  household_band    text NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_household_fact_cell UNIQUE NULLS NOT DISTINCT (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band)
);

-- What one case contributes now: nothing until it has departed (or, after arrival, been admitted).
CREATE FUNCTION stat_case_rows(ids uuid[]) RETURNS TABLE (
  case_id uuid, year smallint, month smallint, kind text, office_id uuid, origin_office_id uuid, organisation_id uuid,
  host_country text, origin_country text, project_id uuid, sex text, age_band text, legal_status text,
  household_band text, restricted boolean, returnees integer, households integer
) LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT c.*, CASE WHEN c.kind = 'post_arrival' THEN c.admission_date ELSE c.departed_on END AS counted_on,
           (SELECT count(*) FROM case_member m WHERE m.case_id = c.id AND m.travelling) AS size
      FROM return_case c WHERE c.id IN (SELECT unnest(ids))
  )
  SELECT c.id, date_part('year', c.counted_on)::smallint, date_part('month', c.counted_on)::smallint, c.kind, c.office_id, c.origin_office_id,
         c.organisation_id, o.country_code::text, c.country_of_return, c.project_id, p.sex,
         CASE WHEN p.birth_date IS NULL OR p.birth_date > c.counted_on THEN 'unknown'
              ELSE (SELECT CASE WHEN a < 12 THEN '0-11' WHEN a < 18 THEN '12-17' WHEN a < 35 THEN '18-34' WHEN a < 60 THEN '35-59' ELSE '60+' END
                      FROM (SELECT date_part('year', age(c.counted_on, p.birth_date)) AS a) x) END AS age_band,
         c.legal_status,
         CASE WHEN c.size <= 1 THEN '1' WHEN c.size = 2 THEN '2' WHEN c.size <= 4 THEN '3-4' ELSE '5+' END,
         c.restricted, count(*)::integer, count(*) FILTER (WHERE p.id = c.principal_person_id)::integer
    FROM c JOIN office o ON o.id = c.office_id
    JOIN case_member m ON m.case_id = c.id AND m.travelling
    JOIN person p ON p.id = m.person_id
   WHERE c.counted_on IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
$$;

-- Without JIT: its plans are estimated dear (a count per case), and compiling them would cost a
-- write seconds for a few thousand cases that take milliseconds to read.
CREATE FUNCTION stat_refresh_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- The difference per cell between what the cases contribute now and what they contributed,
  -- moved into the fine cells and every coarser table in one statement. One order for every
  -- writer (each table's key), so that concurrent refreshes lock cells in the same order.
  WITH d AS MATERIALIZED (
    SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
           sex, age_band, legal_status, household_band, restricted, sum(returnees)::integer AS returnees, sum(households)::integer AS households
      FROM (
        SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
               sex, age_band, legal_status, household_band, restricted, returnees, households FROM stat_case_rows(ids)
        UNION ALL
        SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
               sex, age_band, legal_status, household_band, restricted, -returnees, -households FROM stat_case_fact WHERE case_id IN (SELECT unnest(ids))
      ) x
     GROUP BY year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
              sex, age_band, legal_status, household_band, restricted
    HAVING sum(returnees) <> 0 OR sum(households) <> 0
  ), fine AS (
    INSERT INTO stat_return_fact AS f (year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
                                       sex, age_band, legal_status, household_band, restricted, returnees, households)
    SELECT * FROM d
     ORDER BY year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
              sex, age_band, legal_status, household_band, restricted
    ON CONFLICT ON CONSTRAINT stat_return_fact_cell DO UPDATE
      SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  , geo AS (
    INSERT INTO stat_geo_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id
    ON CONFLICT ON CONSTRAINT stat_geo_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  , month AS (
    INSERT INTO stat_month_fact AS f (kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id ORDER BY kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id
    ON CONFLICT ON CONSTRAINT stat_month_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  , demography AS (
    INSERT INTO stat_demography_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band
    ON CONFLICT ON CONSTRAINT stat_demography_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  , legal AS (
    INSERT INTO stat_legal_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status
    ON CONFLICT ON CONSTRAINT stat_legal_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  INSERT INTO stat_household_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band
    ON CONFLICT ON CONSTRAINT stat_household_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households;
  DELETE FROM stat_case_fact WHERE case_id IN (SELECT unnest(ids));
  INSERT INTO stat_case_fact SELECT * FROM stat_case_rows(ids);
END $$;

-- Every counted fact recomputed from the case tables (after a bulk load, or to check the cells).
CREATE FUNCTION stat_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stat_case_fact;
  DELETE FROM stat_return_fact;
  INSERT INTO stat_case_fact SELECT * FROM stat_case_rows(ARRAY(SELECT id FROM return_case WHERE departed_on IS NOT NULL OR admission_date IS NOT NULL));
  INSERT INTO stat_return_fact (year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
                                sex, age_band, legal_status, household_band, restricted, returnees, households)
  SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
         sex, age_band, legal_status, household_band, restricted, sum(returnees), sum(households)
    FROM stat_case_fact
   GROUP BY year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
            sex, age_band, legal_status, household_band, restricted;
  DELETE FROM stat_geo_fact;
  INSERT INTO stat_geo_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id;
  DELETE FROM stat_month_fact;
  INSERT INTO stat_month_fact (kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, month, host_country, origin_country, project_id;
  DELETE FROM stat_demography_fact;
  INSERT INTO stat_demography_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, sex, age_band;
  DELETE FROM stat_legal_fact;
  INSERT INTO stat_legal_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, legal_status;
  DELETE FROM stat_household_fact;
  INSERT INTO stat_household_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band;
END $$;

-- The triggers: once per statement, on the rows it touched.
CREATE FUNCTION stat_case_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A new case counts from its travelling members, whose insert refreshes it: only members
  -- written before their case (in the same statement) leave anything to do here.
  PERFORM stat_refresh_cases(ARRAY(
    SELECT n.id FROM new_rows n WHERE (n.departed_on IS NOT NULL OR n.admission_date IS NOT NULL) AND EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = n.id)));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_case_inserted AFTER INSERT ON return_case REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_case_inserted();

CREATE FUNCTION stat_case_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.kind, n.departed_on, n.admission_date, n.office_id, n.origin_office_id, n.organisation_id, n.country_of_return, n.project_id, n.legal_status, n.restricted)
           IS DISTINCT FROM (o.kind, o.departed_on, o.admission_date, o.office_id, o.origin_office_id, o.organisation_id, o.country_of_return, o.project_id, o.legal_status, o.restricted)));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_case_updated AFTER UPDATE ON return_case REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_case_updated();

CREATE FUNCTION stat_member_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only cases that count (departed, or admitted after arrival) have anything to add.
  PERFORM stat_refresh_cases(ARRAY(
    SELECT c.id FROM return_case c WHERE c.id IN (SELECT case_id FROM new_rows) AND (c.departed_on IS NOT NULL OR c.admission_date IS NOT NULL)));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_member_inserted AFTER INSERT ON case_member REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_member_inserted();

CREATE FUNCTION stat_member_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(
    SELECT DISTINCT n.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.case_id, n.person_id, n.travelling) IS DISTINCT FROM (o.case_id, o.person_id, o.travelling)
    UNION SELECT o.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.case_id <> o.case_id));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_member_updated AFTER UPDATE ON case_member REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_member_updated();

CREATE FUNCTION stat_member_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(SELECT DISTINCT case_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_member_deleted AFTER DELETE ON case_member REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_member_deleted();

CREATE FUNCTION stat_person_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(
    SELECT DISTINCT m.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN case_member m ON m.person_id = n.id
     WHERE (n.sex, n.birth_date) IS DISTINCT FROM (o.sex, o.birth_date)));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_updated AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stat_person_updated();

SELECT stat_rebuild();
