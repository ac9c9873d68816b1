-- The case, member and person triggers' refresh as 0041 and 0042 together mean it (0042 redefined
-- it without 0041's changes): the returnees' cells, the vulnerable returnees', then the money (one
-- order for every writer, after the audit chain head); nothing while a bulk writer has deferred the
-- refresh to the end of its batch (`homeward.stat_deferred`), and only cases with a vulnerability
-- (or a stored contribution) move the vulnerable returnees' cells.
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
