-- When each user last looked at their notifications: items of their queues (a handover to answer,
-- an application to approve, a task assigned to them) that arrived later are shown as new.
-- Written by the notifications module only.
CREATE TABLE user_notification_state (
  user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  seen_at timestamptz NOT NULL
);
