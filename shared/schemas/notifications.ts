import { z } from 'zod';
import { closed, instant, isoDate, uuid } from './common.js';

export const NOTIFICATION_KINDS = ['handover', 'application', 'task', 'monitoring_visit', 'break_glass'] as const;

// ---- Answers ----

export const notificationsView = z.object({
  /** When the user last looked; null before the first time. */
  seenAt: instant.nullable(),
  /** Items that arrived since. */
  unseen: z.number(),
  items: z.array(z.object({
    kind: closed(NOTIFICATION_KINDS),
    /** The handover, application or special measure. */
    id: uuid,
    /** The case to open; null for a handover not yet accepted (its package is opened from the incoming list). */
    caseId: uuid.nullable(),
    caseNumber: z.string(),
    at: instant,
    dueOn: isoDate.nullable(),
    /** Tasks: the kind of special measure. */
    taskKind: z.string().optional(),
    new: z.boolean(),
  })),
});
export const notificationsSeen = z.object({ seenAt: instant });

export type NotificationsView = z.input<typeof notificationsView>;
export type NotificationItem = NotificationsView['items'][number];
