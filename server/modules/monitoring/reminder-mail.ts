import nodemailer from 'nodemailer';
import type { Clock } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { addDays, dayOf, MONITORED_STAGES } from './schedules.repo.js';
import { DUE_WINDOW_DAYS } from './worklist.js';

/** Where reminder e-mails go out (`SMTP_URL`, `SMTP_FROM`) and the address of the worklist they link to. */
export interface ReminderMailSettings {
  smtpUrl: string;
  from: string;
  /** The absolute address of the monitoring worklist, e.g. `https://homeward.example.org/monitoring`. */
  worklistUrl: string;
}

type Lang = 'en' | 'fr' | 'es' | 'ar';
type Line = { caseNumber: string; on: string; overdue: boolean; what: 'visit' | 'follow_up_task' | 'referral' };

/** The mail's few sentences in the user's language: case references and dates only, never names. */
const TEXT: Record<Lang, { subject: (n: number) => string; intro: string; overdue: string; due: string; visit: string; follow_up_task: string; referral: string; on: string; link: string }> = {
  en: { subject: (n) => `Homeward: ${n} monitoring item(s) due`, intro: 'Your monitoring visits and follow-ups due this week or overdue:', overdue: 'Overdue', due: 'Due this week', visit: 'visit', follow_up_task: 'follow-up task', referral: 'referral', on: 'due', link: 'Open your worklist:' },
  fr: { subject: (n) => `Homeward : ${n} élément(s) de suivi à traiter`, intro: 'Vos visites de suivi et suites à donner prévues cette semaine ou en retard :', overdue: 'En retard', due: 'Cette semaine', visit: 'visite', follow_up_task: 'tâche de suivi', referral: 'orientation', on: 'échéance', link: 'Ouvrir votre liste de travail :' },
  es: { subject: (n) => `Homeward: ${n} elemento(s) de seguimiento pendientes`, intro: 'Sus visitas de seguimiento y acciones pendientes de esta semana o atrasadas:', overdue: 'Atrasadas', due: 'Esta semana', visit: 'visita', follow_up_task: 'tarea de seguimiento', referral: 'derivación', on: 'vence', link: 'Abra su lista de trabajo:' },
  ar: { subject: (n) => `Homeward: ${n} من بنود المتابعة مستحقة`, intro: 'زيارات المتابعة والإجراءات المستحقة هذا الأسبوع أو المتأخرة:', overdue: 'متأخرة', due: 'مستحقة هذا الأسبوع', visit: 'زيارة', follow_up_task: 'مهمة متابعة', referral: 'إحالة', on: 'الاستحقاق', link: 'افتح قائمة عملك:' },
};

/** The mail of one user: their items by case reference, overdue first, and the link to the worklist. */
export function reminderMail(language: string, lines: Line[], worklistUrl: string) {
  const t = TEXT[(['en', 'fr', 'es', 'ar'] as const).find((l) => l === language) ?? 'en'];
  const sorted = [...lines].sort((a, b) => a.on.localeCompare(b.on) || a.caseNumber.localeCompare(b.caseNumber));
  const block = (title: string, items: Line[]) => (items.length ? [title, ...items.map((l) => `- ${l.caseNumber}: ${t[l.what]}, ${t.on} ${l.on}`), ''] : []);
  const text = [t.intro, '', ...block(t.overdue, sorted.filter((l) => l.overdue)), ...block(t.due, sorted.filter((l) => !l.overdue)), t.link, worklistUrl, ''].join('\n');
  return { subject: t.subject(lines.length), text };
}

/**
 * The reminder e-mails of the `monitoring.reminders` job: with SMTP configured, each officer with
 * an e-mail address receives ONE mail a day listing their planned visits and open follow-ups due
 * within seven days or overdue, by case reference only (the mail leaves the system: no names, no
 * personal data), with a link to the worklist. Without settings, nothing is sent.
 *
 * At most once per user and day: the row of `monitoring_reminder_mail` (primary key user, day) is
 * inserted and committed BEFORE the mail is handed to the SMTP server, so a second run the same
 * day (or a run racing this one) finds it and sends nothing. A send the server refuses removes
 * the row, so the next run tries again; a crash between the insert and the answer leaves it
 * 'sending' and the mail is not repeated: a missed reminder (the worklist and the in-app
 * notifications still show everything) is better than a doubled one.
 */
export async function sendReminderMails(db: Db, clock: Clock, mail: ReminderMailSettings | null | undefined, log: (m: string) => void = () => {}) {
  if (!mail) return { sent: 0, failed: 0 };
  const now = clock.now();
  const today = dayOf(now);
  const until = addDays(today, DUE_WINDOW_DAYS - 1);
  const visits = await db.selectFrom('monitoring_visit as v')
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .select(['v.officer_id as user_id', 'c.case_number', 'v.planned_on as on'])
    .where('v.status', '=', 'planned').where('v.officer_id', 'is not', null).where('v.planned_on', '<=', until)
    .where('c.stage', 'in', [...MONITORED_STAGES])
    .execute();
  const followUps = await db.selectFrom('monitoring_follow_up as f')
    .innerJoin('return_case as c', 'c.id', 'f.case_id')
    .select(['f.owner_id as user_id', 'c.case_number', 'f.due_on as on', 'f.kind'])
    .where('f.status', '=', 'open').where('f.due_on', '<=', until)
    .execute();
  const byUser = new Map<string, Line[]>();
  const add = (userId: string, l: Line) => byUser.set(userId, [...(byUser.get(userId) ?? []), l]);
  for (const v of visits) add(v.user_id!, { caseNumber: v.case_number, on: v.on, overdue: v.on < today, what: 'visit' });
  for (const f of followUps) add(f.user_id, { caseNumber: f.case_number, on: f.on, overdue: f.on < today, what: f.kind as 'follow_up_task' | 'referral' });
  if (!byUser.size) return { sent: 0, failed: 0 };

  const users = await db.selectFrom('app_user').select(['id', 'email', 'preferred_language'])
    .where('id', 'in', [...byUser.keys()]).where('active', '=', true).where('email', '<>', '').execute();
  const transport = nodemailer.createTransport(mail.smtpUrl);
  let sent = 0;
  let failed = 0;
  try {
    for (const u of users) {
      const lines = byUser.get(u.id)!;
      const claimed = await db.insertInto('monitoring_reminder_mail')
        .values({ user_id: u.id, on_date: today, visits: lines.filter((l) => l.what === 'visit').length, follow_ups: lines.filter((l) => l.what !== 'visit').length, claimed_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'on_date']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!claimed) continue;
      const { subject, text } = reminderMail(u.preferred_language, lines, mail.worklistUrl);
      try {
        await transport.sendMail({ from: mail.from, to: u.email, subject, text });
      } catch (e) {
        // Refused or unreachable: nothing left, so the next run tries again. The address is not logged.
        await db.deleteFrom('monitoring_reminder_mail').where('user_id', '=', u.id).where('on_date', '=', today).where('status', '=', 'sending').execute();
        failed += 1;
        log(`A reminder e-mail was not sent (${(e as { code?: string }).code ?? (e as Error).name}).`);
        continue;
      }
      await db.updateTable('monitoring_reminder_mail').set({ status: 'sent', sent_at: clock.now() }).where('user_id', '=', u.id).where('on_date', '=', today).execute();
      sent += 1;
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
