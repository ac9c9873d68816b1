import nodemailer from 'nodemailer';
import type { Clock } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';

/** The job that e-mails the data-protection officers about one break-glass grant (sent after the grant commits). */
export const BREAK_GLASS_MAIL_QUEUE = 'cases.break-glass-mail';
/** Every quarter of an hour: the mails of grants whose own job never ran (lost between the grant's commit and the queue). */
export const BREAK_GLASS_MAIL_SWEEP_QUEUE = 'cases.break-glass-mail-sweep';
/** How far back the sweep looks: a grant lasts an hour by default; officers are told of it while it matters. */
const SWEEP_HOURS = 24;

/** Where the e-mails go out (`SMTP_URL`, `SMTP_FROM`) and the address of the data-protection page they link to. */
export interface BreakGlassMailSettings {
  smtpUrl: string;
  from: string;
  /** The absolute address of the officers' page, e.g. `https://homeward.example.org/data-protection`. */
  dataProtectionUrl: string;
}

type Lang = 'en' | 'fr' | 'es' | 'ar';
interface Facts { caseNumber: string; openedBy: string; grantedAt: Date; expiresAt: Date }

/** The few sentences in the officer's language: the case number, who, when and until when; never the reason or a returnee's name. */
const TEXT: Record<Lang, { subject: (c: string) => string; intro: string; caseLabel: string; by: string; at: string; until: string; review: string; link: string }> = {
  en: { subject: (c) => `Homeward: break-glass access to case ${c}`, intro: 'A supervisor opened a case outside their scope through break-glass access.', caseLabel: 'Case', by: 'Opened by', at: 'When', until: 'Access until', review: 'The reason they gave and the accesses made are on the data-protection page, where you review it.', link: 'Open the data-protection page:' },
  fr: { subject: (c) => `Homeward : accès d’urgence au dossier ${c}`, intro: 'Un superviseur a ouvert un dossier hors de son périmètre par un accès d’urgence (bris de glace).', caseLabel: 'Dossier', by: 'Ouvert par', at: 'Quand', until: 'Accès jusqu’à', review: 'Le motif donné et les accès effectués figurent sur la page Protection des données, où vous le contrôlez.', link: 'Ouvrir la page Protection des données :' },
  es: { subject: (c) => `Homeward: acceso de emergencia al expediente ${c}`, intro: 'Un supervisor abrió un expediente fuera de su ámbito mediante un acceso de emergencia (romper el cristal).', caseLabel: 'Expediente', by: 'Abierto por', at: 'Cuándo', until: 'Acceso hasta', review: 'El motivo indicado y los accesos realizados figuran en la página de protección de datos, donde usted lo revisa.', link: 'Abra la página de protección de datos:' },
  ar: { subject: (c) => `Homeward: وصول طارئ إلى الملف ${c}`, intro: 'فتح مشرف ملفًا خارج نطاقه عبر الوصول الطارئ (كسر الزجاج).', caseLabel: 'الملف', by: 'فتحه', at: 'متى', until: 'الوصول حتى', review: 'السبب المقدَّم وعمليات الوصول التي تمت موجودة في صفحة حماية البيانات، حيث تراجعه.', link: 'افتح صفحة حماية البيانات:' },
};

/** A time as `2026-03-02 14:05 UTC`: the same in every language, unambiguous across time zones. */
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The mail of one officer about one grant. */
export function breakGlassMail(language: string, facts: Facts, dataProtectionUrl: string) {
  const t = TEXT[(['en', 'fr', 'es', 'ar'] as const).find((l) => l === language) ?? 'en'];
  const text = [
    t.intro, '',
    `${t.caseLabel}: ${facts.caseNumber}`,
    `${t.by}: ${facts.openedBy}`,
    `${t.at}: ${utc(facts.grantedAt)}`,
    `${t.until}: ${utc(facts.expiresAt)}`, '',
    t.review, '',
    t.link, dataProtectionUrl, '',
  ].join('\n');
  return { subject: t.subject(facts.caseNumber), text };
}

/**
 * The `cases.break-glass-mail` job: with SMTP configured, each active officer of the grant's
 * organisation (a role granting `person.access_log.read`) with an e-mail address receives ONE mail
 * about the grant: the case number, who opened it, when and until when, and a link to the
 * data-protection page. Not the reason (free text that may name the returnee), no personal data.
 * Without settings, nothing is sent. A grant gone (its case erased) sends nothing.
 *
 * Exactly once per grant and officer: the row of `case_break_glass_mail` is inserted and committed
 * BEFORE the mail is handed to the SMTP server, so a second run finds it and skips that officer. A
 * send the server refuses removes the row, and the job then fails so that the queue retries it
 * (with backoff); the retry sends only what is missing. Addresses are never logged.
 */
