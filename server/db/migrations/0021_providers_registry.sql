-- The registry of service providers that deliver reintegration assistance, per office: training
-- centres, suppliers, schools, clinics, NGOs, employers. Written by the providers module only.
CREATE TABLE service_provider (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_id           uuid NOT NULL REFERENCES office(id),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind                text NOT NULL CHECK (kind IN ('training_centre', 'supplier', 'school', 'clinic', 'ngo', 'employer', 'other')),
  country_code        text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
  place               text NOT NULL,
  contact_person      text,
  phone               text,
  email               text,
  -- The component types of a reintegration plan it can deliver (shared/reintegration.ts).
  services            text[] NOT NULL DEFAULT '{}',
  services_note       text,
  -- Bank or mobile-money details: AES-256-GCM (FieldCipher) over their JSON; the last four
  -- characters of the account number kept apart for the masked view.
  payment_method      text CHECK (payment_method IN ('bank', 'mobile_money')),
  payment_encrypted   text,
  payment_last        text,
  status              text NOT NULL DEFAULT 'vetted' CHECK (status IN ('vetted', 'suspended')),
  status_reason       text,
  status_changed_by   uuid REFERENCES app_user(id),
  status_changed_at   timestamptz,
  created_by          uuid NOT NULL REFERENCES app_user(id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  version             integer NOT NULL DEFAULT 1,
  CHECK ((payment_method IS NULL) = (payment_encrypted IS NULL)),
  CHECK (status <> 'suspended' OR status_reason IS NOT NULL)
);
CREATE INDEX service_provider_office_idx ON service_provider (office_id, lower(name));

-- The built-in reintegration officer and office manager manage their office's registry, as new
-- installations give it (shared/access.ts). Roles administrators made are left as they are.
UPDATE role
   SET permissions = array_append(permissions, 'provider.manage'), version = version + 1, updated_at = now()
 WHERE builtin AND key IN ('reintegration_officer', 'office_manager') AND NOT ('provider.manage' = ANY (permissions));
