-- The money side of the reintegration plan.
-- 1. An approval past the returnee's confirmed entitlement (or without one) needs a reason from a
--    holder of reintegration.override; the reason, who and when are kept on the plan version.
ALTER TABLE reintegration_plan_version
  ADD COLUMN entitlement_override_reason text,
  ADD COLUMN entitlement_overridden_by   uuid REFERENCES app_user(id),
  ADD COLUMN entitlement_check           jsonb;

-- 2. What each approval (or cancellation) committed or released on a budget line for a component (by its key, the
--    same in every version), with the component's amount it served and the exchange rate used:
--    a rate once used is kept with what it served and never recomputed. The ledger entry itself is
--    finance's (budget_entry); this row says which component it was for.
CREATE TABLE reintegration_commitment (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id                uuid NOT NULL REFERENCES return_case(id),
  version_id             uuid NOT NULL REFERENCES reintegration_plan_version(id),
  component_key          uuid NOT NULL,
  budget_line_id         uuid NOT NULL REFERENCES budget_line(id),
  budget_entry_id        uuid NOT NULL REFERENCES budget_entry(id),
  kind                   text NOT NULL CHECK (kind IN ('commitment', 'release')),
  amount_minor           bigint NOT NULL CHECK (amount_minor > 0),
  currency               text NOT NULL,
  component_amount_minor bigint NOT NULL,
  component_currency     text NOT NULL,
  rate                   numeric,  -- null for a release: it is in the line's currency already
  rate_day               date NOT NULL,
  recorded_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reintegration_commitment_case_idx ON reintegration_commitment (case_id, component_key);
CREATE INDEX reintegration_commitment_line_idx ON reintegration_commitment (budget_line_id);

-- 3. The built-in office manager approves past the entitlement with a reason, as new installations
--    give it (shared/access.ts). Roles administrators made are left as they are.
UPDATE role
   SET permissions = array_append(permissions, 'reintegration.override'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'office_manager' AND NOT ('reintegration.override' = ANY (permissions));
