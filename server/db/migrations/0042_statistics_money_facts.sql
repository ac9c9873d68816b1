-- Reintegration money in the programme statistics, kept like the returnees of 0036.
--
-- A case counts in the year of its departure (of its admission after arrival), with the keys of
-- its returnees' cells (scope, kind, year, host and origin country, project) and its principal's
-- sex and age band (the row of `stat_case_fact` that counts the household). What each counted case
-- contributes now is in `stat_money_case_fact`, the sums per cell in `stat_money_fact`, one row per
-- grain (what a figure groups by), group, measure and currency:
--   component_type  cases with an approved plan holding a component of that type (and 'any': with an approved plan)
--   project, donor, budget_line
--                   planned: the approved plan's components not cancelled, in the component's currency,
--                            under the component's budget line (its project and donor; 'none' without one,
--                            the case's project then);
--                   committed: the ledger's commitments less releases for the case, in the line's currency;
--                   disbursed: the ledger's disbursements less reversals for the case, in the line's currency
--                            (the converted amount the payment stored, at its stored rate).
--   cost            the case's cost (`case_cost_item`): in the project's currency when every item has
--                   the converted amount stored, else per currency paid; the group is the cost rounded
--                   to three significant digits (what the median and the distribution read)
-- `amount_minor` is the exact sum, `cases` and `returnees` how many are linked to it (the disclosure
-- control's count). Amounts of different currencies never share a row.
--
-- Refreshed by the case, member and person triggers (after the returnees' cells, whose keys it
-- reads) and by statement-level triggers on the plan, its components, the budget ledger, budget
-- lines, payments, their decisions and reversals, travel payments and a project's currency; each
-- takes the audit chain head first (0037's lock order), then the cells.

CREATE TABLE stat_money_case_fact (
  case_id           uuid NOT NULL,
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  grain             text NOT NULL,
  group_key         text NOT NULL,
  measure           text NOT NULL,
  currency          text NOT NULL,
  amount_minor      bigint NOT NULL,
  cases             integer NOT NULL,
  returnees         integer NOT NULL,
  PRIMARY KEY (case_id, grain, group_key, measure, currency)
);

CREATE TABLE stat_money_fact (
  grain             text NOT NULL,
  kind              text NOT NULL,
  year              smallint NOT NULL,
  office_id         uuid NOT NULL,
  origin_office_id  uuid,
  organisation_id   uuid NOT NULL,
  host_country      text NOT NULL,
  origin_country    text NOT NULL,
  project_id        uuid,
  sex               text NOT NULL,
  age_band          text NOT NULL,
  group_key         text NOT NULL,
  measure           text NOT NULL,
  currency          text NOT NULL,
  amount_minor      bigint NOT NULL,
  cases             integer NOT NULL,
  returnees         integer NOT NULL,
  CONSTRAINT stat_money_fact_cell UNIQUE NULLS NOT DISTINCT
    (grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency)
);

-- Three significant digits (exact below 1,000 minor units).
CREATE FUNCTION stat_money_round(a numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a < 1000 THEN a::bigint ELSE round(a, 2 - floor(log(a))::int)::bigint END
$$;

CREATE FUNCTION stat_money_case_rows(ids uuid[]) RETURNS TABLE (
  case_id uuid, kind text, year smallint, office_id uuid, origin_office_id uuid, organisation_id uuid, host_country text, origin_country text,
  project_id uuid, sex text, age_band text, grain text, group_key text, measure text, currency text, amount_minor bigint, cases integer, returnees integer
) LANGUAGE sql STABLE AS $$
  WITH k AS (
    SELECT f.case_id, f.kind, f.year, f.office_id, f.origin_office_id, f.organisation_id, f.host_country, f.origin_country, f.project_id,
           sum(f.returnees)::integer AS returnees,
           (array_agg(f.sex ORDER BY f.households DESC, f.sex, f.age_band))[1] AS sex,
           (array_agg(f.age_band ORDER BY f.households DESC, f.sex, f.age_band))[1] AS age_band
      FROM stat_case_fact f WHERE f.case_id IN (SELECT unnest(ids))
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ), plan AS (
    SELECT v.case_id FROM reintegration_plan_version v WHERE v.status = 'approved' AND v.case_id IN (SELECT case_id FROM k)
  ), comp AS (
    SELECT rc.case_id, rc.type, rc.amount_minor, rc.currency, l.id AS line_id, coalesce(l.project_id, c.project_id) AS line_project, l.donor
      FROM reintegration_component rc
      JOIN reintegration_plan_version v ON v.id = rc.version_id AND v.status = 'approved'
      JOIN return_case c ON c.id = rc.case_id
      LEFT JOIN budget_line l ON l.id = rc.budget_line_id
     WHERE rc.case_id IN (SELECT case_id FROM k) AND rc.status <> 'cancelled'
  ), ledger AS (
    SELECT e.case_id, l.id AS line_id, l.project_id AS line_project, l.donor, e.currency,
           CASE WHEN e.kind IN ('commitment', 'release') THEN 'committed' ELSE 'disbursed' END AS measure,
           CASE WHEN e.kind IN ('commitment', 'disbursement') THEN e.amount_minor ELSE -e.amount_minor END AS amount_minor
      FROM budget_entry e JOIN budget_line l ON l.id = e.budget_line_id
     WHERE e.case_id IN (SELECT case_id FROM k)
  ), money AS (
    SELECT case_id, line_id, line_project, donor, 'planned' AS measure, currency, amount_minor FROM comp
    UNION ALL SELECT case_id, line_id, line_project, donor, measure, currency, amount_minor FROM ledger
  ), grouped AS (
    SELECT m.case_id, g.grain, g.group_key, m.measure, m.currency, sum(m.amount_minor)::bigint AS amount_minor
      FROM money m
      CROSS JOIN LATERAL (VALUES ('project', coalesce(m.line_project::text, 'none')), ('donor', coalesce(m.donor, 'none')), ('budget_line', coalesce(m.line_id::text, 'none'))) g (grain, group_key)
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(m.amount_minor) <> 0
  ), types AS (
    SELECT DISTINCT case_id, 'component_type' AS grain, type AS group_key FROM comp
    UNION SELECT case_id, 'component_type', 'any' FROM plan
  ), cost_items AS (
    SELECT i.case_id, i.currency, i.amount_minor, i.project_currency, i.project_amount_minor
      FROM case_cost_item i WHERE i.case_id IN (SELECT case_id FROM k)
  ), cost_conv AS (
    SELECT case_id, bool_and(project_amount_minor IS NOT NULL) AS converted FROM cost_items GROUP BY case_id
  ), cost AS (
    SELECT i.case_id, CASE WHEN cc.converted THEN i.project_currency ELSE i.currency END AS currency,
           sum(CASE WHEN cc.converted THEN i.project_amount_minor ELSE i.amount_minor END)::bigint AS amount_minor
      FROM cost_items i JOIN cost_conv cc ON cc.case_id = i.case_id
     GROUP BY 1, 2
    HAVING sum(CASE WHEN cc.converted THEN i.project_amount_minor ELSE i.amount_minor END) > 0
  ), rows AS (
    SELECT case_id, grain, group_key, measure, currency, amount_minor, 0 AS cases FROM grouped
    UNION ALL SELECT case_id, grain, group_key, 'cases', '', 0::bigint, 1 FROM types
    UNION ALL SELECT case_id, 'cost', stat_money_round(amount_minor)::text, 'cost', currency, amount_minor, 1 FROM cost
  )
  SELECT k.case_id, k.kind, k.year, k.office_id, k.origin_office_id, k.organisation_id, k.host_country, k.origin_country, k.project_id, k.sex, k.age_band,
         r.grain, r.group_key, r.measure, r.currency, r.amount_minor, r.cases, k.returnees
    FROM rows r JOIN k ON k.case_id = r.case_id
$$;

CREATE FUNCTION stat_apply_money(ids uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH d AS (
    SELECT grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency,
           sum(amount_minor)::bigint AS amount_minor, sum(cases)::integer AS cases, sum(returnees)::integer AS returnees
      FROM (
        SELECT grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency,
               amount_minor, cases, returnees
          FROM stat_money_case_rows(ids)
        UNION ALL
        SELECT grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency,
               -amount_minor, -cases, -returnees
          FROM stat_money_case_fact WHERE case_id IN (SELECT unnest(ids))
      ) x
     GROUP BY grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency
    HAVING sum(amount_minor) <> 0 OR sum(cases) <> 0 OR sum(returnees) <> 0
  )
  INSERT INTO stat_money_fact AS f (grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency, amount_minor, cases, returnees)
  SELECT * FROM d
   ORDER BY grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency
  ON CONFLICT ON CONSTRAINT stat_money_fact_cell DO UPDATE
    SET amount_minor = f.amount_minor + EXCLUDED.amount_minor, cases = f.cases + EXCLUDED.cases, returnees = f.returnees + EXCLUDED.returnees;
  DELETE FROM stat_money_case_fact WHERE case_id IN (SELECT unnest(ids));
  INSERT INTO stat_money_case_fact SELECT * FROM stat_money_case_rows(ids);
END $$;

CREATE FUNCTION stat_rebuild_money() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stat_money_case_fact;
  DELETE FROM stat_money_fact;
  INSERT INTO stat_money_case_fact SELECT * FROM stat_money_case_rows(ARRAY(SELECT DISTINCT case_id FROM stat_case_fact));
  INSERT INTO stat_money_fact (grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency, amount_minor, cases, returnees)
  SELECT grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency,
         sum(amount_minor), sum(cases), sum(returnees)
    FROM stat_money_case_fact
   GROUP BY grain, kind, year, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band, group_key, measure, currency;
END $$;

-- The case, member and person triggers: the returnees' cells, the vulnerable returnees', then the
-- money (one order for every writer). As since 0041: nothing while a bulk writer has deferred the
-- refresh to the end of its batch, and only cases with a vulnerability (or a stored contribution)
-- move the vulnerable returnees' cells.
CREATE OR REPLACE FUNCTION stat_refresh_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 OR current_setting('homeward.stat_deferred', true) = 'on' THEN RETURN; END IF;
  PERFORM audit_chain_lock();
  PERFORM stat_apply_cases(ids);
  PERFORM stat_apply_vulnerability(ARRAY(
    SELECT i.id FROM unnest(ids) AS i(id)
     WHERE EXISTS (SELECT 1 FROM vulnerability v WHERE v.case_id = i.id)
        OR EXISTS (SELECT 1 FROM stat_vulnerability_case_fact f WHERE f.case_id = i.id)));
  PERFORM stat_apply_money(ids);
END $$;

CREATE OR REPLACE FUNCTION stat_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_chain_lock();
  PERFORM stat_rebuild_cells();
  PERFORM stat_rebuild_vulnerability();
  PERFORM stat_rebuild_money();
END $$;

-- Money of a case changed: only cases that count (or counted) have cells to move.
CREATE FUNCTION stat_refresh_money(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE counted uuid[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  counted := ARRAY(
    SELECT DISTINCT f.case_id FROM stat_case_fact f WHERE f.case_id IN (SELECT unnest(ids))
    UNION SELECT DISTINCT f.case_id FROM stat_money_case_fact f WHERE f.case_id IN (SELECT unnest(ids)));
  IF cardinality(counted) = 0 THEN RETURN; END IF;
  PERFORM audit_chain_lock();
  PERFORM stat_apply_money(counted);
END $$;

-- One trigger function per table: the touched rows' cases, from the new and old rows.
CREATE FUNCTION stat_money_by_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stat_refresh_money(ARRAY(SELECT DISTINCT case_id FROM new_rows WHERE case_id IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stat_refresh_money(ARRAY(SELECT DISTINCT case_id FROM old_rows WHERE case_id IS NOT NULL));
  ELSE
    PERFORM stat_refresh_money(ARRAY(SELECT case_id FROM new_rows WHERE case_id IS NOT NULL UNION SELECT case_id FROM old_rows WHERE case_id IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stat_money_plan_inserted AFTER INSERT ON reintegration_plan_version REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_plan_updated AFTER UPDATE ON reintegration_plan_version REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_plan_deleted AFTER DELETE ON reintegration_plan_version REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_component_inserted AFTER INSERT ON reintegration_component REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_component_updated AFTER UPDATE ON reintegration_component REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_component_deleted AFTER DELETE ON reintegration_component REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_entry_inserted AFTER INSERT ON budget_entry REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();
CREATE TRIGGER stat_money_disbursement_inserted AFTER INSERT ON disbursement REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_case();

-- Rows that name a payment, not a case: its decision, its reversal.
CREATE FUNCTION stat_money_by_disbursement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_money(ARRAY(SELECT DISTINCT d.case_id FROM new_rows n JOIN disbursement d ON d.id = n.disbursement_id WHERE d.case_id IS NOT NULL));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_money_decision_inserted AFTER INSERT ON disbursement_decision REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_disbursement();
CREATE TRIGGER stat_money_reversal_inserted AFTER INSERT ON disbursement_reversal REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_disbursement();

-- Travel payments name a booking.
CREATE FUNCTION stat_money_by_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stat_refresh_money(ARRAY(SELECT DISTINCT b.case_id FROM new_rows n JOIN travel_booking b ON b.id = n.booking_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stat_refresh_money(ARRAY(SELECT DISTINCT b.case_id FROM old_rows n JOIN travel_booking b ON b.id = n.booking_id));
  ELSE
    PERFORM stat_refresh_money(ARRAY(SELECT b.case_id FROM new_rows n JOIN travel_booking b ON b.id = n.booking_id
                                     UNION SELECT b.case_id FROM old_rows n JOIN travel_booking b ON b.id = n.booking_id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_money_travel_payment_inserted AFTER INSERT ON travel_payment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_booking();
CREATE TRIGGER stat_money_travel_payment_updated AFTER UPDATE ON travel_payment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_booking();
CREATE TRIGGER stat_money_travel_payment_deleted AFTER DELETE ON travel_payment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_by_booking();

-- A budget line moved to another project or donor, a project's currency changed: the cases that hold money there.
CREATE FUNCTION stat_money_line_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_money(ARRAY(
    SELECT e.case_id FROM budget_entry e WHERE e.case_id IS NOT NULL AND e.budget_line_id IN (
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.project_id, n.donor) IS DISTINCT FROM (o.project_id, o.donor))
    UNION SELECT rc.case_id FROM reintegration_component rc WHERE rc.budget_line_id IN (
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.project_id, n.donor) IS DISTINCT FROM (o.project_id, o.donor))));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_money_line_updated AFTER UPDATE ON budget_line REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_line_updated();

CREATE FUNCTION stat_money_project_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_money(ARRAY(
    SELECT c.id FROM return_case c WHERE c.project_id IN (
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.currency IS DISTINCT FROM o.currency)));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_money_project_updated AFTER UPDATE ON project REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_money_project_updated();

SELECT audit_chain_lock();
SELECT stat_rebuild_money();
