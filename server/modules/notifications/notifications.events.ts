/** Audit events of the notifications module. */
export const NOTIFICATIONS_EVENTS = ['notifications.seen'] as const;
