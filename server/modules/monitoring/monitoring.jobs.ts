import type { Clock } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { sendReminderMails, type ReminderMailSettings } from './reminder-mail.js';
import { sendMonitoringReminders } from './reminders.js';
import { runRescoreJobs } from './rescore-jobs.js';

export const MONITORING_QUEUES = ['monitoring.reminders', 'monitoring.rescore'] as const;

/**
 * Reminders every morning (UTC; a repeat the same day adds nothing), with one e-mail per officer
 * when SMTP is configured (at most one a day); queued re-scorings every minute.
 */
export const monitoringJobs = (db: Db, clock: Clock, mail?: ReminderMailSettings | null): JobDefinition[] => [
  { queue: 'monitoring.reminders', cron: '0 5 * * *', handler: async () => { await sendMonitoringReminders(db, clock); await sendReminderMails(db, clock, mail, (m) => console.warn(`[homeward] ${m}`)); } },
  { queue: 'monitoring.rescore', cron: '* * * * *', handler: async () => { while (await runRescoreJobs(db, clock)); } },
];
