-- The reintegration plan: one per case, in versions. A version is a draft (edited, agreed with the
-- returnee), then approved by a second person; a change after approval is a new draft copied from
-- the approved version, and approving it supersedes the previous one. Components keep their
-- identity (`component_key`) across versions, and their delivery status with it.

CREATE TABLE reintegration_plan_version (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id                  uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  number                   integer NOT NULL CHECK (number >= 1),
  status                   text NOT NULL CHECK (status IN ('draft', 'approved', 'superseded')),
  drafted_by               uuid NOT NULL REFERENCES app_user(id),
  drafted_at               timestamptz NOT NULL,
  -- The returnee's agreement to this version: the day, the signed plan (a case attachment) and
  -- the language it was explained in. Cleared when the draft changes afterwards.
  agreed_on                date,
  agreement_attachment_id  uuid REFERENCES case_attachment(id),
  agreement_language       text,
  agreement_recorded_by    uuid REFERENCES app_user(id),
  agreement_recorded_at    timestamptz,
  approved_by              uuid REFERENCES app_user(id),
  approved_at              timestamptz,
  superseded_at            timestamptz,
  UNIQUE (case_id, number),
  CHECK ((agreed_on IS NULL) = (agreement_recorded_at IS NULL)),
  CHECK (status = 'draft' OR (approved_by IS NOT NULL AND agreed_on IS NOT NULL)),
  CHECK (approved_by IS NULL OR approved_by <> drafted_by)
);
-- At most one draft and one approved version per case.
CREATE UNIQUE INDEX reintegration_plan_one_draft ON reintegration_plan_version (case_id) WHERE status = 'draft';
CREATE UNIQUE INDEX reintegration_plan_one_approved ON reintegration_plan_version (case_id) WHERE status = 'approved';

CREATE TABLE reintegration_component (
  id                                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id                        uuid NOT NULL REFERENCES reintegration_plan_version(id) ON DELETE CASCADE,
  case_id                           uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  -- The same component in every version of the plan.
  component_key                     uuid NOT NULL,
  position                          integer NOT NULL,
  type                              text NOT NULL CHECK (type IN ('cash_allowance', 'temporary_accommodation', 'business_setup', 'vocational_training', 'on_the_job_training', 'job_placement', 'education', 'medical', 'psychosocial', 'housing', 'other')),
  description                       text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  -- The household members it serves (persons of the case).
  member_ids                        uuid[] NOT NULL CHECK (cardinality(member_ids) >= 1),
  amount_minor                      bigint NOT NULL CHECK (amount_minor >= 0),
  currency                          text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  starts_on                         date NOT NULL,
  ends_on                           date NOT NULL CHECK (ends_on >= starts_on),
  status                            text NOT NULL CHECK (status IN ('planned', 'in_progress', 'delivered', 'cancelled')),
  cancel_reason                     text CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  business_plan_attachment_id       uuid REFERENCES case_attachment(id),
  expected_monthly_income_minor     bigint CHECK (expected_monthly_income_minor >= 0),
  expected_monthly_income_currency  text CHECK (expected_monthly_income_currency ~ '^[A-Z]{3}$'),
  employer                          text,
  UNIQUE (version_id, component_key),
  CHECK ((expected_monthly_income_minor IS NULL) = (expected_monthly_income_currency IS NULL))
);
CREATE INDEX reintegration_component_case_idx ON reintegration_component (case_id);

-- The built-in roles that draft plans (host caseworkers before departure, reintegration officers
-- and office managers) and the office manager who approves them, as new installations give them
-- (shared/access.ts). Roles administrators made are left as they are.
UPDATE role
   SET permissions = array_append(permissions, 'reintegration.plan'), version = version + 1, updated_at = now()
 WHERE builtin AND key IN ('caseworker', 'reintegration_officer', 'office_manager') AND NOT ('reintegration.plan' = ANY (permissions));
UPDATE role
   SET permissions = array_append(permissions, 'reintegration.approve'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'office_manager' AND NOT ('reintegration.approve' = ANY (permissions));
