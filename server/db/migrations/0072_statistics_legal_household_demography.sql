-- Legal status and household size by sex and age band, as coarser sums of the returnees' cells.
--
-- The legal status and household figures filtered by sex or age band had no coarser table with
-- both keys (`stat_legal_fact` and `stat_household_fact` hold no sex or age band,
-- `stat_demography_fact` no legal status or household band) and read the fine cells
-- (`stat_return_fact`, nearly one per returnee): p95 57-77 ms on 200,000 cases, a scan of the
-- fine cells, 98 ms for one such query. Two tables of the same sums with those keys and the
-- project (the figures' other filter) answer them instead, kept by the same statement as the other
-- tables (`stat_apply_cases`, in each table's key order, after the audit chain head, and not while
-- a bulk writer has deferred the refresh with `homeward.stat_deferred`), rebuilt by `stat_rebuild()`.

CREATE TABLE stat_legal_demography_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  legal_status      text NOT NULL,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_legal_demography_fact_cell UNIQUE NULLS NOT DISTINCT
    (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band)
);
CREATE TABLE stat_household_demography_fact (
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  household_band    text NOT NULL,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  returnees         integer NOT NULL,
  households        integer NOT NULL,
  CONSTRAINT stat_household_demography_fact_cell UNIQUE NULLS NOT DISTINCT
    (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band)
);

-- An installation with counted cases: the sums of its fine cells, exact as every cell is at the commit.
INSERT INTO stat_legal_demography_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band, returnees, households)
SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band, sum(returnees), sum(households)
  FROM stat_return_fact
 GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band
HAVING sum(returnees) <> 0 OR sum(households) <> 0;
INSERT INTO stat_household_demography_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band, returnees, households)
SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band, sum(returnees), sum(households)
  FROM stat_return_fact
 GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band
HAVING sum(returnees) <> 0 OR sum(households) <> 0;

-- As in 0041, with the two tables moved after the household table (the key order every writer takes).
CREATE OR REPLACE FUNCTION stat_apply_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE old stat_case_fact[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH gone AS (DELETE FROM stat_case_fact WHERE case_id IN (SELECT unnest(ids)) RETURNING stat_case_fact)
  SELECT array_agg(gone.stat_case_fact) INTO old FROM gone;
  WITH cur AS MATERIALIZED (
    INSERT INTO stat_case_fact SELECT * FROM stat_case_rows(ids) RETURNING *
  ), d AS MATERIALIZED (
    SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
           sex, age_band, legal_status, household_band, restricted, sum(returnees)::integer AS returnees, sum(households)::integer AS households
      FROM (
        SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
               sex, age_band, legal_status, household_band, restricted, returnees, households FROM cur
        UNION ALL
        SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id,
               sex, age_band, legal_status, household_band, restricted, -returnees, -households FROM unnest(old)
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
  , household AS (
    INSERT INTO stat_household_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band
    ON CONFLICT ON CONSTRAINT stat_household_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  , legal_demography AS (
    INSERT INTO stat_legal_demography_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band
    ON CONFLICT ON CONSTRAINT stat_legal_demography_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households)
  INSERT INTO stat_household_demography_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band
    ON CONFLICT ON CONSTRAINT stat_household_demography_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households;
END $$;

-- As in 0036 (renamed `stat_rebuild_cells` by 0037), with the two tables.
CREATE OR REPLACE FUNCTION stat_rebuild_cells() RETURNS void LANGUAGE plpgsql AS $$
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
  DELETE FROM stat_legal_demography_fact;
  INSERT INTO stat_legal_demography_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, legal_status, sex, age_band;
  DELETE FROM stat_household_demography_fact;
  INSERT INTO stat_household_demography_fact (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band, returnees, households)
  SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band, sum(returnees), sum(households) FROM stat_return_fact GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, household_band, sex, age_band;
END $$;
