import type { Timestamp } from '../../platform/db.js';

/** Tables the notifications module writes (migration 0019): when each user last looked at their notifications. */
export interface UserNotificationStateTable {
  user_id: string;
  seen_at: Timestamp;
}

export interface NotificationsTables {
  user_notification_state: UserNotificationStateTable;
}
