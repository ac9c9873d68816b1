-- The e-mail to the data-protection officers when the glass is broken: one row per grant and
-- officer, inserted and committed before the mail is handed to the SMTP server, so a repeated or
-- racing run of the job never sends it twice. A send the server refuses removes the row (the job
-- is retried and sends it then); 'sending' left behind by a crash is not repeated. Neither the
-- address nor the reason is kept here.
CREATE TABLE case_break_glass_mail (
  grant_id   uuid NOT NULL REFERENCES case_break_glass(id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES app_user(id),
  status     text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
  claimed_at timestamptz NOT NULL,
  sent_at    timestamptz,
  PRIMARY KEY (grant_id, user_id)
);
