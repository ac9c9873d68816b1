-- The officer of the receiving office named when a case is handed over. For a restricted case (a
-- victim of trafficking, an unaccompanied or separated child) it is required: only that officer
-- and the receiving office's supervisors (case.restricted) see the handover and its package.
ALTER TABLE handover ADD COLUMN receiving_officer_id uuid REFERENCES app_user(id);
