-- An erased person (migration 0061) is named by a marker, not by English words: every screen shows
-- the marker as "Erased person" in its reader's language. Persons erased before take the marker too,
-- and one whose birth date was unknown no longer reads as "estimated".
UPDATE person
   SET given_name = '[erased]', family_name = '',
       birth_date_estimated = birth_date IS NOT NULL
 WHERE erased_at IS NOT NULL;

-- An erasure keeps the year of birth only (the day becomes 1 July, marked estimated). The statistics
-- counted the person's age band from the whole date: the erasure itself does not recount their cases,
-- so that the figures stay equal (an age counted again from 1 July could cross a band's boundary).
-- Any other change of sex or birth date recounts them as before.
CREATE OR REPLACE FUNCTION stat_person_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_refresh_cases(ARRAY(
    SELECT DISTINCT m.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN case_member m ON m.person_id = n.id
     WHERE (n.sex, n.birth_date) IS DISTINCT FROM (o.sex, o.birth_date)
       AND NOT (o.erased_at IS NULL AND n.erased_at IS NOT NULL)));
  RETURN NULL;
END $$;
