-- Money foundations of reintegration (finance module): the rate table, project budget lines and
-- the ledger of what is committed and disbursed against them. Written by the finance module only.

-- Exchange rates kept in Homeward (entered by finance staff or imported from a CSV file), never
-- fetched from the internet. `rate` is units of `to_currency` per one unit of `from_currency`, an
-- exact decimal. A rate applies from `effective_from` until the next one of the same pair. Rates
-- are never edited or deleted (a payment will keep the rate it used): a correction is a new row for
-- the same pair and day, with a reason; the latest entered row of a day applies.
CREATE TABLE exchange_rate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  from_currency text NOT NULL CHECK (from_currency ~ '^[A-Z]{3}$'),
  to_currency text NOT NULL CHECK (to_currency ~ '^[A-Z]{3}$'),
  rate numeric NOT NULL CHECK (rate > 0),
  effective_from date NOT NULL,
  -- 'manual', or the name of the imported file.
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 255),
  reason text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  entered_by uuid NOT NULL REFERENCES app_user(id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_currency <> to_currency)
);
CREATE INDEX exchange_rate_pair_idx ON exchange_rate (from_currency, to_currency, effective_from DESC, entered_at DESC);
CREATE INDEX exchange_rate_to_idx ON exchange_rate (to_currency);

-- A project's budget lines: what part of the budget, for which components and donor.
CREATE TABLE budget_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES project(id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  component_types text[] NOT NULL CHECK (cardinality(component_types) >= 1),
  donor text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (project_id, code)
);

-- The ledger of a budget line, append-only: commitments (plan approval) and their releases,
-- disbursements and their reversals, always positive amounts in the line's currency.
CREATE TABLE budget_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_line_id uuid NOT NULL REFERENCES budget_line(id),
  kind text NOT NULL CHECK (kind IN ('commitment', 'release', 'disbursement', 'reversal')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  case_id uuid REFERENCES return_case(id),
  reference text CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 200),
  override_reason text CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 500),
  entered_by uuid NOT NULL REFERENCES app_user(id),
  entered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_entry_line_idx ON budget_entry (budget_line_id);
CREATE INDEX budget_entry_case_idx ON budget_entry (case_id);

-- Rates and ledger entries are never changed or removed, by any role.
CREATE FUNCTION finance_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER exchange_rate_append_only BEFORE UPDATE OR DELETE ON exchange_rate FOR EACH ROW EXECUTE FUNCTION finance_append_only();
CREATE TRIGGER budget_entry_append_only BEFORE UPDATE OR DELETE ON budget_entry FOR EACH ROW EXECUTE FUNCTION finance_append_only();

-- The built-in programme manager keeps budget lines (finance.manage), as new installations give
-- it (shared/access.ts); the built-in finance officer role is created at start like every missing
-- built-in role. Roles administrators made are left as they are.
UPDATE role
   SET permissions = array_append(permissions, 'finance.manage'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'programme_manager' AND NOT ('finance.manage' = ANY (permissions));
