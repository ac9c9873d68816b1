-- The statistics cells of a bulk write refreshed once for all its cases instead of once per
-- statement, and each refresh cheaper.
--
-- A writer that changes many cases in several statements (the legacy import: persons, cases,
-- members, vulnerabilities, restrictions) sets `homeward.stat_deferred` to 'on' for its
-- transaction (SET LOCAL): the triggers then leave the cells alone, and the writer calls
-- `stat_refresh_cases` itself once, after setting it back to 'off', with every case it touched,
-- before it commits. The cells still equal the direct counts at every commit.

CREATE OR REPLACE FUNCTION stat_refresh_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 OR current_setting('homeward.stat_deferred', true) = 'on' THEN RETURN; END IF;
  PERFORM audit_chain_lock();
  PERFORM stat_apply_cases(ids);
  -- Only the cases with a vulnerability, or with a contribution stored, can move the vulnerable
  -- returnees' cells: an index probe per case instead of a pass over every member.
  PERFORM stat_apply_vulnerability(ARRAY(
    SELECT i.id FROM unnest(ids) AS i(id)
     WHERE EXISTS (SELECT 1 FROM vulnerability v WHERE v.case_id = i.id)
        OR EXISTS (SELECT 1 FROM stat_vulnerability_case_fact f WHERE f.case_id = i.id)));
END $$;

CREATE OR REPLACE FUNCTION stat_refresh_vulnerability(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE counted uuid[];
BEGIN
  IF current_setting('homeward.stat_deferred', true) = 'on' THEN RETURN; END IF;
  counted := ARRAY(
    SELECT c.id FROM return_case c WHERE c.id IN (SELECT unnest(ids)) AND (c.departed_on IS NOT NULL OR c.admission_date IS NOT NULL)
    UNION SELECT DISTINCT f.case_id FROM stat_vulnerability_case_fact f WHERE f.case_id IN (SELECT unnest(ids)));
  IF cardinality(counted) = 0 THEN RETURN; END IF;
  PERFORM audit_chain_lock();
  PERFORM stat_apply_vulnerability(counted);
END $$;

-- The household's size counted once per case (a window over its travelling members), not by a
-- subquery per member and per use.
CREATE OR REPLACE FUNCTION stat_case_rows(ids uuid[]) RETURNS TABLE (
  case_id uuid, year smallint, month smallint, kind text, office_id uuid, origin_office_id uuid, organisation_id uuid,
  host_country text, origin_country text, project_id uuid, sex text, age_band text, legal_status text,
  household_band text, restricted boolean, returnees integer, households integer
) LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT c.id, c.kind, c.office_id, c.origin_office_id, c.organisation_id, c.country_of_return, c.project_id, c.legal_status, c.restricted,
           c.principal_person_id, CASE WHEN c.kind = 'post_arrival' THEN c.admission_date ELSE c.departed_on END AS counted_on
      FROM return_case c WHERE c.id IN (SELECT unnest(ids))
  ), t AS (
    SELECT c.*, m.person_id, count(*) OVER (PARTITION BY c.id) AS size
      FROM c JOIN case_member m ON m.case_id = c.id AND m.travelling
     WHERE c.counted_on IS NOT NULL
  )
  SELECT t.id, date_part('year', t.counted_on)::smallint, date_part('month', t.counted_on)::smallint, t.kind, t.office_id, t.origin_office_id,
         t.organisation_id, o.country_code::text, t.country_of_return, t.project_id, p.sex,
         CASE WHEN p.birth_date IS NULL OR p.birth_date > t.counted_on THEN 'unknown'
              ELSE (SELECT CASE WHEN a < 12 THEN '0-11' WHEN a < 18 THEN '12-17' WHEN a < 35 THEN '18-34' WHEN a < 60 THEN '35-59' ELSE '60+' END
                      FROM (SELECT date_part('year', age(t.counted_on, p.birth_date)) AS a) x) END AS age_band,
         t.legal_status,
         CASE WHEN t.size <= 1 THEN '1' WHEN t.size = 2 THEN '2' WHEN t.size <= 4 THEN '3-4' ELSE '5+' END,
         t.restricted, count(*)::integer, count(*) FILTER (WHERE p.id = t.principal_person_id)::integer
    FROM t JOIN office o ON o.id = t.office_id
    JOIN person p ON p.id = t.person_id
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
$$;

-- What the cases contributed is taken out of `stat_case_fact` first; what they contribute now is
-- computed once, stored and, with the old contribution subtracted, moved into the cells (in each
-- table's key order, as before).
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
  INSERT INTO stat_household_fact AS f (kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, returnees, households)
    SELECT kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band, sum(returnees), sum(households) FROM d GROUP BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band ORDER BY kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, household_band
    ON CONFLICT ON CONSTRAINT stat_household_fact_cell DO UPDATE SET returnees = f.returnees + EXCLUDED.returnees, households = f.households + EXCLUDED.households;
END $$;
