-- Administrators see the background job queues and retry a failed job (`jobs.manage`): the
-- built-in role gets the permission (roles administrators created are left as they made them).
UPDATE role
   SET permissions = array_append(permissions, 'jobs.manage'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'administrator' AND NOT ('jobs.manage' = ANY (permissions));
