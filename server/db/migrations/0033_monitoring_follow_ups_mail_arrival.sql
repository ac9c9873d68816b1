-- Follow-ups are completed (an outcome note; a referral names the provider referred to from the
-- registry, or the protection measure taken), reassigned within the office or rescheduled with a
-- reason; each change is versioned (If-Match).
ALTER TABLE monitoring_follow_up
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN done_at timestamptz,
  ADD COLUMN done_by uuid REFERENCES app_user(id),
  ADD COLUMN outcome_note text,
  ADD COLUMN referred_provider_id uuid REFERENCES service_provider(id),
  ADD COLUMN protection_measure text,
  ADD COLUMN due_change_reason text,
  ADD CONSTRAINT monitoring_follow_up_done_check
    CHECK ((status = 'done') = (done_at IS NOT NULL AND done_by IS NOT NULL AND outcome_note IS NOT NULL)),
  ADD CONSTRAINT monitoring_follow_up_referral_check
    CHECK (kind = 'referral' OR (referred_provider_id IS NULL AND protection_measure IS NULL));
CREATE INDEX monitoring_follow_up_due_idx ON monitoring_follow_up (due_on) WHERE status = 'open';

-- The daily reminder e-mail: one row per user and day, inserted and committed before the mail is
-- handed to the SMTP server, so a repeated run (or a crash after the send) never sends it twice.
-- 'sending' left behind means the outcome is unknown: it is not retried (at most one mail a day).
CREATE TABLE monitoring_reminder_mail (
  user_id    uuid NOT NULL REFERENCES app_user(id),
  on_date    date NOT NULL,
  status     text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
  visits     integer NOT NULL,
  follow_ups integer NOT NULL,
  claimed_at timestamptz NOT NULL,
  sent_at    timestamptz,
  PRIMARY KEY (user_id, on_date)
);

-- The arrival assessment: the sustainability survey taken at arrival, before the reintegration
-- plan, scored exactly like a visit. Its own table (not a visit): it belongs to no schedule slot
-- and exists before monitoring starts. One current per case; a replacement keeps the old row,
-- marked replaced, and gives its reason.
CREATE TABLE monitoring_arrival_assessment (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id               uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  instrument_version_id uuid NOT NULL REFERENCES monitoring_instrument_version(id),
  assessed_on           date NOT NULL,
  answers               jsonb NOT NULL,
  result                jsonb NOT NULL,
  composite             text,
  recorded_by           uuid NOT NULL REFERENCES app_user(id),
  recorder_office_id    uuid REFERENCES office(id),
  recorded_at           timestamptz NOT NULL,
  replaces_id           uuid REFERENCES monitoring_arrival_assessment(id),
  replace_reason        text,
  replaced_at           timestamptz,
  version               integer NOT NULL DEFAULT 1,
  CHECK ((replaces_id IS NULL) = (replace_reason IS NULL))
);
CREATE UNIQUE INDEX monitoring_arrival_assessment_current_idx ON monitoring_arrival_assessment (case_id) WHERE replaced_at IS NULL;
