-- Cases by stage, kept up to date by the case writes, so that the stage counts on the home page
-- and the case list sum a few hundred rows instead of counting a million cases.
--
-- One row per (office, origin office, organisation, owner, stage, restricted) holds a number of
-- cases; the same key may appear on several rows, whose numbers add up (some negative). Writes
-- only ever append rows: a registration adds +1, a stage move -1 on the old key and +1 on the new
-- one. No writer waits for another on a shared counter row, and none locks a row here, so the
-- table adds no lock to the order of migration 0037. `case_stage_count_compact()` folds the rows
-- back to one per key; the trigger calls it every 64th statement, and only one transaction at a
-- time compacts (the others skip it).
CREATE TABLE case_stage_count (
  office_id        uuid NOT NULL,
  origin_office_id uuid,
  organisation_id  uuid NOT NULL,
  owner_id         uuid NOT NULL,
  stage            text NOT NULL,
  restricted       boolean NOT NULL,
  n                bigint NOT NULL
);

CREATE SEQUENCE case_stage_count_writes;

CREATE FUNCTION case_stage_count_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('case_stage_count_compact')) THEN RETURN; END IF;
  WITH gone AS (DELETE FROM case_stage_count RETURNING *)
  INSERT INTO case_stage_count (office_id, origin_office_id, organisation_id, owner_id, stage, restricted, n)
  SELECT office_id, origin_office_id, organisation_id, owner_id, stage, restricted, sum(n)
    FROM gone GROUP BY office_id, origin_office_id, organisation_id, owner_id, stage, restricted HAVING sum(n) <> 0;
END $$;

CREATE FUNCTION case_stage_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
      SELECT n.office_id, n.origin_office_id, n.organisation_id, n.owner_id, n.stage, n.restricted, 1 AS d
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.office_id, n.origin_office_id, n.organisation_id, n.owner_id, n.stage, n.restricted)
             IS DISTINCT FROM (o.office_id, o.origin_office_id, o.organisation_id, o.owner_id, o.stage, o.restricted)
      UNION ALL
      SELECT o.office_id, o.origin_office_id, o.organisation_id, o.owner_id, o.stage, o.restricted, -1
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.office_id, n.origin_office_id, n.organisation_id, n.owner_id, n.stage, n.restricted)
             IS DISTINCT FROM (o.office_id, o.origin_office_id, o.organisation_id, o.owner_id, o.stage, o.restricted)
    ) moved GROUP BY office_id, origin_office_id, organisation_id, owner_id, stage, restricted HAVING sum(d) <> 0;
    IF NOT FOUND THEN RETURN NULL; END IF;
  END IF;
  IF nextval('case_stage_count_writes') % 64 = 0 THEN PERFORM case_stage_count_compact(); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_stage_count_inserted AFTER INSERT ON return_case REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stage_count_apply();
CREATE TRIGGER case_stage_count_updated AFTER UPDATE ON return_case REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stage_count_apply();
CREATE TRIGGER case_stage_count_deleted AFTER DELETE ON return_case REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stage_count_apply();

INSERT INTO case_stage_count (office_id, origin_office_id, organisation_id, owner_id, stage, restricted, n)
SELECT office_id, origin_office_id, organisation_id, owner_id, stage, restricted, count(*)
  FROM return_case GROUP BY office_id, origin_office_id, organisation_id, owner_id, stage, restricted;

-- Restricted cases are few: those an actor may open are counted from return_case through this.
CREATE INDEX return_case_restricted_idx ON return_case (stage) WHERE restricted;
