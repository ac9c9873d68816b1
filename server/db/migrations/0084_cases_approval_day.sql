-- The day a case's application was approved, kept on the case as its departure day is
-- (`departed_on`, migration 0036): set when a case moves to approved, or from a legacy file's
-- approval date (`approvedOn`), which before had nowhere to go. The case view shows it with the
-- other days of the case's history; the staged rows of an import carry it until a batch writes it.
ALTER TABLE return_case ADD COLUMN approved_on date;
UPDATE return_case c SET approved_on = t.on_day
  FROM (SELECT case_id, max((at AT TIME ZONE 'UTC')::date) AS on_day FROM stage_transition WHERE to_stage = 'approved' AND from_stage IS DISTINCT FROM 'suspended' GROUP BY case_id) t
 WHERE t.case_id = c.id;

ALTER TABLE import_row ADD COLUMN approved_on date;
ALTER TABLE import_case_row ADD COLUMN approved_on date;
