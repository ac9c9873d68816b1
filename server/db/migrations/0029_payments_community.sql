-- Spending of community projects through the same money rules as a case's reintegration assistance
-- (payments module): a disbursement belongs either to a tranche of a case's component or to a
-- community project, exactly one of them. A project's payment goes to a service provider or to a
-- partner of the project named there; its value in the project's currency at the rate of the
-- payment day is stored with it (project_* columns) and never recomputed. The office threshold,
-- the second person's approval, receipts or waivers, reversals and the unique request key are
-- those of every disbursement.

ALTER TABLE disbursement
  ALTER COLUMN case_id DROP NOT NULL,
  ALTER COLUMN tranche_id DROP NOT NULL,
  ALTER COLUMN component_currency DROP NOT NULL,
  ALTER COLUMN component_amount_minor DROP NOT NULL,
  ALTER COLUMN component_rate DROP NOT NULL,
  ALTER COLUMN component_rate_source DROP NOT NULL,
  ADD COLUMN community_project_id uuid REFERENCES community_project(id),
  ADD COLUMN partner_name text CHECK (partner_name IS NULL OR length(partner_name) BETWEEN 1 AND 200);

ALTER TABLE disbursement DROP CONSTRAINT disbursement_recipient_check;
ALTER TABLE disbursement ADD CONSTRAINT disbursement_recipient_check CHECK (recipient IN ('provider', 'returnee', 'partner'));
ALTER TABLE disbursement ADD CONSTRAINT disbursement_one_owner CHECK (
  (community_project_id IS NULL AND case_id IS NOT NULL AND tranche_id IS NOT NULL
     AND component_currency IS NOT NULL AND component_amount_minor IS NOT NULL AND component_rate IS NOT NULL AND component_rate_source IS NOT NULL
     AND recipient IN ('provider', 'returnee'))
  OR
  (community_project_id IS NOT NULL AND case_id IS NULL AND tranche_id IS NULL AND person_id IS NULL AND budget_line_id IS NULL
     AND component_currency IS NULL AND project_currency IS NOT NULL
     AND recipient IN ('provider', 'partner'))
);
ALTER TABLE disbursement ADD CONSTRAINT disbursement_partner_named CHECK ((recipient = 'partner') = (partner_name IS NOT NULL));
CREATE INDEX disbursement_community_project_idx ON disbursement (community_project_id) WHERE community_project_id IS NOT NULL;

-- A community project's receipt is a file kept with it (the project has no case to hold attachments);
-- a case's stays an attachment of the case. Exactly one of attachment, file or waiver.
ALTER TABLE disbursement_receipt
  ADD COLUMN file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255),
  ADD COLUMN content_type text,
  ADD COLUMN content bytea,
  ADD COLUMN sha256 text;
ALTER TABLE disbursement_receipt DROP CONSTRAINT disbursement_receipt_check;
ALTER TABLE disbursement_receipt ADD CONSTRAINT disbursement_receipt_check CHECK (
  num_nonnulls(attachment_id, content, waiver_reason) = 1
  AND (content IS NULL) = (file_name IS NULL) AND (content IS NULL) = (content_type IS NULL) AND (content IS NULL) = (sha256 IS NULL)
);
