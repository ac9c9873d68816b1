-- Departure as a safe, irreversible step.
--
-- 1. A booking whose every traveller was confirmed departed reads `departed` (closed), no longer
--    `ticketed`. Bookings already in that state are moved to it (their version is bumped, so an
--    ETag read before the upgrade is stale).
ALTER TABLE travel_booking DROP CONSTRAINT travel_booking_status_check;
ALTER TABLE travel_booking ADD CONSTRAINT travel_booking_status_check
  CHECK (status IN ('requested', 'booked', 'ticketed', 'departed', 'cancelled', 'no_show', 'rebooked'));

UPDATE travel_booking b
   SET status = 'departed', version = version + 1, updated_at = now()
 WHERE b.status = 'ticketed'
   AND EXISTS (SELECT 1 FROM travel_booking_member bm WHERE bm.booking_id = b.id)
   AND NOT EXISTS (
     SELECT 1 FROM travel_booking_member bm
      WHERE bm.booking_id = b.id
        AND NOT EXISTS (SELECT 1 FROM travel_departure d WHERE d.booking_id = bm.booking_id AND d.person_id = bm.person_id AND d.outcome = 'departed'));

-- 2. A departure or no-show is recorded once the first leg has left. Recording it earlier needs the
--    permission travel.departure.override and a reason, kept with each member's record (and in the
--    audit event of the confirmation).
ALTER TABLE travel_departure ADD COLUMN override_reason text CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 500);

-- 3. The built-in office manager (a supervisor) holds travel.departure.override, as new
--    installations give it (shared/access.ts). Roles administrators made are left as they are:
--    they give the permission through the role editor, with a second administrator's approval.
UPDATE role
   SET permissions = array_append(permissions, 'travel.departure.override'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'office_manager' AND NOT ('travel.departure.override' = ANY (permissions));
