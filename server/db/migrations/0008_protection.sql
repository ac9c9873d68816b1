-- Health assessment and fit-to-travel record, per household member: a sensitive field group,
-- read and written only by holders of 'case.health', every read audited.
CREATE TABLE health_record (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id                    uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  person_id                  uuid NOT NULL REFERENCES person(id),
  conditions                 text,
  medication                 text,
  travel_needs               text,
  fit_to_travel              text NOT NULL DEFAULT 'pending' CHECK (fit_to_travel IN ('fit', 'fit_with_escort', 'unfit', 'pending')),
  certificate_attachment_id  uuid REFERENCES case_attachment(id),
  certified_by               text,
  certified_on               date,
  valid_until                date,
  recorded_by                uuid NOT NULL REFERENCES app_user(id),
  version                    integer NOT NULL DEFAULT 1,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, person_id),
  CHECK (valid_until IS NULL OR certified_on IS NULL OR valid_until >= certified_on)
);

