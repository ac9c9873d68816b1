-- Office managers read the programme statistics of their office (figures, exports, the annual
-- report), in their office scope: the built-in role gets `statistics.read` (roles administrators
-- created are left as they made them).
UPDATE role
   SET permissions = array_append(permissions, 'statistics.read'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'office_manager' AND NOT ('statistics.read' = ANY (permissions));