export async function sendBreakGlassMails(
  grantId: string,
  { db, clock, mail, log = () => {} }: { db: Db; clock: Clock; mail: BreakGlassMailSettings | null | undefined; log?: (m: string) => void },
) {
  if (!mail) return { sent: 0, failed: 0 };
  const grant = await db.selectFrom('case_break_glass as g')
    .innerJoin('return_case as c', 'c.id', 'g.case_id')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.organisation_id', 'g.granted_at', 'g.expires_at', 'c.case_number', 'u.name as opened_by'])
    .where('g.id', '=', grantId)
    .executeTakeFirst();
  if (!grant) return { sent: 0, failed: 0 };
  const officers = await db.selectFrom('app_user as u')
    .select(['u.id', 'u.email', 'u.preferred_language'])
    .where('u.organisation_id', '=', grant.organisation_id)
    .where('u.active', '=', true)
    .where('u.email', '<>', '')
    .where((eb) => eb.exists(eb.selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id')
      .select('ur.user_id').whereRef('ur.user_id', '=', 'u.id').where((e) => e(e.val('person.access_log.read'), '=', e.fn.any('r.permissions')))))
    .orderBy('u.id')
    .execute();
  if (!officers.length) return { sent: 0, failed: 0 };

  const facts: Facts = { caseNumber: grant.case_number, openedBy: grant.opened_by, grantedAt: grant.granted_at, expiresAt: grant.expires_at };
  const transport = nodemailer.createTransport(mail.smtpUrl);
  let sent = 0;
  let failed = 0;
  try {
    for (const o of officers) {
      const claimed = await db.insertInto('case_break_glass_mail')
        .values({ grant_id: grant.id, user_id: o.id, claimed_at: clock.now() })
        .onConflict((oc) => oc.columns(['grant_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!claimed) continue;
      const { subject, text } = breakGlassMail(o.preferred_language, facts, mail.dataProtectionUrl);
      try {
        await transport.sendMail({ from: mail.from, to: o.email, subject, text });
      } catch (e) {
        // Refused or unreachable: the claim goes, so the retry sends it. The address is not logged.
        await db.deleteFrom('case_break_glass_mail').where('grant_id', '=', grant.id).where('user_id', '=', o.id).where('status', '=', 'sending').execute();
        failed += 1;
        log(`A break-glass e-mail to a data-protection officer was not sent (${(e as { code?: string }).code ?? (e as Error).name}).`);
        continue;
      }
      await db.updateTable('case_break_glass_mail').set({ status: 'sent', sent_at: clock.now() }).where('grant_id', '=', grant.id).where('user_id', '=', o.id).execute();
      sent += 1;
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}

/** The job's handler: a refused send fails the job, so the queue retries it. */
export async function breakGlassMailJob(grantId: string, deps: Parameters<typeof sendBreakGlassMails>[1]) {
  const { failed } = await sendBreakGlassMails(grantId, deps);
  if (failed) throw new Error(`${failed} break-glass e-mail(s) not sent; the job is retried`);
}

/**
 * The `cases.break-glass-mail-sweep` job: the job of a grant is queued right after the grant
 * commits, so a failure between the two (the queue unreachable, the process stopped) would leave
 * the officers without their mail. Every quarter of an hour, the grants of the last day that no
 * mail was ever claimed for are sent as their own job would (the claims keep it to one mail per
 * officer, whichever runs first). Answers how many grants it looked at and the mails sent.
 */
export async function sweepBreakGlassMails(deps: Parameters<typeof sendBreakGlassMails>[1]) {
  if (!deps.mail) return { grants: 0, sent: 0 };
  const since = new Date(deps.clock.now().getTime() - SWEEP_HOURS * 3_600_000);
  const grants = await deps.db.selectFrom('case_break_glass as g').select('g.id')
    .where('g.granted_at', '>=', since)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_break_glass_mail as m').select('m.grant_id').whereRef('m.grant_id', '=', 'g.id'))))
    .orderBy('g.granted_at').execute();
  let sent = 0;
  for (const g of grants) sent += (await sendBreakGlassMails(g.id, deps)).sent;
  return { grants: grants.length, sent };
}
